"""Whether the edge has heard of every change, for /healthz and the admin dashboard."""

from django.conf import settings
from django.db import DatabaseError

from edge import models, sending


def purge_health():
    """("ok" | "late", details): late once a change has waited longer than
    EDGE_PURGE_LATE_SECONDS for its purge (the edge is down, or no worker runs the retries)."""
    if not sending.is_enabled():
        return "ok", {"status": "off"}
    try:
        since = models.oldest_pending()
    except DatabaseError:
        since = None
    if since is None:
        return "ok", {"status": "ok"}
    waited = (models.now() - since).total_seconds()
    state = "late" if waited > settings.EDGE_PURGE_LATE_SECONDS else "queued"
    return ("late" if state == "late" else "ok"), {
        "status": state,
        "pending_since": since.isoformat(timespec="seconds"),
        "waited_seconds": round(waited),
    }
