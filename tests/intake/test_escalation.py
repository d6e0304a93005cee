"""The escalation alert: an urgent enquiry nobody has opened in time is sent, once, to the
clinic's escalation address, without anything the person wrote."""

from datetime import timedelta
from email import message_from_string
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from wagtail.models import ModelLogEntry

from intake.models import Enquiry
from intake.tasks import escalate_unopened_enquiry, send_enquiry_notifications

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): time-window queries
# and conditional UPDATE claims.
pytestmark = pytest.mark.backend_specific

ESCALATION_ADDRESS = "on-call@willowmere-clinic.example"
URGENT_MESSAGE = "I want to end my life. I don't know who else to tell."
PHONE_TYPED = "(503) 555-0199"
PERSONAL_VALUES = (
    "end my life",
    "who else to tell",
    "Rowan",
    "Tenney",
    "rowan@example.com",
    "555-0199",
    "5035550199",
    "Suicidal thoughts",  # what the crisis check found is for staff in the admin only
)


@pytest.fixture
def escalation_address(clinic_settings):
    clinic_settings.escalation_email = ESCALATION_ADDRESS
    clinic_settings.save()
    return ESCALATION_ADDRESS


@pytest.fixture
def urgent_data_with_phone(form_data):
    return {**form_data, "message": URGENT_MESSAGE, "phone": PHONE_TYPED}


def retry():
    call_command("retry_notifications", stdout=StringIO())


def received_minutes_ago(enquiry, minutes):
    received_at = timezone.now() - timedelta(minutes=minutes)
    Enquiry.objects.filter(pk=enquiry.pk).update(received_at=received_at)


def alerts(mailbox):
    return [message for message in mailbox if message.to == [ESCALATION_ADDRESS]]


def escalation_log(enquiry):
    return ModelLogEntry.objects.for_instance(enquiry).filter(action="intake.escalate")


def body_of(message):
    """The decoded text of a message as the SMTP server received it."""
    parsed = message_from_string(message.as_string())
    return parsed.get_payload(decode=True).decode()


# --- The alert --------------------------------------------------------------------------------


def test_an_unopened_urgent_enquiry_is_escalated_once_past_the_escalation_time(
    escalation_address, submit, urgent_data_with_phone, mailoutbox
):
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()
    assert enquiry.urgent
    assert alerts(mailoutbox) == []  # only the ordinary notices so far

    received_minutes_ago(enquiry, 31)
    retry()
    retry()

    [alert] = alerts(mailoutbox)
    assert "URGENT" in alert.subject
    assert f"#{enquiry.pk}" in alert.subject
    assert f"http://testserver/admin/enquiries/inspect/{enquiry.pk}/" in alert.body
    for value in PERSONAL_VALUES:
        assert value not in alert.subject
        assert value not in alert.body
    enquiry.refresh_from_db()
    assert enquiry.escalated_at is not None
    assert enquiry.escalation_status == "sent"
    [entry] = escalation_log(enquiry)
    assert entry.label == f"Enquiry #{enquiry.pk}"
    assert not entry.data


def test_the_alert_shows_in_the_enquirys_history(
    escalation_address, intake_client, submit, urgent_data_with_phone
):
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()
    received_minutes_ago(enquiry, 31)
    retry()

    response = intake_client.get(reverse("enquiries:history", args=[enquiry.pk]))

    assert response.status_code == 200
    assert "Escalation alert sent" in response.content.decode()


def test_escalation_waits_for_the_clinics_escalation_time(
    escalation_address, clinic_settings, submit, urgent_data_with_phone, mailoutbox
):
    clinic_settings.escalation_minutes = 60
    clinic_settings.save()
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()

    received_minutes_ago(enquiry, 45)
    retry()
    assert alerts(mailoutbox) == []

    received_minutes_ago(enquiry, 61)
    retry()
    assert len(alerts(mailoutbox)) == 1


def test_no_alert_before_the_escalation_time(
    escalation_address, submit, urgent_data_with_phone, mailoutbox
):
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()

    received_minutes_ago(enquiry, 29)
    retry()

    assert alerts(mailoutbox) == []
    enquiry.refresh_from_db()
    assert enquiry.escalated_at is None
    assert enquiry.escalation_status == "pending"  # still due later
    assert not escalation_log(enquiry).exists()


def test_an_enquiry_opened_by_staff_in_time_is_not_escalated(
    escalation_address, intake_client, submit, urgent_data_with_phone, mailoutbox
):
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()

    response = intake_client.get(reverse("enquiries:inspect", args=[enquiry.pk]))
    assert response.status_code == 200
    received_minutes_ago(enquiry, 120)
    retry()

    assert alerts(mailoutbox) == []
    enquiry.refresh_from_db()
    assert enquiry.escalated_at is None
    assert not escalation_log(enquiry).exists()


def test_opening_an_enquiry_records_the_first_opening_only(intake_client, make_enquiry):
    enquiry = make_enquiry(urgent=True, crisis_categories="suicidal_thoughts")
    url = reverse("enquiries:inspect", args=[enquiry.pk])

    intake_client.get(url)
    enquiry.refresh_from_db()
    first_opened = enquiry.opened_at
    intake_client.get(url)
    enquiry.refresh_from_db()

    assert first_opened is not None
    assert enquiry.opened_at == first_opened


def test_an_ordinary_enquiry_is_never_escalated(escalation_address, submit, form_data, mailoutbox):
    submit(form_data)
    enquiry = Enquiry.objects.get()
    assert not enquiry.urgent

    received_minutes_ago(enquiry, 120)
    retry()

    assert alerts(mailoutbox) == []
    enquiry.refresh_from_db()
    assert enquiry.escalated_at is None


def test_without_an_escalation_address_nothing_is_sent_and_nothing_fails(
    clinic_settings, submit, urgent_data_with_phone, mailoutbox
):
    assert clinic_settings.escalation_email == ""
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()
    sent_on_receipt = len(mailoutbox)

    received_minutes_ago(enquiry, 120)
    retry()

    assert len(mailoutbox) == sent_on_receipt
    enquiry.refresh_from_db()
    assert enquiry.escalated_at is None
    assert enquiry.escalation_status == "not_needed"
    assert not escalation_log(enquiry).exists()


# --- Scheduling on a queue that can defer tasks -----------------------------------------------


@pytest.fixture
def deferring_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    assert backend.supports_defer
    return backend


def escalation_tasks(backend):
    return [
        result for result in backend.results if result.task.func == escalate_unopened_enquiry.func
    ]


def test_an_urgent_enquiry_schedules_its_escalation_check(
    deferring_backend, clinic_settings, submit, urgent_data_with_phone
):
    clinic_settings.escalation_minutes = 45
    clinic_settings.save()

    submit(urgent_data_with_phone)

    enquiry = Enquiry.objects.get()
    [scheduled] = escalation_tasks(deferring_backend)
    assert scheduled.args == [enquiry.pk]
    expected = enquiry.received_at + timedelta(minutes=45)
    assert abs(scheduled.task.run_after - expected) < timedelta(seconds=30)


def test_an_ordinary_enquiry_schedules_no_escalation_check(deferring_backend, submit, form_data):
    submit(form_data)

    queued = [result.task.func for result in deferring_backend.results]
    assert send_enquiry_notifications.func in queued  # the emails went to this queue
    assert escalate_unopened_enquiry.func not in queued


# --- Through a real mail server ---------------------------------------------------------------


def test_the_alert_reaches_the_mail_server(
    escalation_address, smtp_server, submit, urgent_data_with_phone
):
    smtp_server.start()
    submit(urgent_data_with_phone)
    enquiry = Enquiry.objects.get()

    received_minutes_ago(enquiry, 31)
    retry()

    [alert] = [m for m in smtp_server.messages if m["To"] == ESCALATION_ADDRESS]
    assert alert["Subject"].startswith("URGENT")
    body = body_of(alert)
    assert f"http://testserver/admin/enquiries/inspect/{enquiry.pk}/" in body
    assert "end my life" not in body
    enquiry.refresh_from_db()
    assert enquiry.escalation_status == "sent"
