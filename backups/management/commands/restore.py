"""`manage.py restore PATH [--force]`: bring the site back from an archive of `backup`.

Onto an empty machine (code and .venv present; database and media absent) it creates the
database and the media folder. Over a site with data it refuses unless given --force, and then
first backs up what is there to BACKUP_DIR. Erasures are re-applied and the retention purge
runs before it returns (backups/restoring.py)."""

from django.core.management.base import BaseCommand

from backups import restoring


class Command(BaseCommand):
    help = "Restore the database, media files and erasures from a backup archive."
    # The database may not exist yet (an empty machine); checks must not need it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the data this site already has."
        )
        parser.add_argument(
            "--no-safety-backup",
            action="store_true",
            help="With --force: do not back up the current data first (when it is unreadable).",
        )

    def handle(self, *args, path, force=False, no_safety_backup=False, **options):
        restored = restoring.restore(
            path, force=force, safety_backup=not no_safety_backup, stdout=self.stdout
        )
        if restored.safety_backup:
            self.stdout.write(f"The data replaced were backed up to {restored.safety_backup}.")
        self.stdout.write(
            f"Restored the backup made {restored.manifest['created_at']}: the database, "
            f"{restored.media_files} media files, and {restored.erasures} erasures from every "
            f"ledger re-applied ({restored.erased_again} records erased again), "
            f"in {restored.seconds:.1f} s."
        )
