"""Django's Redis cache, made to behave as an empty cache while Redis is unreachable.

A cache outage must make the site slower, never broken: while Redis is down or restarting,
every read misses and every write is dropped, so pages are rendered afresh and nothing that
needs the cache fails. After a failure the cache is left alone for OUTAGE_RETRY_SECONDS (an
OPTIONS entry, default 2), so a dead or stuck Redis costs one request in that time its
time-out and the others nothing; the first call after that which succeeds ends the outage.
The outage is logged once when it starts and once when it ends, not on every request.

Deletes that failed during the outage (Wagtail invalidates its site paths and renditions by
deleting their entries) are made once Redis answers again, so nothing stale outlives it.
Entries keyed by the content version need no such care: the version is in the database.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisError, OSError)
DEFAULT_RETRY_SECONDS = 2
MAX_REMEMBERED_DELETES = 10_000


class Outage:
    """Whether one Redis server is reachable, shared by every thread of the process (Django
    makes a cache object per thread)."""

    def __init__(self, name, retry_seconds):
        self.name = name
        self.retry_seconds = retry_seconds
        self.lock = threading.Lock()
        self.started_at = None  # monotonic time the outage began, None while reachable
        self.retry_at = 0.0
        self.calls_without_cache = 0
        self.pending_deletes = set()  # (key, version)
        self.pending_clear = False

    @property
    def ongoing(self):
        return self.started_at is not None

    def should_skip(self):
        """True while Redis is known to be down and the next retry is not due."""
        if self.started_at is None:
            return False
        with self.lock:
            if time.monotonic() < self.retry_at:
                self.calls_without_cache += 1
                return True
            self.retry_at = time.monotonic() + self.retry_seconds  # this call is the retry
            return False

    def failed(self, error):
        with self.lock:
            self.calls_without_cache += 1
            self.retry_at = time.monotonic() + self.retry_seconds
            if self.started_at is not None:
                return
            self.started_at = time.monotonic()
        logger.error(
            "Cache %s unreachable (%s): pages are rendered without it; retrying every %s s",
            self.name,
            type(error).__name__,
            self.retry_seconds,
        )

    def remember_delete(self, keys, version):
        with self.lock:
            for key in keys:
                if len(self.pending_deletes) < MAX_REMEMBERED_DELETES:
                    self.pending_deletes.add((key, version))

    def give_back(self, deletes, clear):
        with self.lock:
            self.pending_deletes |= deletes
            self.pending_clear = self.pending_clear or clear

    def take_pending(self):
        with self.lock:
            deletes, clear = self.pending_deletes, self.pending_clear
            self.pending_deletes, self.pending_clear = set(), False
        return deletes, clear

    def ended(self):
        with self.lock:
            if self.started_at is None:
                return
            seconds = time.monotonic() - self.started_at
            calls, self.calls_without_cache = self.calls_without_cache, 0
            self.started_at = None
        logger.warning(
            "Cache %s reachable again after %.1f s (%d calls answered without it)",
            self.name,
            seconds,
            calls,
        )


_outages = {}
_outages_lock = threading.Lock()


def outage_for(location, retry_seconds):
    with _outages_lock:
        if location not in _outages:
            _outages[location] = Outage(display_name(location), retry_seconds)
        return _outages[location]


def display_name(location):
    """host:port/db, without any password in the URL."""
    first = location[0] if isinstance(location, list | tuple) else location.split(",")[0]
    parts = urlsplit(first)
    return f"{parts.hostname}:{parts.port or 6379}{parts.path or '/0'}"


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, answering as an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = options.pop("OUTAGE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self.outage = outage_for(server, retry_seconds)

    def _attempt(self, call, fallback):
        if self.outage.should_skip():
            return fallback
        try:
            if self.outage.ongoing:
                self._replay_missed()
            result = call()
        except UNREACHABLE as error:
            self.outage.failed(error)
            return fallback
        if self.outage.ongoing:
            self.outage.ended()
        return result

    def _replay_missed(self):
        """Make the deletes (and a clear) that failed during the outage."""
        deletes, clear = self.outage.take_pending()
        try:
            if clear:
                super().clear()
            by_version = {}
            for key, version in deletes:
                by_version.setdefault(version, []).append(key)
            for version, keys in by_version.items():
                super().delete_many(keys, version=version)
        except UNREACHABLE:
            self.outage.give_back(deletes, clear)
            raise

    def is_reachable(self):
        """For the health check: does Redis answer now (without waiting out a retry)?"""

        def ping():
            # Django's RedisCache has no public way to its Redis client (only the private
            # `_cache`), and a client of our own would not share its options or connection
            # pool. tests/test_private_upstream_apis.py fails if that attribute changes.
            return bool(self._cache.get_client(write=False).ping())

        return self._attempt(ping, False)

    # Each method answers as an empty cache would while Redis is unreachable.

    def get(self, key, default=None, version=None):
        base = super()
        return self._attempt(lambda: base.get(key, default, version), default)

    def get_many(self, keys, version=None):
        base = super()
        return self._attempt(lambda: base.get_many(keys, version), {})

    def has_key(self, key, version=None):
        base = super()
        return self._attempt(lambda: base.has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        return self._attempt(lambda: base.add(key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        return self._attempt(lambda: base.set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        return self._attempt(lambda: base.set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        base = super()
        return self._attempt(lambda: base.touch(key, timeout, version), False)

    def delete(self, key, version=None):
        base = super()
        deleted = self._attempt(lambda: base.delete(key, version), None)
        if deleted is None:
            self.outage.remember_delete([key], version)
            return False
        return deleted

    def delete_many(self, keys, version=None):
        base = super()
        keys = list(keys)
        if not self._attempt(lambda: base.delete_many(keys, version) or True, False):
            self.outage.remember_delete(keys, version)

    def incr(self, key, delta=1, version=None):
        base = super()
        unreachable = object()
        value = self._attempt(lambda: base.incr(key, delta, version), unreachable)
        if value is unreachable:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")
        return value

    def clear(self):
        base = super()
        if not self._attempt(lambda: base.clear() or True, False):
            self.outage.pending_clear = True
