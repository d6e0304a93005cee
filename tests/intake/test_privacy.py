"""Personal data stays in the enquiry: never in logs, task arguments or public caches."""

import logging

import pytest
from django.views.debug import ExceptionReporter

from intake.models import Enquiry
from tests.fixtures.intake import CONTACT_URL

PERSONAL_VALUES = ("Rowan", "Tenney", "rowan@example.com", "lower back", "5035550199", "555-0199")


def test_nothing_personal_is_logged_on_the_way_through(
    client, submit, form_data, smtp_server, intake_client, caplog, settings
):
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    form_data.update(phone="(503) 555-0199", contact_method="phone")

    with caplog.at_level(logging.DEBUG):
        submit(form_data)  # the mail server is down: failures are logged
        submit(form_data)  # rate limited: 429
        submit({**form_data, "email": "invalid"})
        enquiry = Enquiry.objects.get()
        intake_client.get(f"/admin/enquiries/inspect/{enquiry.pk}/")

    logged = caplog.text
    assert f"enquiry {enquiry.pk}" in logged.lower()
    for value in PERSONAL_VALUES:
        assert value not in logged, value


def test_a_submission_never_reaches_the_page_cache(client, submit, form_data):
    submit({**form_data, "email": "invalid"})

    response = client.get(CONTACT_URL)

    assert "Rowan" not in response.content.decode()


def test_an_error_report_about_a_contact_form_post_stars_out_what_was_sent(submit, form_data):
    form_data.update(phone="(503) 555-0199", contact_method="phone")
    response = submit(form_data)
    request = response.wsgi_request  # the request the contact page handled

    # What Django's error reports (the admins' email, an error tracker) would say about it.
    report = ExceptionReporter(request, RuntimeError, RuntimeError("boom"), None)
    text = report.get_traceback_text()

    assert "message" in text and "**********" in text  # the fields are listed, starred out
    for value in PERSONAL_VALUES:
        assert value not in text, value


# Each enquiry action: its URL, what it posts, and the message staff then read.
ENQUIRY_ACTIONS = {
    "record an outcome": (
        "outcome/{pk}/",
        {"outcome": "voicemail", "details": ""},
        "Rowan Tenney (#{pk}): Left voicemail recorded.",
    ),
    "change status and assignee": (
        "triage/{pk}/",
        {"status": "contacted", "assigned_to": ""},
        "Rowan Tenney (#{pk}): status and assignee saved.",
    ),
    "erase": ("delete/{pk}/", {}, "was erased."),
}


@pytest.mark.parametrize("action", ENQUIRY_ACTIONS)
def test_staff_messages_about_an_enquiry_never_travel_in_a_cookie(
    intake_client, make_enquiry, action, settings
):
    enquiry = make_enquiry(name="Rowan Tenney", email="rowan@example.com")
    path, data, message = ENQUIRY_ACTIONS[action]

    response = intake_client.post("/admin/enquiries/" + path.format(pk=enquiry.pk), data)

    assert response.status_code == 302
    # Only the session's random key and the CSRF token may be set; what the message says
    # stays on the server.
    assert set(response.cookies) <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    for cookie in response.cookies.values():
        assert "Rowan" not in cookie.value and "Tenney" not in cookie.value
    shown = intake_client.get(response["Location"]).content.decode()
    assert message.format(pk=enquiry.pk) in shown  # still told, from the session
