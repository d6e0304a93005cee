"""Absolute URLs come from the configured site, never from the request; and only requests to
the site's own host may fill what other visitors are served from.

A request's Host header (and X-Forwarded-Host, where DJANGO_USE_X_FORWARDED_HOST says the
proxy sets it) is the sender's to choose: Django checks the name against ALLOWED_HOSTS but
not the port. So:
- every absolute URL a page shows (canonical, hreflang, og:url, JSON-LD, the feed, the
  sitemap, robots.txt) is built from the site's root URL (Settings → Sites), or
  WAGTAILADMIN_BASE_URL where no site answers the request;
- only a request to one of the sites' own hosts, port included, as their root URLs name
  them, may fill a cache that others read (pages, routes, fragments, settings): any other
  is answered, and not kept, so no Host header can poison or crowd out what others get.
  Nor is an error page's render kept (any path makes one).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from caching import content_version

PRIVATE_RENDER_ATTR = "clinic_render_not_shared"


def site_root_url(request):
    """The root URL of the site answering `request` ("https://clinic.example"), without a
    trailing slash."""
    site = Site.find_for_request(request)
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


def absolute_url(request, url):
    """`url` ("/es/buscar/") on the site's root URL; an absolute URL stays as it is."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    return site_root_url(request) + url


def canonical_hosts(request=None):
    """Each site's host as its root URL names it ("clinic.example", "127.0.0.1:8000"),
    kept in this process under the content version (which any change to the sites moves
    on). Read from Wagtail's site root paths, which building any page URL loads anyway."""
    key = content_version.cache_key("canonical-hosts", request=request)
    hosts = caches["versioned"].get(key)
    if hosts is None:
        hosts = frozenset(
            urlsplit(root.root_url).netloc.lower() for root in Site.get_site_root_paths()
        )
        caches["versioned"].set(key, hosts, timeout=settings.PAGE_CACHE_SECONDS)
    return hosts


def is_canonical_host(request):
    """Whether the request came by one of the sites' own hosts, port included."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    return host.lower() in canonical_hosts(request)


def may_fill_shared_caches(request):
    """Whether what this request renders may be kept for other requests."""
    if getattr(request, PRIVATE_RENDER_ATTR, False):
        return False
    return is_canonical_host(request)


def keep_render_private(request):
    """What this request renders is for it alone (an error page: any path makes one)."""
    setattr(request, PRIVATE_RENDER_ATTR, True)
