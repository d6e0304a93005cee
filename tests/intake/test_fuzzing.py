"""Property-based fuzzing of the contact form: whatever a browser or a bot sends, no 500.

Each generated submission starts from a valid one and replaces or drops a few fields with
hostile values (any Unicode, control and null characters, HTML and script, SQL-ish text,
huge values up to 100,000 characters, several values for one field). The outcome must
always be one a visitor can act on: the thank-you redirect with the enquiry stored (or, for
a filled honeypot, silently discarded), or the form again with an error summary that names
at least one problem.
"""

import operator
import re
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from intake.choices import BestTime, ContactMethod, SpamReason, Topic
from intake.forms import HONEYPOT_FIELD, EnquiryForm
from intake.models import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, Enquiry
from tests.fixtures.intake import CONTACT_URL, THANK_YOU_URL, started_token

pytestmark = pytest.mark.slow

# Every field the form reads except the honeypot, which is handled apart (see below).
CHECKED_FIELDS = tuple(name for name in EnquiryForm.base_fields if name != HONEYPOT_FIELD)
# Fields where any text is acceptable (or ignored), up to a length.
FREE_TEXT_FIELDS = ("name", "message", "source", "started")
XSS_PROBE = "xss-probe"
HOSTILE_VALUES = (
    f"<script>alert('{XSS_PROBE}')</script>",
    f"\"><img src=x onerror=alert('{XSS_PROBE}')>",
    f"</textarea><script>alert('{XSS_PROBE}')</script>",
    "'; DROP TABLE intake_enquiry; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)--",
    "{{ 7|add:7 }}{% debug %}",
    "%s%n%x",
    "\x00",
    "Ro\x00wan",
    "\u202eevil",
    "\ufeff",
    "\r\n\r\n",
    " ",
    "Zoë 名前 🙂",
    "²",
    "١٢٣",
    "-1",
    "0",
    "9" * 20,
    "1" * 5000,
    "[url=http://spam.example]x[/url]",
    "http://a.example www.b.example https://c.example",
    "I want to die",
    # Valid values too, so that a replaced field is sometimes still valid and mixes of valid
    # fields (a phone number with "phone" as the contact method) are reached.
    *ContactMethod.values,
    *BestTime.values,
    *Topic.values,
    "on",
    "false",
    "(503) 555-0199",
    "+44 20 7946 0958",
    "someone@example.com",
    "ünïcödé@exämple.com",
    started_token(),
)
LARGEST_VALUE = 100_000
HUGE_PIECE = 10

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=300),
    # Huge values: a short piece repeated, cheap to generate, up to LARGEST_VALUE characters.
    st.builds(
        operator.mul,
        st.text(min_size=1, max_size=HUGE_PIECE),
        st.integers(min_value=1, max_value=LARGEST_VALUE // HUGE_PIECE),
    ),
    st.lists(st.sampled_from(HOSTILE_VALUES), min_size=2, max_size=4).map("".join),
)
# None drops the field; a list sends it several times, as a tampered form could.
field_value = st.one_of(st.none(), hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


@st.composite
def hostile_changes(draw):
    """Fields to replace (field: value) or drop (field: None).

    Three shapes: any few fields; only the fields that accept any text (so that the weird
    values really reach the database); every field at once. A filled honeypot ends the request
    before any validation, so it is filled in about one example in four only.
    """
    few = st.dictionaries(st.sampled_from(CHECKED_FIELDS), field_value, max_size=3)
    free_text = st.fixed_dictionaries({}, optional=dict.fromkeys(FREE_TEXT_FIELDS, hostile_text))
    every = st.fixed_dictionaries(dict.fromkeys(CHECKED_FIELDS, field_value))
    changed = draw(st.one_of(few, free_text, every))
    if draw(st.sampled_from((False, False, False, True))):
        changed[HONEYPOT_FIELD] = draw(field_value)
    return changed


ERROR_ITEM = re.compile(r'<ul class="error-summary__list">\s*<li>', re.DOTALL)
RAW_MARKUP = (f"<script>alert('{XSS_PROBE}')", f"<img src=x onerror=alert('{XSS_PROBE}')")


def submission(valid_data, field_changes):
    """The valid form data with some fields replaced by, or dropped for, hostile values."""
    data = dict(valid_data)
    for field, value in field_changes.items():
        if value is None:
            data.pop(field, None)
        else:
            data[field] = value
    return data


def last_value(data, field):
    """What a QueryDict's get() gives the view: the last of several values."""
    value = data.get(field, "")
    return value[-1] if isinstance(value, list) else value


def honeypot_filled(data):
    return bool(last_value(data, HONEYPOT_FIELD).strip())


def assert_no_raw_markup(html):
    for markup in RAW_MARKUP:
        assert markup not in html


def assert_stored_enquiry_is_clean(enquiry):
    for text in (enquiry.name, enquiry.email, enquiry.message):
        assert "\x00" not in text
    assert 0 < len(enquiry.name.strip()) <= NAME_MAX_LENGTH
    assert 0 < len(enquiry.message.strip()) <= MESSAGE_MAX_LENGTH
    assert enquiry.status in {"new", "spam"}


def outcome_of_post(client, data):
    """POST one submission and check the outcome; returns its name for the tally."""
    before = Enquiry.objects.count()
    response = client.post(CONTACT_URL, data)
    assert response.status_code in {200, 302}, response.status_code
    if response.status_code == 302:
        assert response["Location"] == THANK_YOU_URL
        if honeypot_filled(data) and Enquiry.objects.count() == before:
            return "discarded"
        assert Enquiry.objects.count() == before + 1
        if honeypot_filled(data):
            # Only crisis language is kept despite the honeypot (autofill can fill it),
            # marked with that reason: e.g. "WNT:T0:D1E", found by this test.
            kept = Enquiry.objects.latest("pk")
            assert kept.urgent and SpamReason.HONEYPOT in kept.spam_reasons.split(",")
            assert_stored_enquiry_is_clean(kept)
            return "kept for its crisis language"
        assert_stored_enquiry_is_clean(Enquiry.objects.latest("pk"))
        return "stored"
    html = response.content.decode()
    assert Enquiry.objects.count() == before
    assert ERROR_ITEM.search(html), "the form came back without naming a problem"
    assert_no_raw_markup(html)
    return "rejected"


def test_any_submission_is_stored_or_rejected_with_a_message_never_a_server_error(
    client, form_data, settings
):
    # Every example comes from one address: lift the rate limit so it never answers 429.
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 10**9
    tally = Counter()

    # The fixtures are set up once for the whole run (the inner function is what Hypothesis
    # calls); each example runs in a savepoint that is rolled back, so none sees another's
    # enquiries and a database error can't poison the examples after it.
    @hypothesis_settings(
        # Each example is a full form post (about 0.1 s); 200 reach every outcome many times
        # over, and the @example()s below pin what earlier runs found.
        max_examples=200,
        deadline=None,
        database=None,  # no .hypothesis/ folder in the working tree
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(hostile_changes())
    # Found by this test once; kept as fixed examples so they are tried on every run.
    @example({"source": "²"})  # a digit int() refuses: was a 500
    @example({"source": "1" * 5000})  # beyond int()'s 4,300 digits: was a 500
    @example({"source": "\x00"})  # a hidden-field error, with nothing shown: was a dead end
    @example({"started": "\x00"})
    @example({"message": "WNT:T0:D1E", HONEYPOT_FIELD: "x"})  # crisis with the honeypot filled
    def post_hostile_submission(field_changes):
        data = submission(form_data, field_changes)
        with transaction.atomic():
            tally[outcome_of_post(client, data)] += 1
            transaction.set_rollback(True)

    post_hostile_submission()

    # Every path was really exercised, not only the validation errors (typically 25 to 65
    # stored, 100 to 140 rejected and about 35 discarded).
    assert tally["stored"] >= 10, tally
    assert tally["rejected"] >= 50, tally
    assert tally["discarded"] >= 10, tally


@hypothesis_settings(
    max_examples=50,  # each a full page render; the @example()s pin what earlier runs found
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(source=hostile_text)
@example(source="²")
@example(source="1" * 5000)
def test_any_from_parameter_shows_the_form(client, contact_page, source):
    response = client.get(CONTACT_URL, {"from": source})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="source"' in html
    assert_no_raw_markup(html)
