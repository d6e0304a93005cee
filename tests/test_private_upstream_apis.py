"""Pins for the private upstream attributes the site still uses because no public extension
point exists (issue #20): each test fails when the upstream code they rely on changes, so the
override is read again before an upgrade ships."""

import hashlib
import inspect

import pytest
import redis
import wagtail.views
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.cache.backends.redis import RedisCache
from django.urls import resolve, reverse
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from caching import route_cache
from caching.resilient_cache import ResilientRedisCache
from clinic import translations
from clinic.sitemaps import BilingualSitemap

# The source of Wagtail 8's Sitemap._urls, which BilingualSitemap._urls repeats with the
# alternates added: when Wagtail's changes, ours must take the change too.
WAGTAIL_SITEMAP_URLS_SHA256 = "4bfc0b041a9373257f10b94c3504566407241825edd8a792efda65b73bf9ec3f"
# The source of Wagtail 8's serve view, which clinic/route_cache.serve repeats with the route
# looked up through the cache: Wagtail has no hook before routing (before_serve_page runs after
# route()), so ours must follow any change to the hooks it runs and their order.
WAGTAIL_SERVE_SHA256 = "eab2a9d475a3384347f8dd3a62e522b635298d6990adf6e3fbbdd302bfa8d62b"


def test_django_sitemaps_still_list_a_page_through_the_private_urls_method():
    source = inspect.getsource(DjangoSitemap.get_urls)
    assert "self._urls(page, protocol, domain)" in source
    parameters = list(inspect.signature(BilingualSitemap._urls).parameters)
    assert parameters == list(inspect.signature(WagtailSitemap._urls).parameters)


def test_wagtails_sitemap_listing_is_the_one_the_bilingual_sitemap_repeats():
    source = inspect.getsource(WagtailSitemap._urls)
    assert hashlib.sha256(source.encode()).hexdigest() == WAGTAIL_SITEMAP_URLS_SHA256


def test_djangos_redis_cache_still_reaches_its_client_through_the_private_cache():
    assert isinstance(inspect.getattr_static(RedisCache, "_cache"), cached_property)
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})
    # Making a client does not connect, so this needs no Redis server.
    assert isinstance(cache._cache.get_client(write=False), redis.Redis)


def test_wagtails_serve_view_is_the_one_the_route_cache_repeats():
    source = inspect.getsource(wagtail.views.serve)
    assert hashlib.sha256(source.encode()).hexdigest() == WAGTAIL_SERVE_SHA256
    ours = inspect.getsource(route_cache.serve)
    for step in ('get_hooks("on_serve_page")', 'get_hooks("before_serve_page")', "serve_chain"):
        assert step in ours


# wagtail-localize offers no hook around these three views, so the site registers its own at
# the same admin addresses, first (clinic/wagtail_hooks.py). If wagtail-localize moves one,
# its own view would answer again, unguarded: these fail first.
@pytest.mark.parametrize(
    "name, args, view",
    [
        ("wagtail_localize:update_translations", [1], translations.ReviewedUpdateTranslationsView),
        ("wagtail_localize:convert_to_alias", [1], translations.convert_to_alias),
        ("wagtail_localize:edit_override", [1, 1], translations.edit_override),
    ],
)
def test_wagtail_localizes_addresses_reach_the_sites_guarded_views(name, args, view):
    func = inspect.unwrap(resolve(reverse(name, args=args)).func)
    assert getattr(func, "view_class", func) is view
