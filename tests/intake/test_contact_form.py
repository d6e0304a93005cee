"""The public contact form: rendering, validation, cleaning, source attribution and PRG."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from clinic.models import StandardPage
from intake.models import Enquiry
from tests.fixtures.intake import CONTACT_URL, THANK_YOU_URL

# Per-visitor values that the page cache fills in fresh on every visit.
PER_VISITOR_VALUE = re.compile(r'name="(?:csrfmiddlewaretoken|started)" value="[^"]+"')


def html_of(response):
    return response.content.decode()


def main_of(response):
    html = html_of(response)
    return html[html.index("<main") : html.index("</main>")]


# --- Rendering and accessibility -------------------------------------------------------


def test_contact_page_renders_the_form_with_one_h1(client, contact_page):
    response = client.get(CONTACT_URL)

    assert response.status_code == 200
    html = html_of(response)
    assert html.count("<h1") == 1
    assert '<form class="intake-form" method="post" action="/contact/" novalidate>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert html.count('name="csrfmiddlewaretoken"') == 1


def test_fields_carry_autocomplete_hints(client, contact_page):
    html = html_of(client.get(CONTACT_URL))

    assert re.search(r'<input type="text" name="name" autocomplete="name"', html)
    assert re.search(r'<input type="email" name="email" autocomplete="email"', html)
    assert re.search(r'<input type="tel" name="phone" autocomplete="tel"', html)


def test_help_texts_are_tied_to_their_fields(client, contact_page):
    html = html_of(client.get(CONTACT_URL))

    assert 'aria-describedby="id_email_helptext"' in html
    assert 'id="id_email_helptext"' in html
    assert 'aria-describedby="id_message_helptext"' in html


@pytest.mark.parametrize(
    "legend",
    ["How should we contact you?", "Best time to reach you", "What would you like help with?"],
)
def test_choice_groups_are_fieldsets_with_a_legend(client, contact_page, legend):
    html = html_of(client.get(CONTACT_URL))

    fieldset = re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*" + re.escape(legend), html)
    assert fieldset is not None


@pytest.mark.parametrize(
    ("field", "legend"),
    [("contact_method", "How should we contact you?"), ("topic", "What would you like help with?")],
)
def test_choice_group_with_an_error_is_described_by_it(submit, form_data, field, legend):
    form_data[field] = ""

    html = html_of(submit(form_data))

    fieldset = re.search(
        r'<fieldset aria-describedby="([^"]*)">\s*<legend[^>]*>\s*' + re.escape(legend), html
    )
    assert fieldset is not None
    assert f"id_{field}_error" in fieldset.group(1).split()
    assert f'id="id_{field}_error"' in html


def test_contact_page_meta_description_falls_back_to_the_intro(client, contact_page):
    contact_page.intro = "<p>Write to us &amp; we <b>reply</b>.</p><p>Promise.</p>"
    contact_page.search_description = ""
    contact_page.save_revision().publish()

    html = html_of(client.get(CONTACT_URL))

    assert '<meta name="description" content="Write to us &amp; we reply. Promise.">' in html


def test_contact_page_meta_description_prefers_the_seo_field(client, contact_page):
    contact_page.search_description = "Get in touch with our intake team."
    contact_page.save_revision().publish()

    html = html_of(client.get(CONTACT_URL))

    assert '<meta name="description" content="Get in touch with our intake team.">' in html


def test_safety_notice_comes_before_the_form_with_tel_and_sms_links(client, contact_page):
    html = main_of(client.get(CONTACT_URL))

    notice = html.index("safety-notice")
    assert notice < html.index("<form")
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html
    assert 'href="sms:988"' in html
    assert 'href="https://988lifeline.org/chat/"' in html
    assert 'href="sms:741741?&amp;body=HOME"' in html
    assert "not monitored around the clock" in html
    assert "detailed medical history" in html


def test_safety_notice_follows_the_clinic_settings(client, clinic_settings):
    clinic_settings.crisis_text_line_number = "555111"
    clinic_settings.crisis_text_line_keyword = "TALK"
    clinic_settings.save()

    html = main_of(client.get(CONTACT_URL))

    assert 'href="sms:555111?&amp;body=TALK"' in html
    assert "TALK to 555111" in html


def not_urgent_notice(html):
    notice = html[html.index('<p class="not-urgent-notice">') :]
    return " ".join(notice[: notice.index("</p>")].split())


def test_the_page_says_near_the_top_that_the_form_is_not_for_urgent_problems(client, contact_page):
    """Clinical review M2: the form is answered in two working days, so what can't wait goes
    to the clinic's phone, with its hours, and an emergency to 911."""
    html = main_of(client.get(CONTACT_URL))
    notice = not_urgent_notice(html)

    assert html.index("not-urgent-notice") < html.index("safety-notice") < html.index("<form")
    assert notice.startswith(
        '<p class="not-urgent-notice"><strong>This form is not for urgent problems.</strong> '
        "If it can't wait 2 working days, call us at "
        '<a href="tel:5550104477">(555) 010-4477</a>. '
        "We're open Monday to Thursday 9am to 6pm, Friday 9am to 2pm. "
    )
    assert notice.endswith('In an emergency call <a href="tel:911">911</a>.')
    assert "988" not in notice  # the safety notice's, not repeated


def test_the_not_urgent_notice_follows_the_clinic_settings(client, clinic_settings):
    clinic_settings.phone = "+1 555 010 9000"
    clinic_settings.reply_within_working_days = 1
    clinic_settings.monday_opens = clinic_settings.monday_closes = None
    clinic_settings.emergency_number = "112"
    clinic_settings.save()

    notice = not_urgent_notice(main_of(client.get(CONTACT_URL)))

    assert (
        "If it can't wait 1 working day, call us at "
        '<a href="tel:+15550109000">+1 555 010 9000</a>. '
        "We're open Tuesday to Thursday 9am to 6pm, Friday 9am to 2pm."
    ) in notice
    assert 'In an emergency call <a href="tel:112">112</a>.' in notice


def test_without_a_phone_the_not_urgent_notice_gives_the_emergency_number(client, clinic_settings):
    clinic_settings.phone = ""
    clinic_settings.save()

    notice = not_urgent_notice(main_of(client.get(CONTACT_URL)))

    assert "call us" not in notice and "We're open" not in notice
    assert notice.endswith(
        "<strong>This form is not for urgent problems.</strong> "
        'In an emergency call <a href="tel:911">911</a>.'
    )


def test_consent_label_links_to_the_privacy_policy(client, contact_page):
    html = html_of(client.get(CONTACT_URL))

    label = re.search(r'<label for="id_consent"[^>]*>(.*?)</label>', html, re.DOTALL).group(1)
    assert '<a href="/privacy-policy/">privacy policy</a>' in label


def test_form_page_is_shared_from_the_page_cache(client, contact_page):
    first = client.get(CONTACT_URL)
    second = Client().get(CONTACT_URL)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    without_tokens = [PER_VISITOR_VALUE.sub("", html_of(r)) for r in (first, second)]
    assert without_tokens[0] == without_tokens[1]


def test_contact_page_is_linked_from_the_menu_and_the_home_page(client, contact_page):
    html = html_of(client.get("/"))

    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert 'href="/contact/"' in nav
    hero = html[html.index('class="hero"') : html.index("</section>")]
    assert 'href="/contact/"' in hero


# --- Validation matrix ------------------------------------------------------------------

VALID_VALUES = [
    ("name", "Zoë O'Brien-Nakamura"),
    ("email", "zoe.obrien+clinic@example.org"),
    ("phone", "(503) 555-0199"),
    ("phone", "+44 20 7946 0958"),
    ("contact_method", "phone"),
    ("best_time", "evening"),
    ("topic", "ptsd"),
    ("message", "x" * 2000),
]

INVALID_VALUES = [
    ("name", "", "Enter your full name."),
    ("name", "n" * 101, "at most 100 characters"),
    ("email", "", "Enter your email address."),
    ("email", "not-an-email", "Enter an email address like name@example.com."),
    ("email", "a" * 250 + "@example.com", "at most 254 characters"),
    ("phone", "12", "Enter a phone number like (503) 555-0199."),
    ("phone", "call me maybe", "Enter a phone number like (503) 555-0199."),
    ("contact_method", "", "Choose how we should contact you."),
    ("contact_method", "carrier-pigeon", "Select a valid choice."),
    ("best_time", "midnight", "Select a valid choice."),
    ("topic", "", "Choose what you would like help with."),
    ("topic", "dentistry", "Select a valid choice."),
    ("message", "", "Write a short message."),
    ("message", "   ", "Write a short message."),
    ("message", "x" * 2001, "at most 2000 characters"),
    ("consent", "", "Please tick the box so that we may contact you."),
]


@pytest.mark.parametrize(("field", "value"), VALID_VALUES)
def test_field_accepts_a_good_value(submit, form_data, field, value):
    if field == "contact_method":
        form_data["phone"] = "(503) 555-0199"
    form_data[field] = value

    response = submit(form_data)

    assert response.status_code == 302, re.findall(r"invalid-feedback.*?</div>", str(response))
    assert Enquiry.objects.count() == 1


@pytest.mark.parametrize(("field", "value", "message"), INVALID_VALUES)
def test_field_rejects_a_bad_value_with_a_message(submit, form_data, field, value, message):
    form_data[field] = value

    response = submit(form_data)

    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    html = html_of(response)
    assert message in html
    assert f'id="id_{field}_error"' in html or (field == "consent" and "id_consent_error" in html)


@pytest.mark.parametrize("method", ["phone", "text"])
def test_phone_or_text_needs_a_phone_number(submit, form_data, method):
    form_data["contact_method"] = method

    response = submit(form_data)

    assert Enquiry.objects.count() == 0
    assert "Please give a phone number so we can call or text you" in html_of(response)
    assert 'id="id_phone_error"' in html_of(response)


def test_phone_number_is_stored_in_e164_with_the_default_region(submit, form_data):
    form_data.update(phone="(503) 555-0199", contact_method="text")

    submit(form_data)

    assert str(Enquiry.objects.get().phone) == "+15035550199"


def test_phone_default_region_is_configurable(submit, form_data, settings):
    settings.PHONENUMBER_DEFAULT_REGION = "GB"
    form_data.update(phone="020 7946 0958", contact_method="phone")

    submit(form_data)

    assert str(Enquiry.objects.get().phone) == "+442079460958"


def test_errors_keep_what_was_typed_and_show_a_summary_with_links(submit, form_data):
    form_data.update(email="not-an-email", topic="", message="Tuesdays suit me best.")

    response = submit(form_data)

    html = html_of(response)
    assert 'value="Rowan Tenney"' in html
    assert 'value="not-an-email"' in html
    assert "Tuesdays suit me best." in html
    assert 'value="email" ' in html and "checked" in html
    summary = re.search(r"<div class=\"error-summary\"(.*?)</div>", html, re.DOTALL).group(0)
    assert "data-error-summary" in summary
    assert 'tabindex="-1"' in summary
    assert 'href="#id_email"' in summary
    assert 'href="#id_topic_0"' in summary
    assert html.index("error-summary") < html.index("<form")
    assert "<title>Error: " in html


def test_errors_are_tied_to_their_fields(submit, form_data):
    form_data["email"] = "not-an-email"

    html = html_of(submit(form_data))

    field = re.search(r'<input type="email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert "id_email_error" in field


def test_error_response_is_never_cached(submit, form_data):
    form_data["email"] = ""

    response = submit(form_data)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- Cleaning -----------------------------------------------------------------------------


def test_control_characters_are_stripped_and_line_breaks_kept(submit, form_data):
    form_data["name"] = "Ro\x00wan\x1b Ten\u202eney\n"
    form_data["message"] = "First line\r\nSecond\tline\x07\x0b end"

    submit(form_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Rowan Tenney"
    assert enquiry.message == "First line\nSecond\tline end"


def test_message_of_2000_characters_with_crlf_line_breaks_fits(submit, form_data):
    # A browser counts each line break as one character but sends two.
    form_data["message"] = "\r\n".join(["x" * 99] * 20)  # 1999 characters once normalised

    response = submit(form_data)

    assert response.status_code == 302
    assert len(Enquiry.objects.get().message) == 1999


# --- Post/redirect/get ----------------------------------------------------------------------


def test_valid_submission_redirects_to_the_thank_you_page(submit, form_data):
    response = submit(form_data)

    assert response.status_code == 302
    assert response["Location"] == THANK_YOU_URL
    assert "no-store" in response["Cache-Control"]


def test_thank_you_page_echoes_no_personal_data(client, submit, form_data):
    submit(form_data)

    response = client.get(THANK_YOU_URL)

    assert response.status_code == 200
    html = html_of(response)
    for value in ("Rowan", "Tenney", "rowan@example.com", "lower back", "Chronic pain"):
        assert value not in html
    assert "Thank you, your message has been sent" in html
    assert '<meta name="robots" content="noindex">' in html


SAFE_STORAGE = (
    "If you have medicines or a gun at home, ask someone you trust to keep them for you for now."
)


def test_the_urgent_thank_you_page_gives_safe_storage_advice_below_the_crisis_lines(
    client, submit, form_data
):
    form_data["message"] = "I want to end my life. I have pills saved up."
    submit(form_data)

    main = main_of(client.get(THANK_YOU_URL))

    assert SAFE_STORAGE in main
    assert main.index('href="tel:911"') < main.index(SAFE_STORAGE)


def test_the_ordinary_thank_you_page_has_no_safe_storage_advice(client, submit, form_data):
    submit(form_data)

    html = html_of(client.get(THANK_YOU_URL))

    assert "Thank you, your message has been sent" in html
    assert SAFE_STORAGE not in html
    assert "safe-storage" not in html


def test_thank_you_page_is_private_and_never_cached(client, submit, form_data):
    submit(form_data)

    first = client.get(THANK_YOU_URL)
    second = client.get(THANK_YOU_URL)

    for response in (first, second):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response.get("X-Page-Cache") != "hit"


def test_reloading_the_thank_you_page_stores_nothing_more(client, submit, form_data):
    submit(form_data)

    for _ in range(3):
        assert client.get(THANK_YOU_URL).status_code == 200

    assert Enquiry.objects.count() == 1


def test_stored_enquiry_has_what_the_person_entered(submit, form_data):
    submit(form_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Rowan Tenney"
    assert enquiry.email == "rowan@example.com"
    assert enquiry.topic == "chronic_pain"
    assert enquiry.contact_method == "email"
    assert enquiry.status == "new"
    assert enquiry.urgent is False
    assert enquiry.source_page is None


def test_consent_is_stored_with_the_time_it_was_given(submit, form_data):
    before = timezone.now()

    submit(form_data)

    consented_at = Enquiry.objects.get().consented_at
    assert consented_at is not None
    assert before <= consented_at <= timezone.now()


def test_client_address_is_stored_hashed_not_raw(submit, form_data):
    submit(form_data, REMOTE_ADDR="203.0.113.7")

    enquiry = Enquiry.objects.get()
    assert "203.0.113.7" not in enquiry.client_ip_hash
    assert len(enquiry.client_ip_hash) == 64


def test_staff_screens_call_an_enquiry_by_the_persons_name(make_enquiry):
    enquiry = make_enquiry(name="Secret Person", message="Something private")

    assert str(enquiry) == f"Secret Person (#{enquiry.pk})"


# --- Source attribution -----------------------------------------------------------------


def test_from_parameter_is_carried_in_a_hidden_field(client, contact_page):
    about = StandardPage.objects.get(slug="about")

    html = html_of(client.get(f"{CONTACT_URL}?from={about.pk}"))

    assert f'<input type="hidden" name="source" value="{about.pk}"' in html


def test_live_source_page_is_stored_with_the_enquiry(submit, form_data):
    about = StandardPage.objects.get(slug="about")
    form_data["source"] = str(about.pk)

    submit(form_data)

    assert Enquiry.objects.get().source_page_id == about.pk


def test_draft_source_page_is_ignored(client, submit, form_data):
    about = StandardPage.objects.get(slug="about")
    about.unpublish()

    html = html_of(client.get(f"{CONTACT_URL}?from={about.pk}"))
    form_data["source"] = str(about.pk)
    response = submit(form_data)

    assert f'name="source" value="{about.pk}"' not in html
    assert response.status_code == 302
    assert Enquiry.objects.get().source_page is None


@pytest.mark.parametrize("bogus", ["999999", "abc", "-1", "1.5", "99999999999999999999", " "])
def test_bogus_source_is_ignored_never_an_error(client, submit, form_data, bogus):
    assert client.get(CONTACT_URL, {"from": bogus}).status_code == 200
    form_data["source"] = bogus

    response = submit(form_data)

    assert response.status_code == 302
    assert Enquiry.objects.get().source_page is None


def test_deleting_the_source_page_keeps_the_enquiry(submit, form_data):
    about = StandardPage.objects.get(slug="about")
    form_data["source"] = str(about.pk)
    submit(form_data)

    Page.objects.get(pk=about.pk).delete()

    assert Enquiry.objects.get().source_page is None
