"""Notifications that never lose an enquiry, never leak it, and never go out twice."""

from datetime import timedelta
from email import message_from_string
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from clinic.site_settings import ClinicSettings
from intake import notifications
from intake.models import Enquiry
from intake.pages import ContactPage
from tests.fixtures.intake import THANK_YOU_URL

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): each email is
# claimed with a conditional UPDATE, sent after commit.
pytestmark = pytest.mark.backend_specific

PERSONAL_VALUES = ("Rowan", "Tenney", "rowan@example.com", "lower back", "Chronic pain")


def body_of(message):
    """The decoded text of a message as the SMTP server received it."""
    parsed = message_from_string(message.as_string())
    return parsed.get_payload(decode=True).decode()


def retry():
    call_command("retry_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115


# --- Content ----------------------------------------------------------------------------------


def test_staff_notice_contains_no_personal_or_health_details(submit, form_data, mailoutbox):
    submit(form_data)

    enquiry = Enquiry.objects.get()
    notice = next(m for m in mailoutbox if m.to == ["intake@willowmere-clinic.example"])
    assert notice.subject == f"New enquiry #{enquiry.pk}"
    assert f"http://testserver/admin/enquiries/inspect/{enquiry.pk}/" in notice.body
    for value in PERSONAL_VALUES:
        assert value not in notice.subject
        assert value not in notice.body


def test_staff_notice_goes_to_every_configured_recipient(submit, form_data, clinic_settings):
    clinic_settings.intake_notification_emails = "lead@example.com\n\nsecond@example.com\n"
    clinic_settings.save()

    submit(form_data)

    assert ["lead@example.com", "second@example.com"] in [m.to for m in mail.outbox]


def test_acknowledgement_never_echoes_the_message(submit, form_data, mailoutbox, contact_page):
    submit(form_data)

    acknowledgement = next(m for m in mailoutbox if m.to == ["rowan@example.com"])
    assert acknowledgement.subject == contact_page.acknowledgement_subject
    assert "lower back" not in acknowledgement.body
    assert "Chronic pain" not in acknowledgement.body
    assert "Rowan" not in acknowledgement.body
    assert "988" in acknowledgement.body
    assert "911" in acknowledgement.body


def test_acknowledgement_can_be_switched_off(submit, form_data, mailoutbox, contact_page):
    contact_page.send_acknowledgement = False
    contact_page.save_revision().publish()

    submit(form_data)

    assert [m.to for m in mailoutbox] == [["intake@willowmere-clinic.example"]]
    assert Enquiry.objects.get().acknowledgement_status == "not_needed"


def test_acknowledgement_text_is_editable(submit, form_data, mailoutbox, contact_page):
    contact_page.acknowledgement_text = "Thanks! Our team replies within one working day."
    contact_page.save_revision().publish()

    submit(form_data)

    acknowledgement = next(m for m in mailoutbox if m.to == ["rowan@example.com"])
    assert acknowledgement.body.startswith("Thanks! Our team replies within one working day.")


def test_task_is_queued_with_the_enquiry_id_only(submit, form_data):
    with mock.patch("intake.tasks.send_enquiry_notifications") as task:
        submit(form_data)

    task.enqueue.assert_called_once_with(Enquiry.objects.get().pk)


def test_an_unreachable_queue_still_shows_the_thank_you_page(submit, form_data):
    with mock.patch("intake.tasks.send_enquiry_notifications") as task:
        task.enqueue.side_effect = ConnectionError("queue down")
        response = submit(form_data)

    assert response.status_code == 302
    assert response["Location"] == THANK_YOU_URL
    assert Enquiry.objects.get().notification_status == "pending"


# --- Delivery through a real SMTP server ------------------------------------------------------


def test_notices_are_delivered_through_smtp(smtp_server, submit, form_data):
    smtp_server.start()

    submit(form_data)

    enquiry = Enquiry.objects.get()
    recipients = sorted(message["To"] for message in smtp_server.messages)
    assert recipients == ["intake@willowmere-clinic.example", "rowan@example.com"]
    for message in smtp_server.messages:
        for value in ("lower back", "Tenney"):
            assert value not in body_of(message)
    assert enquiry.notification_status == "sent"
    assert enquiry.notified_at is not None
    assert enquiry.notification_attempts == 1
    assert enquiry.acknowledgement_status == "sent"


def test_with_the_mail_server_down_the_enquiry_is_kept_and_the_failure_recorded(
    client, smtp_server, submit, form_data
):
    response = submit(form_data)  # nothing listens on the port yet

    assert response.status_code == 302
    assert client.get(THANK_YOU_URL).status_code == 200
    enquiry = Enquiry.objects.get()
    assert enquiry.notification_status == "failed"
    assert enquiry.notified_at is None
    assert enquiry.notification_attempts == 1
    assert enquiry.notification_error == "ConnectionRefusedError: Connection refused"
    assert enquiry.acknowledgement_status == "failed"
    assert "rowan" not in enquiry.notification_error.lower()


def test_retry_delivers_once_the_server_is_back_and_never_twice(smtp_server, submit, form_data):
    submit(form_data)
    retry()  # still down: another failed attempt
    assert Enquiry.objects.get().notification_attempts == 2

    smtp_server.start()
    retry()
    retry()

    enquiry = Enquiry.objects.get()
    assert enquiry.notification_status == "sent"
    assert enquiry.notification_error == ""
    assert enquiry.notification_attempts == 3
    assert enquiry.acknowledgement_status == "sent"
    recipients = sorted(message["To"] for message in smtp_server.messages)
    assert recipients == ["intake@willowmere-clinic.example", "rowan@example.com"]


def test_undelivered_notices_are_listed_for_staff(smtp_server, submit, form_data):
    submit(form_data)

    assert list(Enquiry.objects.undelivered()) == [Enquiry.objects.get()]


# --- Exactly once -----------------------------------------------------------------------------


def test_delivering_twice_sends_once(make_enquiry, mailoutbox, contact_page):
    enquiry = make_enquiry(notification_status="pending")

    assert notifications.deliver_staff_notice(enquiry.pk) is True
    assert notifications.deliver_staff_notice(enquiry.pk) is False

    assert len(mailoutbox) == 1


def test_a_notice_claimed_by_another_worker_is_left_alone(make_enquiry, mailoutbox, contact_page):
    enquiry = make_enquiry(notification_status="sending", notification_claimed_at=timezone.now())

    assert notifications.deliver_staff_notice(enquiry.pk) is False
    assert mailoutbox == []


def test_retry_resends_a_notice_interrupted_mid_send(make_enquiry, mailoutbox, contact_page):
    long_ago = timezone.now() - timedelta(hours=1)
    stuck = make_enquiry(notification_status="sending", notification_claimed_at=long_ago)
    recent = make_enquiry(notification_status="sending", notification_claimed_at=timezone.now())

    retry()

    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.notification_status == "sent"
    assert recent.notification_status == "sending"
    assert len(mailoutbox) == 1


def test_retry_resends_an_acknowledgement_interrupted_mid_send(
    make_enquiry, mailoutbox, contact_page
):
    long_ago = timezone.now() - timedelta(hours=1)
    stuck = make_enquiry(
        email="stuck@example.com",
        acknowledgement_status="sending",
        acknowledgement_claimed_at=long_ago,
    )
    recent = make_enquiry(
        email="recent@example.com",
        acknowledgement_status="sending",
        acknowledgement_claimed_at=timezone.now(),
    )

    retry()

    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.acknowledgement_status == "sent"
    assert recent.acknowledgement_status == "sending"
    assert [m.to for m in mailoutbox] == [["stuck@example.com"]]


def test_retry_releases_an_acknowledgement_stuck_without_a_claim_time(
    make_enquiry, mailoutbox, contact_page
):
    # Claimed before the claim time was recorded: only its age tells it was interrupted.
    old = make_enquiry(
        email="old@example.com",
        acknowledgement_status="sending",
        received_at=timezone.now() - timedelta(hours=1),
    )

    retry()

    old.refresh_from_db()
    assert old.acknowledgement_status == "sent"
    assert [m.to for m in mailoutbox] == [["old@example.com"]]


def test_claiming_an_acknowledgement_records_when(make_enquiry, contact_page):
    enquiry = make_enquiry(acknowledgement_status="pending")
    before = timezone.now()

    notifications.deliver_acknowledgement(enquiry.pk)

    enquiry.refresh_from_db()
    assert enquiry.acknowledgement_status == "sent"
    assert before <= enquiry.acknowledgement_claimed_at <= timezone.now()


def test_retry_leaves_fresh_pending_notices_to_the_queue(make_enquiry, mailoutbox, contact_page):
    old = make_enquiry(
        notification_status="pending", received_at=timezone.now() - timedelta(hours=1)
    )
    make_enquiry(notification_status="pending")  # just received: its task is still queued

    with mock.patch(
        "intake.management.commands.retry_notifications.send_enquiry_notifications"
    ) as task:
        retry()

    task.enqueue.assert_called_once_with(old.pk)


def test_missing_recipients_are_a_recorded_failure_then_retried(submit, form_data, clinic_settings):
    clinic_settings.intake_notification_emails = ""
    clinic_settings.save()
    submit(form_data)
    enquiry = Enquiry.objects.get()
    assert enquiry.notification_status == "failed"
    assert enquiry.notification_error == "No intake recipients are set in the clinic settings."

    ClinicSettings.objects.filter(pk=clinic_settings.pk).update(
        intake_notification_emails="lead@example.com"
    )
    retry()

    assert Enquiry.objects.get().notification_status == "sent"


def test_an_unexpected_error_releases_the_claim(make_enquiry, contact_page):
    enquiry = make_enquiry(notification_status="pending")

    with (
        mock.patch.object(notifications.EmailMessage, "send", side_effect=ValueError("bug")),
        pytest.raises(ValueError),
    ):
        notifications.deliver_staff_notice(enquiry.pk)

    enquiry.refresh_from_db()
    assert enquiry.notification_status == "failed"
    assert enquiry.notification_error == "ValueError"


def test_an_erased_enquiry_is_not_notified(make_enquiry, mailoutbox, contact_page):
    enquiry = make_enquiry(notification_status="pending")
    enquiry_id = enquiry.pk
    enquiry.delete()

    assert notifications.deliver_staff_notice(enquiry_id) is False
    assert mailoutbox == []


def test_contact_page_removed_means_no_acknowledgement(make_enquiry, mailoutbox, contact_page):
    enquiry = make_enquiry(acknowledgement_status="pending")
    ContactPage.objects.get(locale__language_code="en").unpublish()

    assert notifications.deliver_acknowledgement(enquiry.pk) is False
    enquiry.refresh_from_db()
    assert enquiry.acknowledgement_status == "not_needed"
    assert mailoutbox == []
