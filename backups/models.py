"""What backups keep in the database itself: the erasure ledger and the record of each backup.

Both are infrastructure: they know no feature app. Features register what an erasure of theirs
means (backups/erasures.py)."""

from django.db import models


class Erasure(models.Model):
    """One record erased at a person's request: its kind and number, and when. Never content.

    Every backup carries these rows (and a copy beside the backups, in BACKUP_DIR), and a
    restore erases each of them again before the site serves, so an erased record never
    comes back with an older backup."""

    record_type = models.CharField(max_length=100)  # a model label, e.g. "intake.enquiry"
    record_id = models.CharField(max_length=64)
    erased_at = models.DateTimeField()

    class Meta:
        verbose_name = "erasure"
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id"], name="erasure_unique")
        ]

    def __str__(self):
        return f"{self.record_type} #{self.record_id}"


class BackupRun(models.Model):
    """A backup that was written and closed: when, where (file name only) and how large.

    /healthz reports the age of the newest one."""

    finished_at = models.DateTimeField(db_index=True)
    file_name = models.CharField(max_length=255)
    size_bytes = models.BigIntegerField()
    seconds = models.FloatField()

    class Meta:
        verbose_name = "backup"
        get_latest_by = "finished_at"

    def __str__(self):
        return self.file_name
