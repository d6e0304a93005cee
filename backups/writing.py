"""Writing a backup: the database snapshot, the media and the erasure ledger in one sealed
archive, written under a temporary name and renamed only once complete."""

import importlib.metadata
import json
import logging
import os
import platform
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from backups import archive, databases, erasures, keys, media
from backups.models import BackupRun

logger = logging.getLogger(__name__)

NAME_PREFIX = "clinic-backup-"
NAME_SUFFIX = ".age"


@dataclass
class Written:
    path: Path
    size: int
    seconds: float
    media_files: int
    erasures: int


def scheduled_path(label=""):
    """A new archive's path in BACKUP_DIR, named by the time (UTC) so names sort by age."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{NAME_PREFIX}{stamp}{label}{NAME_SUFFIX}"


def write_backup(destination):
    """Write the archive to `destination`, which must not exist yet."""
    recipient = keys.current_identity().to_public()  # refuses, naming BACKUP_KEY, if unset
    destination = Path(destination)
    if destination.exists():
        raise CommandError(f"{destination} already exists: a backup never replaces a file.")
    if not destination.parent.is_dir():
        raise CommandError(f"The folder {destination.parent} does not exist.")
    started = time.monotonic()
    database = databases.for_connection()
    ledger = ledger_to_carry()
    media_files = media.files()
    work = Path(tempfile.mkdtemp(prefix=".clinic-backup-", dir=destination.parent))
    partial = destination.with_name(destination.name + ".partial")
    try:
        database_file = database.snapshot(work)
        manifest = build_manifest(database, media_files, ledger)

        def add_members(writer):
            writer.add_bytes(archive.MANIFEST, json.dumps(manifest, indent=1).encode())
            writer.add_bytes(archive.LEDGER, "".join(e.to_line() for e in ledger).encode())
            writer.add_file(database.member_name, database_file)
            for relative, path in media_files:
                add_media_file(writer, relative, path)

        archive.write(partial, recipient, add_members)
        flush_to_disk(partial)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    written = Written(
        destination,
        destination.stat().st_size,
        time.monotonic() - started,
        len(media_files),
        len(ledger),
    )
    BackupRun.objects.create(
        finished_at=timezone.now(),
        file_name=destination.name,
        size_bytes=written.size,
        seconds=written.seconds,
    )
    return written


def ledger_to_carry():
    """The erasures the archive carries: the database's and the file's beside the backups.
    The file gets any the database has and it lacks (a failed append); one the database
    lacks (after a point-in-time recovery) is reported: `reapply_erasures` erases it again."""
    in_database, in_file = erasures.read_database(), erasures.read_file()
    file_keys = {entry.key for entry in in_file}
    missing_from_file = [entry for entry in in_database if entry.key not in file_keys]
    if missing_from_file:
        erasures.append_to_file(missing_from_file)
    database_keys = {entry.key for entry in in_database}
    if any(entry.key not in database_keys for entry in in_file):
        logger.warning(
            "The erasure ledger in BACKUP_DIR lists erasures the database does not: "
            "run `manage.py reapply_erasures`"
        )
    return erasures.union(in_database, in_file)


def add_media_file(writer, relative, path):
    try:
        writer.add_file(archive.MEDIA_PREFIX + relative, path)
    except FileNotFoundError:
        # Deleted since the folder was listed (an image removed meanwhile): not in the
        # snapshot either, or soon not; the checksums list only what was written.
        logger.info("Media file removed during the backup: %s", relative)


def build_manifest(database, media_files, ledger):
    connection = connections[database.connection.alias]
    applied = MigrationRecorder(connection).applied_migrations()
    return {
        "format": archive.FORMAT,
        "format_version": archive.FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "site": settings.WAGTAIL_SITE_NAME,
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "pyrage": importlib.metadata.version("pyrage"),
        },
        "database": {**database.describe(), "member": database.member_name},
        "migrations": sorted(f"{app}.{name}" for app, name in applied),
        "media": {
            "storage": "local" if media.on_local_disk() else "object storage (not copied)",
            "files": len(media_files),
            "bytes": sum(path.stat().st_size for _, path in media_files if path.exists()),
        },
        "erasures": len(ledger),
        "checksums": archive.CHECKSUMS,
    }


def flush_to_disk(path):
    with open(path, "rb") as written:
        os.fsync(written.fileno())


def rotate(keep_days, keep):
    """Delete scheduled archives in BACKUP_DIR older than `keep_days`, never `keep` (the one
    just written), and leftovers of interrupted runs. Returns how many were deleted."""
    folder = Path(settings.BACKUP_DIR)
    cut_off = time.time() - timedelta(days=keep_days).total_seconds()
    deleted = 0
    for path in folder.glob(f"{NAME_PREFIX}*{NAME_SUFFIX}*"):
        if path == keep or path.stat().st_mtime >= cut_off:
            continue
        path.unlink()
        deleted += 1
    return deleted
