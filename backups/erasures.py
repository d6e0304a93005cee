"""The erasure ledger: which records were erased at a person's request, and when.

An erasure must survive a restore. Each one is written three ways: a row in the database (in
the erasure's own transaction, so every backup carries it), a line appended to
BACKUP_DIR/erasures.jsonl as soon as it is committed (so a backup taken before it still
learns of it), and, through the database, into every later archive. A restore erases again
the union of every ledger it finds before the site serves (backups/restore.py), and so does
`manage.py reapply_erasures` after a PostgreSQL point-in-time recovery.

Entries hold a record's kind and number and the time: never content. Feature apps say what
erasing one of their records again means with `register()`; this module knows none of them.
"""

import fcntl
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from backups.models import Erasure

logger = logging.getLogger(__name__)

LEDGER_FILE_NAME = "erasures.jsonl"

_erasers = {}


@dataclass(frozen=True, order=True)
class Entry:
    record_type: str
    record_id: str
    erased_at: datetime

    @property
    def key(self):
        return (self.record_type, self.record_id)

    def to_line(self):
        data = {"type": self.record_type, "id": self.record_id, "erased_at": self.erased_at}
        return json.dumps(data, default=datetime.isoformat, sort_keys=True) + "\n"

    @classmethod
    def from_line(cls, line):
        data = json.loads(line)
        erased_at = datetime.fromisoformat(data["erased_at"])
        return cls(str(data["type"]), str(data["id"]), erased_at)


def register(model, erase_again):
    """`erase_again(record_id)` erases one record of `model` again after a restore, through
    the feature's own erasure, and says whether there was anything to erase."""
    _erasers[model._meta.label_lower] = erase_again


def record(instance):
    """Note the erasure of `instance`; call it inside the transaction that erases it.

    The line beside the backups is written once that transaction commits: a rolled-back
    erasure must not erase anything at the next restore."""
    entry = Entry(instance._meta.label_lower, str(instance.pk), timezone.now())
    _, created = Erasure.objects.get_or_create(
        record_type=entry.record_type,
        record_id=entry.record_id,
        defaults={"erased_at": entry.erased_at},
    )
    if created:
        transaction.on_commit(lambda: append_to_file([entry]))


def ledger_path():
    return Path(settings.BACKUP_DIR) / LEDGER_FILE_NAME


def append_to_file(entries, path=None):
    """Append to the ledger beside the backups. An unwritable folder must not stop an
    erasure (the row in the database is what counts; each backup copies it here again), so a
    failure is logged, by number only."""
    path = path or ledger_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as ledger:
            fcntl.flock(ledger, fcntl.LOCK_EX)  # one whole line per writer, in any process
            ledger.writelines(entry.to_line() for entry in entries)
            ledger.flush()
            os.fsync(ledger.fileno())
    except OSError as error:
        ids = ", ".join(f"{entry.record_type} #{entry.record_id}" for entry in entries)
        logger.error("Could not write erasures (%s) to %s: %s", ids, path, error)
        return False
    return True


def read_file(path=None):
    """The entries of a ledger file (none if it does not exist). A line that cannot be read
    (a write cut off by a crash) is skipped with a warning."""
    path = Path(path or ledger_path())
    if not path.exists():
        return []
    return read_lines(path.read_text(encoding="utf-8").splitlines(), str(path))


def read_lines(lines, where):
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(Entry.from_line(line))
        except (ValueError, KeyError, TypeError):
            logger.warning("Skipped unreadable line %s of the erasure ledger %s", number, where)
    return entries


def read_database():
    """The entries in the database; none when it has no ledger yet (an empty machine)."""
    try:
        rows = Erasure.objects.values_list("record_type", "record_id", "erased_at")
        return [Entry(*row) for row in rows]
    except DatabaseError:
        return []


def union(*ledgers):
    """Every erasure of all `ledgers`, once each, at its earliest time, oldest first."""
    earliest = {}
    for ledger in ledgers:
        for entry in ledger:
            known = earliest.get(entry.key)
            if known is None or entry.erased_at < known.erased_at:
                earliest[entry.key] = entry
    return sorted(earliest.values(), key=lambda entry: (entry.erased_at, entry.key))


def save_everywhere(entries):
    """Make the database and the file beside the backups each hold all of `entries`."""
    Erasure.objects.bulk_create(
        [
            Erasure(record_type=e.record_type, record_id=e.record_id, erased_at=e.erased_at)
            for e in entries
        ],
        ignore_conflicts=True,
    )
    in_file = {entry.key for entry in read_file()}
    missing = [entry for entry in entries if entry.key not in in_file]
    if missing:
        append_to_file(missing)


def erase_again(entries):
    """Erase every record of `entries` that exists; how many there were."""
    erased = 0
    for entry in entries:
        eraser = _erasers.get(entry.record_type)
        if eraser is None:
            logger.warning("No eraser for %s #%s", entry.record_type, entry.record_id)
            continue
        with transaction.atomic():
            erased += bool(eraser(entry.record_id))
    return erased


def reapply(*ledgers):
    """Save the union of `ledgers` (with the database's and the file's) everywhere and erase
    each record again. Returns (entries, records erased again)."""
    entries = union(read_database(), read_file(), *ledgers)
    save_everywhere(entries)
    return len(entries), erase_again(entries)
