"""Remember which page a URL leads to, so serving a page skips Wagtail's lookups.

To serve a URL Wagtail finds the site for the host name (one query, the costliest of an
article's render) and then asks the site's root page to route the path, looking up each URL
segment's page in turn (two queries a segment). `serve` is Wagtail's own `serve` view
(wagtail.views.serve) with one difference: each host and path's route (the page's id and type,
and the rest of the path for a routable page's own views) is kept under the content version,
which moves whenever a page is published, unpublished, moved or deleted, or a site changes, so
a stale route is never followed. It uses Wagtail's public API only. The page itself is still
loaded fresh on every request, and Wagtail still checks that it is live and who may see it
(its `on_serve_page` and `before_serve_page` hooks run exactly as in its own view).
A route is kept only once its page answered it (200), and only for the site's own host
(caching/site_urls.py), so no request can fill the cache with routes of its choosing.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.views import serve_chain

from caching import content_version, site_urls

ROUTE_TO_REMEMBER_ATTR = "clinic_route_to_remember"


def serve(request, path):
    """wagtail.views.serve, routing through the route cache on GET and HEAD."""
    route = route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    response = on_serve_chain(page, request, args, kwargs)
    remember_if_served(request, path, page, response)
    return response


def route_for_request(request, path):
    """(page, args, kwargs) for this path on this host, or None: as Page.route_for_request,
    but never a page in another language than the URL's (Wagtail falls back to the English
    home page for /es/ when there is no Spanish one)."""
    route = cached_route_for_request(request, path)
    if route is None or route[0].locale_id != active_locale_id(request):
        return None
    return route


def active_locale_id(request):
    """The id of the URL language's Locale (None if it has none), kept under the content
    version: asked on every page served."""
    key = content_version.cache_key("locale-id", get_language(), request=request)
    remembered = caches["versioned"].get(key)
    if remembered is None:
        locale = Locale.objects.filter(language_code=get_language()).first()
        remembered = {"id": locale.pk if locale else None}
        caches["versioned"].set(key, remembered, timeout=settings.PAGE_CACHE_SECONDS)
    return remembered["id"]


def cached_route_for_request(request, path):
    if request.method not in ("GET", "HEAD") or not site_urls.may_fill_shared_caches(request):
        # Routes are kept per host: one the site does not answer to would keep its own.
        return Page.route_for_request(request, path)
    key = route_key(request, path)
    remembered = caches["versioned"].get(key)
    if remembered is not None:
        route = follow(request, path, remembered)
        if route is not None:
            return route
    route = Page.route_for_request(request, path)
    if route is not None:
        setattr(request, ROUTE_TO_REMEMBER_ATTR, key)
    return route


def remember_if_served(request, path, page, response):
    """Remember a route Wagtail found once the page has answered it: a routable page takes
    any path below it (/articles/clinicians/<any name>/), and only those it serves may be
    kept, or anyone could fill the cache with routes to 404s."""
    key = getattr(request, ROUTE_TO_REMEMBER_ATTR, None)
    if key is not None and response.status_code == 200:
        # Wagtail found the site while routing (it keeps it on the request): no query.
        remember(key, Site.find_for_request(request), path, page)


def route_key(request, path):
    # The path is what follows the language prefix: /es/ and / route from different homes.
    digest = hashlib.sha256(f"{request.get_host()}|{get_language()}|{path}".encode()).hexdigest()
    return content_version.cache_key("route", digest, request=request)


def path_components(path):
    return [component for component in path.split("/") if component]


def segments_below(root_path, page):
    if not page.url_path.startswith(root_path):
        return None
    return path_components(page.url_path[len(root_path) :])


def remember(key, site, path, page):
    if site is None:
        return
    root_path = site.root_page.localized.url_path
    page_segments = segments_below(root_path, page)
    requested = path_components(path)
    if page_segments is None or requested[: len(page_segments)] != page_segments:
        return  # reached some other way than by its own path: let Wagtail route it each time
    remembered = {
        "root_path": root_path,
        "page_id": page.pk,
        "content_type_id": page.content_type_id,
        "rest": requested[len(page_segments) :],
    }
    caches["versioned"].set(key, remembered, timeout=settings.PAGE_CACHE_SECONDS)


def follow(request, path, remembered):
    """Load the remembered page (one query) and let it route the rest of the path itself.
    None when the page is gone or no longer answers that path."""
    model = ContentType.objects.get_for_id(remembered["content_type_id"]).model_class()
    page = model.objects.filter(pk=remembered["page_id"]).first() if model else None
    if page is None:
        return None
    # Belt and braces: a page whose URL changed without a signal is routed afresh.
    page_segments = segments_below(remembered["root_path"], page)
    if page_segments is None or page_segments + remembered["rest"] != path_components(path):
        return None
    try:
        return page.route(request, remembered["rest"])
    except Http404:
        return None
