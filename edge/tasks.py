"""The task queue's part in edge purges: a purge that failed (the edge was down) is logged,
remembered (edge.models.PendingPurge, which /healthz and the dashboard report) and retried
here until it goes through; it never fails the change that caused it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django_tasks import task

from edge import models
from edge.sending import EdgePurgeFailed, purge_edge

logger = logging.getLogger(__name__)


@task()
def retry_edge_purge():
    """Purge the edge again; while it still fails, queue the next try."""
    return purge_or_retry_later(requeue=True)


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
    return timedelta(seconds=settings.EDGE_PURGE_RETRY_SECONDS)
