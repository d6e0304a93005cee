"""`manage.py backup [PATH]` writes an encrypted archive of the site; `backup --verify PATH`
checks one. Without PATH the archive goes to BACKUP_DIR, is checked, and those older than
BACKUP_KEEP_DAYS are deleted (deploy/clinic-backup.timer). docs/deploy.md, "Backups", tells
the whole story."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups import archive, keys, writing


class Command(BaseCommand):
    help = "Back up the database, media files and erasure ledger into one encrypted file."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="The archive to write (default: a new file in BACKUP_DIR)."
        )
        parser.add_argument(
            "--verify", action="store_true", help="Check the archive at PATH with the key."
        )

    def handle(self, *args, path=None, verify=False, **options):
        if verify:
            return self.verify(path)
        keys.current_identity()  # without BACKUP_KEY: refuse before anything is written
        scheduled = path is None
        written = writing.write_backup(path or writing.scheduled_path())
        self.stdout.write(
            f"Backed up to {written.path} ({written.size / 1e6:.1f} MB, "
            f"{written.media_files} media files, {written.erasures} erasures in the ledger) "
            f"in {written.seconds:.1f} s."
        )
        if scheduled:
            # Older archives go only once the new one has been read back whole with the key.
            self.verify(str(written.path))
            deleted = writing.rotate(settings.BACKUP_KEEP_DAYS, keep=written.path)
            self.stdout.write(
                f"Deleted {deleted} backups older than {settings.BACKUP_KEEP_DAYS} days."
            )

    def verify(self, path):
        if not path:
            raise CommandError("Name the archive to check: manage.py backup --verify PATH")
        identities = keys.all_identities()
        reader = archive.read(archive.open_source(path), identities, archive.ArchiveReader())
        manifest = reader.manifest
        self.stdout.write(
            f"{path} is intact: {len(reader.hashes)} parts match their checksums. Made "
            f"{manifest['created_at']} ({manifest['database']['vendor']}, "
            f"{manifest['media']['files']} media files, {manifest['erasures']} erasures, "
            f"{len(manifest['migrations'])} migrations)."
        )
