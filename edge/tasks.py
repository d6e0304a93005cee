"""The task queue's part in edge purges: retrying one that failed (the edge was down)."""

from django_tasks import task


@task()
def retry_edge_purge():
    """Purge the edge again; while it still fails, queue the next try."""
    from edge.purging import purge_or_retry_later

    return purge_or_retry_later(requeue=True)
