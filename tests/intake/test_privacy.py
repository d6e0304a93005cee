"""Personal data stays in the enquiry: never in logs, task arguments or public caches."""

import logging

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
