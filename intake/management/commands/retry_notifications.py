"""Queue again every email about an enquiry that has not reached the mail server.

Schedule it every few minutes (see README, "Intake"). Queuing twice is harmless: each email
is claimed before it is sent, so a duplicate task finds nothing left to do.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from intake.choices import DeliveryStatus, Status
from intake.models import Enquiry
from intake.notifications import DELIVERIES, ESCALATION, escalation_delay
from intake.tasks import escalate_unopened_enquiry, send_enquiry_notifications

INTERRUPTED = "Interrupted while sending; sent again"


class Command(BaseCommand):
    help = (
        "Queue again the staff notices and acknowledgements that failed or never went out, "
        "and the escalation alerts of urgent enquiries nobody has opened in time."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(minutes=settings.INTAKE_NOTIFICATION_STALE_MINUTES)
        interrupted = release_interrupted_emails(cutoff)
        enquiry_ids = list(due_for_retry(cutoff).values_list("pk", flat=True))
        for enquiry_id in enquiry_ids:
            send_enquiry_notifications.enqueue(enquiry_id)
        release_interrupted(ESCALATION, cutoff)
        escalation_ids = list(due_for_escalation().values_list("pk", flat=True))
        for enquiry_id in escalation_ids:
            escalate_unopened_enquiry.enqueue(enquiry_id)
        self.stdout.write(
            f"Queued emails for {len(enquiry_ids)} enquiries "
            f"({interrupted} emails interrupted while sending); "
            f"{len(escalation_ids)} urgent enquiries unopened past the escalation time."
        )


def release_interrupted_emails(cutoff):
    """Emails claimed long ago and never finished: their worker died mid-send.

    Both the staff notice and the acknowledgement are released, so that neither stays in
    "sending" for ever. Sending one again may duplicate an email the server did accept
    before the crash; a duplicate is better than an enquiry nobody hears about, or a person
    left wondering whether their message arrived. Returns how many emails were released.
    """
    return sum(release_interrupted(delivery, cutoff) for delivery in DELIVERIES)


def release_interrupted(delivery, cutoff):
    claimed_at = delivery.claimed_at_field
    claimed_long_ago = Q(**{f"{claimed_at}__lt": cutoff})
    # A claim without its time predates the field (acknowledgements before it existed).
    claimed_at_unknown = Q(**{f"{claimed_at}__isnull": True}) & Q(received_at__lt=cutoff)
    stuck = Enquiry.objects.filter(**{delivery.status_field: DeliveryStatus.SENDING}).filter(
        claimed_long_ago | claimed_at_unknown
    )
    return stuck.update(
        **{delivery.status_field: DeliveryStatus.FAILED}, **delivery.failure_updates(INTERRUPTED)
    )


def due_for_retry(cutoff):
    # Fresh pending emails are still in the queue; only old ones were lost with it.
    stuck = Q(received_at__lt=cutoff)
    return Enquiry.objects.filter(
        Q(notification_status=DeliveryStatus.FAILED)
        | Q(acknowledgement_status=DeliveryStatus.FAILED)
        | (stuck & Q(notification_status=DeliveryStatus.PENDING))
        | (stuck & Q(acknowledgement_status=DeliveryStatus.PENDING))
    ).order_by("received_at")


def due_for_escalation():
    """Urgent enquiries still unopened after the clinic's escalation time."""
    received_before = timezone.now() - escalation_delay()
    return Enquiry.objects.filter(
        urgent=True,
        opened_at__isnull=True,
        status=Status.NEW,
        escalation_status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
        received_at__lte=received_before,
    ).order_by("received_at")
