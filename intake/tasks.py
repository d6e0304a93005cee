"""Background tasks of the intake app (Django's task framework via django-tasks).

Tasks receive only the enquiry's id: a queued task's arguments are stored in the database
and shown in the task admin, so they must never hold what a person wrote.
"""

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from intake import notifications
from intake.actions import enquiry_received
from intake.choices import DeliveryStatus


@task()
def send_enquiry_notifications(enquiry_id):
    notifications.deliver_staff_notice(enquiry_id)
    notifications.deliver_acknowledgement(enquiry_id)


def enqueue_notifications_on_commit(enquiry_id):
    """Queue the emails once the enquiry is safely stored.

    `robust` because the person must see their thank-you page even if the queue is
    unreachable: the enquiry is stored and retry_notifications will pick it up.
    """
    transaction.on_commit(lambda: send_enquiry_notifications.enqueue(enquiry_id), robust=True)


@task()
def escalate_unopened_enquiry(enquiry_id):
    notifications.deliver_escalation(enquiry_id)


def schedule_escalation_on_commit(enquiry_id):
    """Check an urgent enquiry again once the clinic's escalation time has passed.

    Needs a queue that can defer tasks (the database queue of production). Where it cannot
    (development runs tasks immediately), retry_notifications, run by the deployment's timer,
    finds the overdue ones instead; it does so in production too, should a task be lost."""

    def schedule():
        if not escalate_unopened_enquiry.get_backend().supports_defer:
            return
        run_after = timezone.now() + notifications.escalation_delay()
        escalate_unopened_enquiry.using(run_after=run_after).enqueue(enquiry_id)

    transaction.on_commit(schedule, robust=True)


@receiver(enquiry_received)
def queue_emails_of_received_enquiry(sender, enquiry, **kwargs):
    """The staff notice and acknowledgement that are due, and the escalation check of an
    urgent enquiry, each queued for once the enquiry is committed."""
    if DeliveryStatus.PENDING in (enquiry.notification_status, enquiry.acknowledgement_status):
        enqueue_notifications_on_commit(enquiry.pk)
    if enquiry.urgent:
        schedule_escalation_on_commit(enquiry.pk)
