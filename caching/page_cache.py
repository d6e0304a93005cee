"""Whole-page cache of Wagtail pages for anonymous visitors.

A page is rendered once and then served from the cache until anything that pages show
changes: every entry is kept under the content version (caching/content_version.py), which
each such change moves on, in the database every process reads. Each process keeps the pages
it served in its own memory (the "pages" cache); with Redis they are also shared, so one
process's render serves the others (PAGE_CACHE_SHARED_CACHE). A site-wide retirement is
simple and always correct: menus, listings and related articles show other pages too.

What may be stored is decided once the response is complete (`PublicPageHeadersMiddleware`,
which sits above the session, CSRF and messages middleware): a page for a visitor without a
session, that sets no cookie of its own, with query values the page itself accepts, asked
for by the site's own host (caching/site_urls.py): a request by any other Host, or another
port, is answered without the cache, privately, so it can neither plant a page for others
nor push theirs out.

Pages with a form carry hidden fields that must be fresh for each visitor: the CSRF token
tied to their cookie, and the contact form's signed "started" time that the spam check reads.
The cached copy stores a placeholder for each (PAGE_CACHE_PER_VISITOR_FIELDS names them and
the function that makes a value), and every hit fills in new values.
"""

import hashlib
import re
from functools import cache as memoize
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.module_loading import import_string

from caching import content_version, site_urls

CSRF_FIELD = "csrfmiddlewaretoken"
PLACEHOLDER = "__PAGE_CACHE_FIELD_{}__"
NO_STORE_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")


def is_cacheable_request(request):
    """May this request be answered from the cache (and its answer stored)?"""
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
        return False
    # A session can hold what is the visitor's alone (staff, the password of a private page):
    # they get the page rendered for them, and never a page that sets their cookie publicly.
    if has_session(request):
        return False
    if getattr(request, "is_preview", False):
        return False
    # Unknown query parameters would let anyone fill the cache with copies of one page.
    return all(name in settings.PAGE_CACHE_QUERY_PARAMS for name in request.GET)


def cache_key(request):
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return content_version.cache_key("page", digest, request=request)


def local_cache():
    return caches["pages"]


def shared_cache():
    alias = settings.PAGE_CACHE_SHARED_CACHE
    return caches[alias] if alias else None


def lookup(key):
    """The cached page under this key: this process's copy, else the shared one."""
    entry = local_cache().get(key)
    if entry is not None:
        return entry
    shared = shared_cache()
    entry = shared.get(key) if shared is not None else None
    if entry is not None:
        local_cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    return entry


def keep(key, entry):
    local_cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    shared = shared_cache()
    if shared is not None:
        shared.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)


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


@memoize
def query_checks(checks):
    return {name: import_string(path) for name, path in checks}


def response_is_storable(response):
    if response.status_code != 200 or response.streaming:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(directive in cache_control for directive in NO_STORE_DIRECTIVES)


def query_is_storable(request, response):
    """Every query value passes its parameter's check (PAGE_CACHE_QUERY_PARAMS), once."""
    checks = query_checks(tuple(settings.PAGE_CACHE_QUERY_PARAMS.items()))
    for name, values in request.GET.lists():
        if len(values) != 1 or not checks[name](request, response, name, values[0]):
            return False
    return True


def in_canonical_url(request, response, name, value):
    """A check for PAGE_CACHE_QUERY_PARAMS: the page names this value, written this way, in
    its canonical URL. The article index does so for an existing topic and a page number in
    range; a page that names no canonical URL takes no such parameter."""
    context = getattr(response, "context_data", None) or {}
    canonical = context.get("canonical_url")
    if not canonical:
        return False
    return parse_qs(urlsplit(canonical).query).get(name) == [value]


def with_placeholders(response):
    """The page's HTML with each per-visitor field's value replaced, and those fields."""
    content = response.content.decode(response.charset)
    fields = []
    for name in per_visitor_fields():
        content, count = hidden_input(name).subn(rf"\g<1>{PLACEHOLDER.format(name)}\g<2>", content)
        if count:
            fields.append(name)
    return content, fields


def sets_only_own_cookies(response, fields):
    """A response that sets a cookie is never stored, except the CSRF cookie that goes with
    the token the cached copy leaves out (each visitor gets their own on every hit)."""
    cookies = set(response.cookies)
    if settings.CSRF_COOKIE_NAME in cookies and CSRF_FIELD in fields:
        cookies.discard(settings.CSRF_COOKIE_NAME)
    return not cookies


def store_if_storable(request, response):
    if not response_is_storable(response) or not query_is_storable(request, response):
        return
    content, fields = with_placeholders(response)
    if not sets_only_own_cookies(response, fields):
        return
    entry = {"content": content, "content_type": response["Content-Type"], "fields": fields}
    keep(response.page_cache_key, entry)
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
    """Answer anonymous GETs from the page cache before Django resolves the URL and Wagtail
    routes it: routing costs queries, which a cache hit should not pay. On a miss the request
    carries its key on, and the `on_serve_page` hook (`serve_with_cache`) marks the page
    Wagtail served for storing; other views' responses are never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            if not site_urls.is_canonical_host(request):
                return answer_privately(self.get_response(request))
            key = cache_key(request)
        except DatabaseError:
            # The database is down: no page can be known fresh. Let the view answer (the
            # health check's 503, or the error page).
            return self.get_response(request)
        entry = lookup(key)
        if entry is not None:
            return response_from_entry(request, entry)
        request.page_cache_key = key
        return self.get_response(request)


def answer_privately(response):
    """A page for a request by another host than the site's own: no cache outside the site
    may keep it for others either."""
    patch_cache_control(response, private=True)
    return response


def serve_with_cache(serve):
    """An `on_serve_page` hook body: mark the page for storing. It runs inside Wagtail's
    view-restriction check, so only a page this visitor may see without signing in or a
    password is marked."""

    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        key = getattr(request, "page_cache_key", None)
        if key is not None:
            response["X-Page-Cache"] = "miss"
            response.page_cache_key = key
        return response

    return inner


class PublicPageHeadersMiddleware:
    """Stores marked pages, and sets Cache-Control for shared caches (CDN) on public pages;
    private elsewhere.

    Sits above the session, CSRF and messages middleware, so it sees every cookie the
    response sets and their Vary headers: merely checking `request.user` adds
    `Vary: Cookie`, which would stop any CDN from sharing the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "page_cache_key", None) is not None:
            store_if_storable(request, response)
        if has_session(request) and is_signed_in(request):
            if not response.has_header("Cache-Control"):
                # A page rendered for a signed-in person (admin toolbar, their name) must
                # not be kept by the browser's back-forward cache or any proxy.
                add_never_cache_headers(response)
            return response
        if is_personal(request, response):
            patch_cache_control(response, private=True)
            if getattr(response, "public_page", False):
                patch_cache_control(response, no_cache=True)
            return response
        if getattr(response, "public_page", False):
            share_publicly(response)
        return response


def share_publicly(response):
    if response.has_csrf_token:
        # The token belongs to this visitor: only our own cache may share the page.
        patch_cache_control(response, private=True, no_cache=True)
        return
    drop_vary_cookie(response)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.CDN_CACHE_SECONDS,
        stale_while_revalidate=settings.CDN_STALE_WHILE_REVALIDATE_SECONDS,
    )


def is_personal(request, response):
    """A response that sets a cookie, or answers a visitor with a session, is theirs alone."""
    return bool(response.cookies) or has_session(request)


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


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
