"""`manage.py new_backup_key`: print a new backup key (an age secret key) for BACKUP_KEY."""

from django.core.management.base import BaseCommand

from backups import keys


class Command(BaseCommand):
    help = "Print a new key for BACKUP_KEY (keep a copy offline: without it no backup opens)."

    def handle(self, *args, **options):
        identity = keys.new_identity()
        self.stdout.write(f"BACKUP_KEY={identity}")
        self.stdout.write(
            f"# Its public half ({identity.to_public()}) is all `age -r` needs to seal; "
            "the line above opens every archive: store it as docs/deploy.md says."
        )
