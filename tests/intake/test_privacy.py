"""Personal data stays in the enquiry: never in logs, task arguments or public caches."""

import logging

from intake.models import Enquiry
from tests.intake.conftest import CONTACT_URL

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
