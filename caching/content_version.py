"""The content version: one number that moves whenever anything public pages show changes.

Cached pages, routes, clinic settings, rendered fragments and the search vocabulary are all
kept under keys that carry it (`cache_key`, and `{% contentcache %}` for fragments), so
nothing is ever deleted: moving the version retires every entry at once, in every process.

It lives in one database row, because the database is the one store every process of every
configuration shares (on the embedded default each process has a cache of its own). Each
change adds one to it in the same transaction as the change, so a process that reads the new
number also reads the new content. Its value never goes back: it starts from the clock (in
milliseconds) and never falls behind it, so even a row that was lost and made again (a flushed
or restored database) takes a number no earlier entry was stored under.

Reading it costs one small query; each process reuses what it read for
CONTENT_VERSION_MAX_AGE seconds (0: read on every request), so a change made by another
process or server shows there within that time, and at once in the process that made it.
Redis never holds it: a lost or stale copy could not bring an old version back.
"""

import threading
import time

from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.dispatch import Signal

from caching.models import ContentVersion

ROW_ID = 1
# Sent by `bump`, inside the transaction that changes content: whatever else keeps copies of
# pages (the edge cache, edge/) learns of every change from the one place that does.
content_changed = Signal()
REQUEST_ATTR = "clinic_content_version"  # the version a request uses throughout


def current(request=None):
    """The content version; with a request, the same one for the whole request."""
    if request is not None:
        version = getattr(request, REQUEST_ATTR, None)
        if version is not None:
            return version
    version = _copy.get()
    if version is None:
        version = _copy.read_and_keep()
    if request is not None:
        setattr(request, REQUEST_ATTR, version)
    return version


def cache_key(name, *parts, request=None):
    """A cache key for `name` and `parts` under the current content version."""
    return ":".join([name, str(current(request)), *(str(part) for part in parts)])


def fragment_key(name, vary_on, request=None):
    """The key of a rendered template fragment (`{% contentcache %}`)."""
    return make_template_fragment_key(name, [current(request), *vary_on])


def versioned_cache_key(key, key_prefix, version):
    """KEY_FUNCTION for the "default" cache when it is each process's own memory (no Redis):
    what Wagtail keeps there, such as each site's root path, must agree between processes,
    so every entry is retired with the content version, as pages are."""
    try:
        content = current()
    except DatabaseError:  # before `migrate` has made the version's table
        content = "-"
    return f"{key_prefix}:{version}:{content}:{key}"


def bump():
    """Move the version on: every entry kept under the old one is retired.

    Runs in the caller's transaction, so the new number becomes visible to other processes
    exactly when the change itself does, and not at all if the change is rolled back."""
    floor = Value(clock_millis(), output_field=models.BigIntegerField())
    moved = ContentVersion.objects.filter(pk=ROW_ID).update(value=Greatest(F("value") + 1, floor))
    if not moved:
        _, created = ContentVersion.objects.get_or_create(
            pk=ROW_ID, defaults={"value": clock_millis()}
        )
        if not created:  # another process made the row meanwhile: move past its number
            ContentVersion.objects.filter(pk=ROW_ID).update(value=F("value") + 1)
    # This thread reads the version again now (its transaction sees the new number), and
    # every thread of the process does after the commit (other connections see it only then).
    _copy.forget()
    transaction.on_commit(_copy.forget_everywhere)
    content_changed.send(sender=ContentVersion)


def clock_millis():
    return int(time.time() * 1000)


def read_from_database():
    with connection.cursor() as cursor:
        cursor.execute(_select_sql(), [ROW_ID])
        row = cursor.fetchone()
    if row is None:  # a flushed database: make the row again, from the clock
        bump()
        return read_from_database()
    return row[0]


def _select_sql():
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    return f"SELECT value FROM {table} WHERE id = %s"  # noqa: S608 (a fixed table name)


class ProcessCopy:
    """The version each thread read last, reused for CONTENT_VERSION_MAX_AGE seconds.

    Each thread keeps its own, valid only in the transaction it was read in (or outside any,
    as it was read): inside a transaction that has moved the version, the thread sees its own
    uncommitted number, which no other thread may use. A change made by this thread shows in
    it at once, and once committed every thread of the process reads the version again.
    (Requests read it outside any transaction; a long transaction, such as a management
    command's, keeps the number it read first, which is never newer than what it reads next.)"""

    def __init__(self):
        self._local = threading.local()
        self._generation = 0  # moves on each commit of a change made in this process

    def get(self):
        local = self._local
        if getattr(local, "value", None) is None or local.generation != self._generation:
            return None
        if local.transaction is not outermost_transaction():
            return None
        # Within one transaction the version is read once (tests run each in one); outside,
        # it is read again after CONTENT_VERSION_MAX_AGE.
        if local.transaction is None and time.monotonic() >= local.expires:
            return None
        return local.value

    def read_and_keep(self):
        generation = self._generation
        value = read_from_database()
        local = self._local
        local.value, local.generation = value, generation
        local.expires = time.monotonic() + settings.CONTENT_VERSION_MAX_AGE
        local.transaction = outermost_transaction()
        return value

    def forget(self):
        """This thread reads the version again (its own transaction sees the new number)."""
        self._local.value = None

    def forget_everywhere(self):
        """Every thread of this process reads the version again (after a commit)."""
        self._generation += 1
        self._local.value = None


def outermost_transaction():
    blocks = connection.atomic_blocks
    return blocks[0] if blocks else None


_copy = ProcessCopy()
