"""`manage.py reapply_erasures [LEDGER ...]`: erase again every record the erasure ledgers
list (the database's, BACKUP_DIR/erasures.jsonl and any files named). Run it after a
PostgreSQL point-in-time recovery, then `purge_enquiries` (docs/deploy.md); `restore` does
both by itself."""

from django.core.management.base import BaseCommand, CommandError

from backups import erasures


class Command(BaseCommand):
    help = "Erase again every record listed in the erasure ledgers."

    def add_arguments(self, parser):
        parser.add_argument("ledgers", nargs="*", help="Further erasures.jsonl files to apply.")

    def handle(self, *args, ledgers=(), **options):
        extra = []
        for path in ledgers:
            entries = erasures.read_file(path)
            if not entries:
                raise CommandError(f"{path} holds no erasures (or does not exist).")
            extra.append(entries)
        entries, erased = erasures.reapply(*extra)
        self.stdout.write(
            f"{entries} erasures in the ledgers; {erased} records were back and are erased again."
        )
