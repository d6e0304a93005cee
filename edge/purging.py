"""Purge the edge cache when content changes: one soft purge of everything the edge keeps
for the site, since any change can show on any page (menus, listings, the home page's latest
articles, the other language's alternates), as the app's own page cache is retired whole.

The purge is sent by the process that made the change, as its transaction commits (the
`content_changed` signal of clinic/content_version.py, sent by every change that moves the
content version: the admin, `publish_scheduled`, `import_articles`, `setup_demo`...), so it
never waits for a task worker. It is sent twice: at once, and again once every process has
read the new content version (CONTENT_VERSION_MAX_AGE later), because a page the edge
refetched meanwhile from another process may have come from that process's old copy.

A purge that fails (the edge is down) is logged, remembered (edge.models.PendingPurge, which
/healthz and the dashboard report) and retried through the task queue; it never fails the
change that caused it.
"""

import logging
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from wagtail.models import Site

from edge import cdn, models

logger = logging.getLogger(__name__)

# Never through an HTTP proxy from the environment: the edge is reached directly.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class EdgePurgeFailed(Exception):
    pass


def is_enabled():
    return bool(settings.EDGE_PURGE_URLS or cdn.configured_senders())


# --- Sending a purge ------------------------------------------------------------------------


def site_hosts():
    """Each site's host as its root URL names it: the Host the edge keeps its pages under."""
    hosts = {urlsplit(site.root_url).netloc.lower() for site in Site.objects.all()}
    return sorted(hosts) or [urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc.lower()]


def purge_edge():
    """Soft-purge everything every edge keeps for every site, and everything a CDN keeps
    (edge/cdn.py); EdgePurgeFailed naming each that failed, once all were tried."""
    failures = []
    hosts = site_hosts() if settings.EDGE_PURGE_URLS else []
    for url in settings.EDGE_PURGE_URLS:
        for host in hosts:
            try:
                send_purge(url, host)
            except EdgePurgeFailed as error:
                failures.append(str(error))
    for send in cdn.configured_senders():
        try:
            send()
        except cdn.CdnPurgeFailed as error:
            failures.append(str(error))
    if failures:
        raise EdgePurgeFailed("; ".join(failures))


def send_purge(url, host):
    # An address from the settings, never from a request.
    request = urllib.request.Request(url, method="PURGE", headers={"Host": host})  # noqa: S310
    try:
        with OPENER.open(request, timeout=settings.EDGE_PURGE_TIMEOUT_SECONDS) as response:
            response.read()
    except (OSError, urllib.error.HTTPError) as error:
        raise EdgePurgeFailed(f"{url} ({host}): {error}") from error


def purge_or_retry_later(requeue=False):
    """Purge now; on failure log it, remember it and queue a retry. Never raises: a change is
    made whether the edge hears of it or not. True when the purge went through."""
    started = models.now()
    try:
        purge_edge()
    except EdgePurgeFailed as error:
        queue_retry(started, error, requeue)
        return False
    except DatabaseError:
        logger.exception("Edge purge not sent: the sites could not be read")
        return False
    try:
        models.note_success(started)
    except DatabaseError:
        logger.exception("Edge purge sent, but not recorded")
    return True


def queue_retry(started, error, requeue):
    from edge.tasks import retry_edge_purge

    try:
        first_failure = models.note_failure(started, error)
        if not (first_failure or requeue):
            logger.info("Edge purge failed again; a retry is queued already: %s", error)
            return
        logger.warning("Edge purge failed; queued for a retry: %s", error)
        backend = retry_edge_purge.get_backend()
        if not backend.supports_defer:
            # Tasks run at once here (development): a retry now would only fail again.
            logger.warning("Edge purge retry not queued: the task backend cannot defer")
            return
        run_after = models.now() + retry_delay()
        retry_edge_purge.using(run_after=run_after).enqueue()
    except Exception:
        logger.exception("Edge purge retry could not be queued")


def retry_delay():
    from datetime import timedelta

    return timedelta(seconds=settings.EDGE_PURGE_RETRY_SECONDS)


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
