"""How recent the newest backup is, for /healthz."""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from backups.models import BackupRun


def backup_health():
    """("ok" | "stale" | "none", details): stale once the newest backup is older than
    BACKUP_MAX_AGE_HOURS; none when no backup was ever written (or it cannot be read)."""
    try:
        newest = BackupRun.objects.order_by("-finished_at").first()
    except DatabaseError:
        newest = None
    if newest is None:
        return "none", {"status": "none"}
    age = timezone.now() - newest.finished_at
    state = "ok" if age <= timedelta(hours=settings.BACKUP_MAX_AGE_HOURS) else "stale"
    return state, {
        "status": state,
        "last": newest.finished_at.isoformat(timespec="seconds"),
        "age_hours": round(age.total_seconds() / 3600, 1),
    }
