"""The contact form under stress: many patients at once, a mail server outage, a database outage.

Whatever fails around it, a message a patient sends is either stored or the patient is told
plainly that it was not (and given the crisis numbers); staff hear about each stored enquiry
exactly once.
"""

import http.client
import io
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client

from intake.choices import ContactMethod, Topic
from intake.models import Enquiry
from tests.fixtures.demo import put_back_demo
from tests.fixtures.intake import CONTACT_URL, THANK_YOU_URL

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): concurrent
# requests; emails claimed with conditional UPDATEs.
pytestmark = pytest.mark.backend_specific

STAFF_ADDRESS = "intake@willowmere-clinic.example"  # the demo's intake_notification_emails
NOTICE_SUBJECT = re.compile(r"(?:URGENT: new|New) enquiry #(\d+)$")


def patient_address(number):
    return f"patient{number}@example.com"


def notice_counts(subjects):
    """How many staff notices each enquiry id got, from the subjects of the emails sent."""
    matches = (NOTICE_SUBJECT.match(subject or "") for subject in subjects)
    return Counter(int(match.group(1)) for match in matches if match)


def acknowledgement_counts(messages):
    """How many acknowledgements each patient address got."""
    return Counter(message["To"] for message in messages if message["To"] != STAFF_ADDRESS)


# --- Many patients at once --------------------------------------------------------------------

CONCURRENT_ENQUIRIES = 200
CONCURRENT_VISITORS = 24  # threads, each a browser sending one enquiry after another
HIDDEN_INPUT = '<input type="hidden" name="{}" value="([^"]*)"'


@dataclass
class Reply:
    status: int
    headers: Message
    body: str


def http_request(base_url, method, path, body=None, headers=None):
    """One request over its own connection, as a separate browser would make it."""
    address = urlsplit(base_url)
    server = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        server.request(method, path, body=body, headers=headers or {})
        response = server.getresponse()
        return Reply(response.status, response.msg, response.read().decode())
    finally:
        server.close()


def hidden_value(html, name):
    return re.search(HIDDEN_INPUT.format(name), html).group(1)


def cookie_header(reply):
    cookies = SimpleCookie()
    for header in reply.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())


def patient_fields(number):
    """A genuine-looking enquiry from patient `number`: their address tells them apart."""
    return {
        "name": f"Patient Number {number}",
        "email": patient_address(number),
        "phone": "",
        "contact_method": ContactMethod.EMAIL,
        "best_time": "any",
        "topic": Topic.CHRONIC_PAIN,
        "message": "My shoulder has hurt for months. Could I book a first appointment?",
        "consent": "on",
        "source": "",
        "website": "",
    }


def send_enquiry(base_url, number):
    """Open the form (CSRF cookie, token, signed timestamp), fill it in and send it."""
    form = http_request(base_url, "GET", CONTACT_URL)
    assert form.status == 200, form.status
    fields = {
        **patient_fields(number),
        "csrfmiddlewaretoken": hidden_value(form.body, "csrfmiddlewaretoken"),
        "started": hidden_value(form.body, "started"),
    }
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie_header(form),
    }
    return http_request(base_url, "POST", CONTACT_URL, urlencode(fields), headers)


@pytest.fixture
def live_site(transactional_db, live_server, database_copies):
    """The live server's base URL, with the demo site committed where its threads see it."""
    put_back_demo(database_copies)
    return live_server.url


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: on SQLite the live server's threads share the test database's "
    "one in-memory connection, so concurrent requests interleave each other's transactions "
    '("cannot start a transaction within a transaction")',
)
def test_200_enquiries_sent_at_once_are_all_stored_and_notified(live_site, settings):
    # One address sends everything, and immediately: lift the rate limit and the minimum
    # fill time so that neither files these real enquiries as blocked or spam.
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = CONCURRENT_ENQUIRIES * 10
    settings.INTAKE_MIN_FILL_SECONDS = 0

    with ThreadPoolExecutor(max_workers=CONCURRENT_VISITORS) as pool:
        numbers = range(CONCURRENT_ENQUIRIES)
        replies = list(pool.map(lambda number: send_enquiry(live_site, number), numbers))

    assert Counter(reply.status for reply in replies) == {302: CONCURRENT_ENQUIRIES}
    assert {reply.headers["Location"] for reply in replies} == {THANK_YOU_URL}
    stored = Enquiry.objects.all()
    assert stored.count() == CONCURRENT_ENQUIRIES
    assert stored.filter(status="new").count() == CONCURRENT_ENQUIRIES  # none filed as spam
    expected_addresses = {patient_address(number) for number in numbers}
    assert set(stored.values_list("email", flat=True)) == expected_addresses
    # And each staff notice went out once, to the right enquiry.
    assert stored.exclude(notification_status="sent").count() == 0
    enquiry_ids = stored.values_list("pk", flat=True)
    assert notice_counts(email.subject for email in mail.outbox) == dict.fromkeys(enquiry_ids, 1)


# --- The mail server goes down ----------------------------------------------------------------

SENT_BEFORE_OUTAGE = range(0, 3)
SENT_DURING_OUTAGE = range(3, 8)
URGENT_MESSAGE = "Since the accident some days I want to die. Please call me back."


def retry_notifications():
    call_command("retry_notifications", stdout=io.StringIO())


def send_enquiries(submit, form_data, numbers):
    """Each patient from their own address (the rate limit is per address); returns the ids."""
    for number in numbers:
        data = {**form_data, "email": patient_address(number)}
        if number == SENT_DURING_OUTAGE[-1]:
            data["message"] = URGENT_MESSAGE
        response = submit(data, REMOTE_ADDR=f"203.0.113.{number + 1}")
        assert response.status_code == 302
        assert response["Location"] == THANK_YOU_URL
    addresses = [patient_address(number) for number in numbers]
    return list(Enquiry.objects.filter(email__in=addresses).values_list("pk", flat=True))


@pytest.fixture
def outage(smtp_server, submit, form_data):
    """Enquiries sent while the mail server ran, then while it was down; returns both id lists."""
    smtp_server.start()
    before = send_enquiries(submit, form_data, SENT_BEFORE_OUTAGE)
    smtp_server.stop()
    during = send_enquiries(submit, form_data, SENT_DURING_OUTAGE)
    return before, during


def test_enquiries_sent_while_the_mail_server_is_down_are_kept_with_the_failure_recorded(
    outage, smtp_server
):
    _, during = outage

    assert Enquiry.objects.count() == len(SENT_BEFORE_OUTAGE) + len(SENT_DURING_OUTAGE)
    for enquiry in Enquiry.objects.filter(pk__in=during):
        assert enquiry.status == "new"
        assert enquiry.notification_status == "failed"
        assert enquiry.notification_error == "ConnectionRefusedError: Connection refused"
        assert enquiry.notification_attempts == 1
        assert enquiry.notified_at is None
        assert enquiry.acknowledgement_status == "failed"
    assert set(Enquiry.objects.undelivered().values_list("pk", flat=True)) == set(during)
    assert Enquiry.objects.filter(pk__in=during, urgent=True).count() == 1


def test_once_the_mail_server_is_back_every_notice_arrives_exactly_once(outage, smtp_server):
    before, during = outage
    smtp_server.start()

    retry_notifications()
    retry_notifications()

    every_id = before + during
    subjects = [message["Subject"] for message in smtp_server.messages]
    assert notice_counts(subjects) == dict.fromkeys(every_id, 1)
    every_address = [patient_address(n) for n in (*SENT_BEFORE_OUTAGE, *SENT_DURING_OUTAGE)]
    assert acknowledgement_counts(smtp_server.messages) == dict.fromkeys(every_address, 1)
    assert not Enquiry.objects.undelivered().exists()
    assert Enquiry.objects.filter(notification_error="").count() == len(every_id)


def test_notices_link_to_their_enquiry_and_the_urgent_one_says_so(outage, smtp_server):
    smtp_server.start()

    retry_notifications()

    urgent = Enquiry.objects.get(urgent=True)
    notices = [m for m in smtp_server.messages if NOTICE_SUBJECT.match(m["Subject"])]
    assert len(notices) == len(SENT_BEFORE_OUTAGE) + len(SENT_DURING_OUTAGE)
    for notice in notices:
        enquiry_id = int(NOTICE_SUBJECT.match(notice["Subject"]).group(1))
        body = notice.get_payload(decode=True).decode()
        assert f"/admin/enquiries/inspect/{enquiry_id}/" in body
        assert notice["Subject"].startswith("URGENT") == (enquiry_id == urgent.pk)


def test_retrying_again_after_delivery_sends_nothing_more(outage, smtp_server):
    smtp_server.start()
    retry_notifications()
    delivered = len(smtp_server.messages)
    assert delivered == 2 * (len(SENT_BEFORE_OUTAGE) + len(SENT_DURING_OUTAGE))  # notice + ack

    retry_notifications()
    retry_notifications()

    assert len(smtp_server.messages) == delivered


# --- The database goes down -------------------------------------------------------------------

PERSONAL_VALUES = ("Rowan", "Tenney", "rowan@example.com", "lower back")


# form_data comes before database_down on purpose: pytest sets fixtures up in the order they
# are listed, so the demo site is built while the database is still there.
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_contact_page_answers_a_friendly_503_while_the_database_is_down(
    form_data, database_down, method
):
    client = Client(raise_request_exception=False)

    response = getattr(client, method)(CONTACT_URL, form_data if method == "post" else None)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "We'll be back in a moment" in html
    assert "/static/css/site.css" in html  # the site's own design, not a bare server page
    assert 'href="tel:988"' in html
    assert 'href="tel:911"' in html
    for leak in ("Traceback", "OperationalError", "psycopg", *PERSONAL_VALUES):
        assert leak not in html, leak
