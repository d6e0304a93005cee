"""Restoring an archive onto this machine: checked whole before anything is changed, then
the database, the media, the migrations, the erasures and the retention purge, in that order.

Order matters. The archive is decrypted into a staging folder and every checksum checked
first, so a wrong key or a damaged file changes nothing. Migrations run before the erasures
because erasing goes through the current code's models; the erasures come before anything
else that reads or writes data (the retention purge, the site itself).
"""

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from backups import archive, databases, erasures, keys, media, writing


@dataclass
class Restored:
    manifest: dict
    media_files: int
    erasures: int
    erased_again: int
    safety_backup: Path | None
    seconds: float


def restore(source, *, force=False, safety_backup=True, stdout=None):
    started = time.monotonic()
    identities = keys.all_identities()  # refuses, naming BACKUP_KEY, if unset
    source = archive.open_source(source)
    database = databases.for_connection()
    existing = existing_data(database)
    if existing and not force:
        raise CommandError(
            f"This site already has {' and '.join(existing)}. A restore replaces what is "
            "there: run it again with --force to do so (what is here now is backed up to "
            "BACKUP_DIR first). Nothing was changed."
        )
    live_ledger = erasures.read_database() if existing else []
    staging = staging_folder()
    try:
        reader = archive.read(source, identities, archive.ArchiveReader(keep=store_in(staging)))
        check_compatible(reader.manifest, database)
        before = None
        if existing and safety_backup:
            before = writing.write_backup(writing.scheduled_path("-before-restore")).path
        restored_media = replace_data(database, reader.manifest, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    archive_ledger = erasures.read_lines(reader.ledger_lines, f"{source.name} (archive)")
    entries, erased = erasures.reapply(live_ledger, archive_ledger)
    for command in settings.BACKUP_AFTER_RESTORE_COMMANDS:
        call_command(command, stdout=stdout)
    return Restored(
        reader.manifest, restored_media, entries, erased, before, time.monotonic() - started
    )


def replace_data(database, manifest, staging):
    """The database and media from `staging`, then the current code's migrations."""
    database.load(staging / database.member_name)
    restored_media = restore_media(manifest, staging)
    connections.close_all()
    call_command("migrate", interactive=False, verbosity=0)
    return restored_media


def existing_data(database):
    found = []
    if database.has_data():
        found.append("a database")
    if media.has_files():
        found.append(f"media files in {media.media_root()}")
    return found


def staging_folder():
    """Beside MEDIA_ROOT, so staged media move into place on the same disk. Only this
    process's user may read it: it holds the database in the clear until the end."""
    parent = media.media_root().parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".clinic-restore-", dir=parent))


def store_in(staging):
    def keep(name, stream):
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            shutil.copyfileobj(stream, out, archive.CHUNK)

    return keep


def check_compatible(manifest, database):
    if manifest.get("format_version", 0) > archive.FORMAT_VERSION:
        raise CommandError(
            "This archive was written by a newer version of the site: update the code first. "
            "Nothing was changed."
        )
    vendor = manifest["database"]["vendor"]
    if vendor != database.vendor:
        raise CommandError(
            f"This archive holds a {vendor} database, but this site is set up for "
            f"{database.vendor} (DATABASE_URL). Nothing was changed."
        )
    if manifest["media"]["storage"] == "local" and not media.on_local_disk():
        raise CommandError(
            "This archive holds media files, but this site keeps media on object storage: "
            "restore it on a machine without AWS_STORAGE_BUCKET_NAME and copy the media "
            "folder to the bucket. Nothing was changed."
        )
    unknown = sorted(set(manifest["migrations"]) - known_migrations())
    if unknown:
        raise CommandError(
            "This archive comes from a newer version of the site: its database has migrations "
            f"this code does not ({', '.join(unknown[:5])}). Install the version that wrote "
            f"it (Django {manifest['versions']['django']}, Wagtail "
            f"{manifest['versions']['wagtail']}), then restore. Nothing was changed."
        )


def known_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def restore_media(manifest, staging):
    if manifest["media"]["storage"] != "local":
        return 0
    media.replace_with(staging / archive.MEDIA_PREFIX.rstrip("/"))
    return manifest["media"]["files"]
