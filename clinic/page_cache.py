"""Whole-page cache of Wagtail pages for anonymous visitors.

A page is rendered once and served from the cache (Redis when REDIS_URL is set, local memory
otherwise) until anything that pages show changes: publishing, unpublishing, moving or
deleting a page, or editing clinic settings or snippets bumps one version number, which
retires every cached page at once. Publishing is rare and a site-wide flush is simple and
always correct (menus, listings and related articles show other pages too).

Pages with a form carry hidden fields that must be fresh for each visitor: the CSRF token
tied to their cookie, and the contact form's signed "started" time that the spam check reads.
The cached copy stores a placeholder for each (PAGE_CACHE_PER_VISITOR_FIELDS names them and
the function that makes a value), and every hit fills in new values.
"""

import hashlib
import re
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.module_loading import import_string

VERSION_KEY = "page-cache:version"
CSRF_FIELD = "csrfmiddlewaretoken"
PLACEHOLDER = "__PAGE_CACHE_FIELD_{}__"
NO_STORE_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")


def invalidate_all():
    """Retire every cached page (the old entries expire on their own)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def versioned_cache():
    """The cache for entries keyed by the content version (see CACHES in settings)."""
    return caches["versioned"]


def current_version(request=None):
    """The content version that cached pages, routes, settings and fragments are keyed by.
    Read once per request: with Redis each read is a round trip."""
    if request is not None and hasattr(request, "_content_version"):
        return request._content_version
    version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    if request is not None:
        request._content_version = version
    return version


def is_cacheable_request(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or request.user.is_authenticated:
        return False
    # Unknown query parameters would let anyone fill the cache with copies of one page.
    return set(request.GET) <= settings.PAGE_CACHE_QUERY_PARAMS


def cache_key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"page-cache:{hashlib.sha256(raw.encode()).hexdigest()}"


def lookup(request):
    """The cached page for this request, or None. Reads the content version and the entry in
    one round trip; an entry stored under an older version is stale."""
    key = cache_key(request)
    found = cache.get_many([VERSION_KEY, key])
    if VERSION_KEY in found:
        request._content_version = found[VERSION_KEY]
    entry = found.get(key)
    if entry is not None and entry["version"] == current_version(request):
        return entry
    return None


def is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(directive in cache_control for directive in NO_STORE_DIRECTIVES)


@memoize
def hidden_input(name):
    return re.compile(rf'(name="{re.escape(name)}" value=")[^"]*(")')


def per_visitor_fields():
    """{hidden input name: function(request) -> fresh value} for every per-visitor field."""
    return makers_for(tuple(settings.PAGE_CACHE_PER_VISITOR_FIELDS.items()))


@memoize
def makers_for(fields):
    # Imported once, not on every cache hit.
    return {name: import_string(path) for name, path in fields}


def store(request, key, response):
    content = response.content.decode(response.charset)
    fields = []
    for name in per_visitor_fields():
        content, count = hidden_input(name).subn(rf"\g<1>{PLACEHOLDER.format(name)}\g<2>", content)
        if count:
            fields.append(name)
    entry = {
        "content": content,
        "content_type": response["Content-Type"],
        "fields": fields,
        "version": current_version(request),
    }
    cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    mark_public(response, fields)


def response_from_entry(request, entry):
    content = entry["content"]
    makers = per_visitor_fields()
    for name in entry["fields"]:
        content = content.replace(PLACEHOLDER.format(name), makers[name](request))
    response = HttpResponse(content, content_type=entry["content_type"])
    response["X-Page-Cache"] = "hit"
    mark_public(response, entry["fields"])
    return response


def mark_public(response, per_visitor_fields):
    """Tell PublicPageHeadersMiddleware how far caches outside the site may share it."""
    response.public_page = True
    response.has_csrf_token = CSRF_FIELD in per_visitor_fields


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache before Wagtail routes them: routing alone
    costs several queries, which a cache hit should not pay. Pages are stored by the
    `on_serve_page` hook (`serve_with_cache`), once Wagtail has rendered them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cacheable_request(request) and not request.path.startswith(settings.ADMIN_URL_PREFIX):
            entry = lookup(request)
            if entry is not None:
                return response_from_entry(request, entry)
        return self.get_response(request)


def serve_with_cache(serve):
    """An `on_serve_page` hook body: serve and store (PageCacheMiddleware has already
    answered the request if the page was in the cache)."""

    def inner(page, request, serve_args, serve_kwargs):
        # Only pages rendered for a visitor without a session are stored: a session can hold
        # what is theirs alone, such as the password of a private page they may now see.
        if not is_cacheable_request(request) or not request.session.is_empty():
            return serve(page, request, serve_args, serve_kwargs)
        key = cache_key(request)
        response = serve(page, request, serve_args, serve_kwargs)
        response["X-Page-Cache"] = "miss"
        if hasattr(response, "add_post_render_callback") and not response.is_rendered:
            response.add_post_render_callback(
                lambda rendered: store_if_storable(request, key, rendered)
            )
        else:
            store_if_storable(request, key, response)
        return response

    return inner


def store_if_storable(request, key, response):
    if is_storable(response):
        store(request, key, response)


class PublicPageHeadersMiddleware:
    """Cache-Control for shared caches (CDN) on cached public pages; private elsewhere.

    Sits above the session and CSRF middleware so it sees their Vary headers: merely checking
    `request.user` adds `Vary: Cookie`, which would stop any CDN from sharing the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, "public_page", False):
            if is_signed_in(request) and not response.has_header("Cache-Control"):
                # A page rendered for a signed-in person (admin toolbar, their name) must
                # not be kept by the browser's back-forward cache or any proxy.
                add_never_cache_headers(response)
            return response
        if response.has_csrf_token:
            # The token belongs to this visitor: only our own cache may share the page.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        drop_vary_cookie(response)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.CDN_CACHE_SECONDS,
            stale_while_revalidate=settings.CDN_STALE_WHILE_REVALIDATE_SECONDS,
        )
        return response


def is_signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def drop_vary_cookie(response):
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]
