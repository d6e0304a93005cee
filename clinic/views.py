"""Site-wide views: health check, robots.txt and error pages."""

import logging
import sys

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from backups.status import backup_health
from caching.site_urls import absolute_url, keep_render_private
from edge.status import purge_health

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 whenever the site can serve, which is while the database
    answers; 503 when it does not. A cache outage only makes pages slower, and a backup older
    than BACKUP_MAX_AGE_HOURS (or none at all) puts data at risk without stopping the site,
    and an edge purge waiting longer than EDGE_PURGE_LATE_SECONDS leaves visitors old pages:
    each shows as "degraded" in the body, with 200, for monitoring to act on."""
    cache = healthz_cache_check()
    try:
        healthz_database_check()
    except DatabaseError:
        logger.warning("Health check failed: database unreachable")
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "cache": cache}, status=503
        )
    backup_state, backup = backup_health()
    edge_state, edge_purge = purge_health()
    healthy = cache == "ok" and backup_state == "ok" and edge_state == "ok"
    return JsonResponse(
        {
            "status": "ok" if healthy else "degraded",
            "database": "ok",
            "cache": cache,
            "backup": backup,
            "edge_purge": edge_purge,
        }
    )


def healthz_database_check():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def healthz_cache_check():
    """The shared cache's state: "unreachable" while Redis is down, else "ok" (a cache in
    the process's own memory is always there)."""
    is_reachable = getattr(caches["default"], "is_reachable", None)
    if is_reachable is None or is_reachable():
        return "ok"
    return "unreachable"


@require_GET
def robots_txt(request):
    """Crawlers may read every public page but not the admin or search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    """handler404: Django's own, whose render is kept from the shared caches: any path makes
    one, and its fragments (keyed by the path) would crowd out the pages' own."""
    keep_render_private(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: a database outage is a 503 ("try again soon"), anything else a 500.

    Django calls this inside its exception handler, so sys.exc_info() is the error. Neither
    template needs the database or a request context.
    """
    _, error, _ = sys.exc_info()
    database_error = isinstance(error, OperationalError | InterfaceError)
    if request.path.startswith(settings.ADMIN_URL_PREFIX):
        return admin_error(request, status=503 if database_error else 500)
    if database_error:
        response = error_page("503.html", status=503)
        response["Retry-After"] = "60"
        return response
    return error_page("500.html", status=500)


def admin_error(request, status):
    """A failed admin request says plainly that nothing was saved: a page for a form the
    editor sent, JSON for the admin's own background requests (autosave and the like), which
    Wagtail's scripts show as "Autosave is paused: A server error occurred."."""
    reason = "the database was busy or unreachable" if status == 503 else "an error on our side"
    if not request.accepts("text/html"):
        message = f"Not saved: {reason}."
        return JsonResponse(
            {"success": False, "error_code": "server_error", "error_message": message},
            status=status,
        )
    html = loader.render_to_string("admin_error.html", {"reason": reason})
    return HttpResponse(html, status=status)


def error_page(template_name, status):
    return HttpResponse(loader.render_to_string(template_name), status=status)
