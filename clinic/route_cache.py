"""Remember which page a URL leads to, so serving a page skips Wagtail's walk down the tree.

Wagtail finds the page for a URL by looking up the site and then each URL segment's page in
turn, one or two queries a segment: about half the time it takes to render an article. The
route (site, page id and type, and the rest of the path for a routable page's own views) is
kept in the cache under the page cache's version, which moves whenever a page is published,
unpublished, moved or deleted, or a site changes, so a stale route is never followed. The page
itself is still loaded fresh on every request, and Wagtail still checks that it is live and
who may see it.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from clinic import page_cache


class RouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        key = route_key(request, path)
        remembered = page_cache.versioned_cache().get(key)
        if remembered is None or not restore_route(request, path, remembered):
            remember_route(request, path, key)
        return None


def route_key(request, path):
    digest = hashlib.sha256(f"{request.get_host()}|{path}".encode()).hexdigest()
    return f"route:{page_cache.current_version(request)}:{digest}"


def path_components(path):
    return [component for component in path.split("/") if component]


def remember_route(request, path, key):
    """Route the request as Wagtail does (it keeps the result on the request) and cache it."""
    route = Page.route_for_request(request, path)
    if route is None:
        return
    site, page = request._wagtail_site, route[0]
    page_segments = segments_below_root(site, page)
    requested = path_components(path)
    if page_segments is None or requested[: len(page_segments)] != page_segments:
        return  # reached some other way than by its own path: let Wagtail route it each time
    remembered = {
        "site": site,
        "page_id": page.pk,
        "content_type_id": page.content_type_id,
        "rest": requested[len(page_segments) :],
    }
    page_cache.versioned_cache().set(key, remembered, timeout=settings.PAGE_CACHE_SECONDS)


def segments_below_root(site, page):
    root_path = site.root_page.url_path
    if not page.url_path.startswith(root_path):
        return None
    return path_components(page.url_path[len(root_path) :])


def restore_route(request, path, remembered):
    """Load the remembered page (one query) and let it route the rest of the path itself.
    False when the page is gone or no longer answers that path."""
    model = ContentType.objects.get_for_id(remembered["content_type_id"]).model_class()
    page = model.objects.filter(pk=remembered["page_id"]).first() if model else None
    if page is None:
        return False
    site = remembered["site"]
    # Belt and braces: a page whose URL changed without a signal is routed afresh.
    page_segments = segments_below_root(site, page)
    if page_segments is None or page_segments + remembered["rest"] != path_components(path):
        return False
    try:
        route = page.route(request, remembered["rest"])
    except Http404:
        return False
    request._wagtail_site = site
    request._wagtail_route_for_request = route
    return True
