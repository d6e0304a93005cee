"""Emails about an enquiry: the notice to the intake team and the acknowledgement to the person.

No email contains what the person wrote, their name, topic or anything about their
health: the notice only says that an (urgent) enquiry arrived and links to it in the admin,
and so does the escalation alert sent when an urgent enquiry stays unopened.

Each email is claimed with a conditional UPDATE before it is sent, so a retry racing the
first attempt, or two workers, never send it twice. Failures are recorded on the enquiry
(without personal data) and `retry_notifications` tries again until the mail server takes it.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import Site

from clinic.site_settings import ClinicSettings
from intake.choices import CLAIMABLE_DELIVERY_STATUSES, DeliveryStatus
from intake.models import Enquiry
from intake.pages import ContactPage

logger = logging.getLogger(__name__)

LOG_ESCALATE = "intake.escalate"

ERROR_MAX_LENGTH = Enquiry._meta.get_field("notification_error").max_length


class NoRecipientsError(Exception):
    def __str__(self):
        return "No intake recipients are set in the clinic settings."


# Connection refused, timeouts and DNS failures are OSErrors; the server's refusals are
# SMTPExceptions. Anything else is a bug and is left to surface in the task's result.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, NoRecipientsError)


@dataclass(frozen=True)
class Delivery:
    """One kind of email about an enquiry and the fields that record how it went."""

    name: str
    status_field: str
    compose: Callable  # (enquiry) -> EmailMessage, or None when it is no longer wanted
    claimed_at_field: str = ""
    attempts_field: str = ""
    sent_at_field: str = ""
    error_field: str = ""

    def claim_updates(self):
        updates = {}
        if self.claimed_at_field:
            updates[self.claimed_at_field] = timezone.now()
        if self.attempts_field:
            updates[self.attempts_field] = F(self.attempts_field) + 1
        return updates

    def sent_updates(self):
        updates = {self.error_field: ""} if self.error_field else {}
        if self.sent_at_field:
            updates[self.sent_at_field] = timezone.now()
        return updates

    def failure_updates(self, description):
        return {self.error_field: description} if self.error_field else {}


def deliver(enquiry_id, delivery):
    """Send one email about an enquiry, at most once. Returns True when this call sent it."""
    if not claim(enquiry_id, delivery.status_field, **delivery.claim_updates()):
        return False
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:  # erased in the meantime
        return False
    try:
        message = delivery.compose(enquiry)
        if message is None:
            finish(enquiry_id, delivery.status_field, DeliveryStatus.NOT_NEEDED)
            return False
        message.send()
    except DELIVERY_ERRORS as error:
        record_failure(enquiry_id, delivery, error)
        return False
    except Exception as error:
        # A bug rather than the mail server: release the claim so the retry command can try
        # again after a fix, and let the task fail loudly.
        record_failure(enquiry_id, delivery, error)
        raise
    finish(enquiry_id, delivery.status_field, DeliveryStatus.SENT, **delivery.sent_updates())
    return True


def record_failure(enquiry_id, delivery, error):
    description = describe_error(error)
    updates = delivery.failure_updates(description)
    finish(enquiry_id, delivery.status_field, DeliveryStatus.FAILED, **updates)
    logger.warning("The %s for enquiry %s was not sent: %s", delivery.name, enquiry_id, description)


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


def acknowledgement(enquiry):
    """The reply to the person, in the language they wrote in: the texts of the contact page
    in that language (the English one where there is none)."""
    pages = ContactPage.objects.live().select_related("locale")
    page = (
        pages.filter(locale__language_code=enquiry.language).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    if page is None or not page.send_acknowledgement:
        return None
    # An urgent message gets the crisis lines first and no promise of a reply time. One that
    # is urgent only because the person wrote urgently before is answered as what it says.
    urgent = enquiry.urgent and not enquiry.urgent_for_earlier_message_only
    text = page.urgent_acknowledgement_text if urgent else page.acknowledgement_text
    clinic = clinic_settings()
    context = {
        "text": text,
        "urgent": urgent,
        "clinic": clinic,
        "lines": clinic.crisis_lines(page.locale.language_code),
    }
    # The email's own lines in the language of the page's text, whichever language was
    # active when it was sent (a request's, or none in the task worker).
    with translation.override(page.locale.language_code):
        body = render_to_string("intake/email/acknowledgement.txt", context)
    return EmailMessage(page.acknowledgement_subject, body, to=[enquiry.email])


def escalation_alert(enquiry):
    """The second alert about an urgent enquiry nobody has opened; None once it is opened."""
    address = clinic_settings().escalation_email
    if not enquiry.awaiting_first_look or not enquiry.urgent or not address:
        return None
    context = {
        "enquiry_id": enquiry.pk,
        "received_at": enquiry.received_at,
        "url": admin_url(enquiry),
    }
    subject = f"URGENT: enquiry #{enquiry.pk} has not been opened yet"
    body = render_to_string("intake/email/escalation_alert.txt", context)
    return EmailMessage(subject, body, to=[address])


STAFF_NOTICE = Delivery(
    "staff notice",
    "notification_status",
    staff_notice,
    claimed_at_field="notification_claimed_at",
    attempts_field="notification_attempts",
    sent_at_field="notified_at",
    error_field="notification_error",
)
ACKNOWLEDGEMENT = Delivery(
    "acknowledgement",
    "acknowledgement_status",
    acknowledgement,
    claimed_at_field="acknowledgement_claimed_at",
)
ESCALATION = Delivery(
    "escalation alert",
    "escalation_status",
    escalation_alert,
    claimed_at_field="escalation_claimed_at",
    sent_at_field="escalated_at",
)
DELIVERIES = (STAFF_NOTICE, ACKNOWLEDGEMENT)


def deliver_staff_notice(enquiry_id):
    return deliver(enquiry_id, STAFF_NOTICE)


def deliver_acknowledgement(enquiry_id):
    return deliver(enquiry_id, ACKNOWLEDGEMENT)


def deliver_escalation(enquiry_id):
    """Alert the escalation address once; the enquiry's history records that it went."""
    sent = deliver(enquiry_id, ESCALATION)
    if sent:
        enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
        if enquiry is not None:
            log(instance=enquiry, action=LOG_ESCALATE, user=None)
    return sent


def escalation_delay():
    return timedelta(minutes=clinic_settings().escalation_minutes)


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
