"""Emails about an enquiry: the notice to the intake team and the acknowledgement to the person.

Neither email contains what the person wrote, their name, topic or anything about their
health: the notice only says that an (urgent) enquiry arrived and links to it in the admin.

Each email is claimed with a conditional UPDATE before it is sent, so a retry racing the
first attempt, or two workers, never send it twice. Failures are recorded on the enquiry
(without personal data) and `retry_notifications` tries again until the mail server takes it.
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from clinic.models import ClinicSettings
from intake.choices import CLAIMABLE_DELIVERY_STATUSES, DeliveryStatus
from intake.models import ContactPage, Enquiry

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = Enquiry._meta.get_field("notification_error").max_length


class NoRecipientsError(Exception):
    def __str__(self):
        return "No intake recipients are set in the clinic settings."


# Connection refused, timeouts and DNS failures are OSErrors; the server's refusals are
# SMTPExceptions. Anything else is a bug and is left to surface in the task's result.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, NoRecipientsError)


def deliver_staff_notice(enquiry_id):
    """Send the notice to the intake team once. Returns True when this call sent it."""
    claimed = claim(
        enquiry_id,
        "notification_status",
        notification_claimed_at=timezone.now(),
        notification_attempts=F("notification_attempts") + 1,
    )
    if not claimed:
        return False
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:  # erased in the meantime
        return False
    try:
        staff_notice(enquiry).send()
    except DELIVERY_ERRORS as error:
        description = describe_error(error)
        finish(
            enquiry_id,
            "notification_status",
            DeliveryStatus.FAILED,
            notification_error=description,
        )
        logger.warning("Notice about enquiry %s not sent: %s", enquiry_id, description)
        return False
    finish(
        enquiry_id,
        "notification_status",
        DeliveryStatus.SENT,
        notified_at=timezone.now(),
        notification_error="",
    )
    return True


def deliver_acknowledgement(enquiry_id):
    """Send the optional acknowledgement to the person once. Returns True when sent."""
    if not claim(enquiry_id, "acknowledgement_status"):
        return False
    page = ContactPage.objects.live().first()
    if page is None or not page.send_acknowledgement:
        finish(enquiry_id, "acknowledgement_status", DeliveryStatus.NOT_NEEDED)
        return False
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return False
    try:
        acknowledgement(enquiry, page).send()
    except DELIVERY_ERRORS as error:
        finish(enquiry_id, "acknowledgement_status", DeliveryStatus.FAILED)
        logger.warning(
            "Acknowledgement of enquiry %s not sent: %s", enquiry_id, describe_error(error)
        )
        return False
    finish(enquiry_id, "acknowledgement_status", DeliveryStatus.SENT)
    return True


def claim(enquiry_id, status_field, **updates):
    """Atomically move one delivery from pending/failed to sending; False if not ours."""
    claimable = {"pk": enquiry_id, f"{status_field}__in": CLAIMABLE_DELIVERY_STATUSES}
    updates[status_field] = DeliveryStatus.SENDING
    return Enquiry.objects.filter(**claimable).update(**updates) == 1


def finish(enquiry_id, status_field, status, **updates):
    updates[status_field] = status
    Enquiry.objects.filter(pk=enquiry_id, **{status_field: DeliveryStatus.SENDING}).update(
        **updates
    )


def staff_notice(enquiry):
    recipients = clinic_settings().intake_recipients
    if not recipients:
        raise NoRecipientsError
    context = {"enquiry_id": enquiry.pk, "urgent": enquiry.urgent, "url": admin_url(enquiry)}
    subject = f"{'URGENT: new' if enquiry.urgent else 'New'} enquiry #{enquiry.pk}"
    body = render_to_string("intake/email/staff_notice.txt", context)
    return EmailMessage(subject, body, to=recipients)


def acknowledgement(enquiry, page):
    context = {"page": page, "clinic": clinic_settings()}
    body = render_to_string("intake/email/acknowledgement.txt", context)
    return EmailMessage(page.acknowledgement_subject, body, to=[enquiry.email])


def admin_url(enquiry):
    path = reverse("enquiries:inspect", args=[enquiry.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def clinic_settings():
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return ClinicSettings.for_site(site)


def describe_error(error):
    """What went wrong, for staff, without the addresses an SMTP error message may quote."""
    name = type(error).__name__
    if isinstance(error, NoRecipientsError):
        description = str(error)
    elif isinstance(error, smtplib.SMTPResponseException):
        description = f"{name}: the mail server answered {error.smtp_code}"
    elif isinstance(error, OSError) and error.strerror:
        description = f"{name}: {error.strerror}"
    else:
        description = name
    return description[:ERROR_MAX_LENGTH]
