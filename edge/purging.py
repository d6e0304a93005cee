"""Purge the edge cache when content changes: one soft purge of everything the edge keeps
for the site, since any change can show on any page (menus, listings, the home page's latest
articles, the other language's alternates), as the app's own page cache is retired whole.

The purge is sent by the process that made the change, as its transaction commits (the
`content_changed` signal of caching/content_version.py, sent by every change that moves the
content version: the admin, `publish_scheduled`, `import_articles`, `setup_demo`...), so it
never waits for a task worker. It is sent twice: at once, and again once every process has
read the new content version (CONTENT_VERSION_MAX_AGE later), because a page the edge
refetched meanwhile from another process may have come from that process's old copy.

Sending is edge/sending.py; a purge that fails is retried through the task queue
(edge/tasks.py) and never fails the change that caused it.
"""

import threading
import time

from django.conf import settings
from django.db import connections, transaction

from edge.sending import is_enabled
from edge.tasks import purge_or_retry_later

# --- When: on commit, then once more when every process has the new content version ---------

_changes = threading.local()


def purge_after_commit(**kwargs):
    """`content_changed` receiver: purge once the change is committed (at once outside a
    transaction). A transaction with many changes purges once."""
    if not is_enabled():
        return
    _changes.waiting = True
    transaction.on_commit(purge_committed_changes, robust=True)


def purge_committed_changes():
    if not getattr(_changes, "waiting", False):
        return  # this commit's purge has been sent by an earlier callback
    _changes.waiting = False
    purge_or_retry_later()
    settle.schedule(settings.CONTENT_VERSION_MAX_AGE)


class SettlePurge:
    """The second purge, CONTENT_VERSION_MAX_AGE after the last commit: one thread at a time,
    pushed back by each new commit, so a burst of changes costs one purge more, not one each.
    The thread is not a daemon, so a management command waits for it before it exits."""

    def __init__(self):
        self._lock = threading.Lock()
        self._due = 0.0
        self._running = False

    def schedule(self, delay):
        if delay <= 0:
            return
        with self._lock:
            self._due = time.monotonic() + delay
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="edge-settle-purge").start()

    def _run(self):
        try:
            self._wait_until_due()
            purge_or_retry_later()
        finally:
            connections.close_all()  # this thread's own connections

    def _wait_until_due(self):
        while True:
            with self._lock:
                wait = self._due - time.monotonic()
                if wait <= 0:
                    self._running = False
                    return
            time.sleep(wait)


settle = SettlePurge()
