"""Pins for the private upstream attributes the site still uses because no public extension
point exists (issue #20): each test fails when the upstream code they rely on changes, so the
override is read again before an upgrade ships."""

import hashlib
import inspect

import redis
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from clinic.resilient_cache import ResilientRedisCache
from clinic.sitemaps import BilingualSitemap

# The source of Wagtail 8's Sitemap._urls, which BilingualSitemap._urls repeats with the
# alternates added: when Wagtail's changes, ours must take the change too.
WAGTAIL_SITEMAP_URLS_SHA256 = "4bfc0b041a9373257f10b94c3504566407241825edd8a792efda65b73bf9ec3f"


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
