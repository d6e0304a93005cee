"""A purge of the edge cache that failed and waits for a retry (the task queue's)."""

from django.db import models
from django.utils import timezone

ROW_ID = 1  # one row: a purge is of everything, so one pending purge stands for them all


class PendingPurge(models.Model):
    """Changes since `since` may not be at the edge yet: their purge failed."""

    since = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "pending edge purge"

    def __str__(self):
        return f"edge purge pending since {self.since:%Y-%m-%d %H:%M:%S}"


def note_failure(started, error):
    """Keep the oldest change not yet at the edge; True when none was pending before."""
    pending, created = PendingPurge.objects.get_or_create(
        pk=ROW_ID, defaults={"since": started, "last_error": str(error)[:200]}
    )
    if not created:
        PendingPurge.objects.filter(pk=ROW_ID).update(
            attempts=models.F("attempts") + 1, last_error=str(error)[:200]
        )
    return created


def note_success(started):
    """A purge that began at `started` covered every change committed before it."""
    PendingPurge.objects.filter(since__lte=started).delete()


def oldest_pending():
    """When the oldest change not yet purged was made, or None."""
    pending = PendingPurge.objects.filter(pk=ROW_ID).first()
    return pending.since if pending else None


def now():
    return timezone.now()
