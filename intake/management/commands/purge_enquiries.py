"""Delete enquiries whose retention period has passed, with their notes (and the words of
any search of the listing that named them, see intake.actions.redact_searches_naming).

Closed and booked enquiries go INTAKE_RETENTION_DAYS_CLOSED days after their last status
change, spam INTAKE_RETENTION_DAYS_SPAM days after it was marked; new and in-progress ones
are never deleted automatically. Ended rate-limit windows (hashed addresses and counts) go
too. Schedule it daily (see README, "Intake").
"""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from intake.actions import redact_searches_naming
from intake.models import Enquiry, EnquiryNote
from intake.spam import prune_submission_windows

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Delete enquiries (and their notes) older than the retention periods."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        due = Enquiry.objects.due_for_purge()
        if dry_run:
            notes = EnquiryNote.objects.filter(enquiry__in=due).count()
            self.stdout.write(f"Would delete {due.count()} enquiries and {notes} notes.")
            return
        with transaction.atomic():
            redact_searches_naming(due.only("name", "email", "phone").iterator())
            _, deleted = due.delete()
        enquiries = deleted.get(Enquiry._meta.label, 0)
        notes = deleted.get(EnquiryNote._meta.label, 0)
        windows = prune_submission_windows()
        # Counts only: the log must never say whose enquiries they were.
        logger.info("Purged %s enquiries and %s notes past retention", enquiries, notes)
        self.stdout.write(
            f"Deleted {enquiries} enquiries and {notes} notes, "
            f"and {windows} ended rate-limit windows."
        )
