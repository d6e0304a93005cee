"""Nothing one visitor sends changes what another sees: absolute URLs come from the site's
root URL, and a request by any other host (another port included) is answered without
filling any cache that others are served from (audit finding 4).

The audit's replays: behind one proxy, a GET with `X-Forwarded-Host: localhost:1`; without
a proxy, `Host: localhost:7777` (Django's host check ignores the port). Either, sent first
after a change, put its host into the hreflang links (and the JSON-LD clinician URLs) that
clean visitors then got from the page cache; and 560 requests with different ports evicted
the cached pages.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from articles.models import ArticlePage, Clinician
from clinic.models import StandardPage
from tests.test_health_and_config import DEVELOPMENT, run_settings_import

REFERENCE_SLUG = "can-mental-health-issues-cause-back-pain"
OWN_HOST = "testserver"  # WAGTAILADMIN_BASE_URL in tests/settings.py, the demo site's host
# As in production: the names the site answers to; Django checks no port.
ALLOWED_HOSTS = [OWN_HOST, "localhost"]
BEHIND_ONE_PROXY = {
    "TRUSTED_PROXY_COUNT": 1,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}
ABSOLUTE_URL = re.compile(r"""https?://([^/\s"'<>\\]+)""")


def hosts_in(text):
    return set(ABSOLUTE_URL.findall(text))


def foreign_hosts(response):
    """The hosts of absolute URLs in the response that only a request could have put there
    (the site's own is testserver; links to other sites, such as sources, are not local)."""
    return {host for host in hosts_in(response.content.decode()) if host.startswith("localhost")}


def public_paths():
    """Every kind of page that shows absolute URLs: hreflang alternates (pages and a page
    that is not a CMS page), canonical and og:url, JSON-LD with clinicians' URLs, a
    clinician's page, the feed, the sitemap and robots.txt."""
    article = ArticlePage.objects.get(slug=REFERENCE_SLUG, locale__language_code="en")
    spanish_article = article.get_translation(Locale.objects.get(language_code="es"))
    index = article.get_parent().specific
    clinician = Clinician.objects.get(name="Imogen Farrow")
    return [
        "/",
        "/es/",
        article.url,
        spanish_article.url,
        index.url,
        index.clinician_url(clinician),
        index.url + "feed/",
        "/search/",
        "/es/buscar/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def replay(headers):
    """For each path, one request with `headers` first, then a clean visitor's: the clean
    visitors' responses, by path."""
    clean = {}
    for path in public_paths():
        sent = Client().get(path, **headers)
        assert sent.status_code == 200, (path, sent.status_code)
        assert not foreign_hosts(sent), (path, foreign_hosts(sent))  # its own page, too
        clean[path] = Client().get(path)
    return clean


def assert_only_own_urls(responses):
    for path, response in responses.items():
        assert response.status_code == 200, path
        assert foreign_hosts(response) == set(), path
        assert f"http://{OWN_HOST}/" in response.content.decode(), path


@pytest.mark.parametrize("proxy_sets_forwarded_host", [False, True])
def test_behind_a_proxy_a_visitors_forwarded_host_never_reaches_another_visitor(
    bilingual_demo_site, proxy_sets_forwarded_host
):
    # Also with X-Forwarded-Host read: a proxy set up to pass on the client's header.
    with override_settings(
        **BEHIND_ONE_PROXY,
        USE_X_FORWARDED_HOST=proxy_sets_forwarded_host,
        ALLOWED_HOSTS=ALLOWED_HOSTS,
    ):
        clean = replay({"HTTP_X_FORWARDED_HOST": "localhost:1"})

    assert_only_own_urls(clean)


def test_without_a_proxy_another_port_in_the_host_never_reaches_another_visitor(
    bilingual_demo_site,
):
    with override_settings(ALLOWED_HOSTS=ALLOWED_HOSTS):
        clean = replay({"HTTP_HOST": "localhost:7777"})

    assert_only_own_urls(clean)


def test_hreflang_canonical_and_json_ld_use_the_sites_root_url(bilingual_demo_site):
    article = ArticlePage.objects.get(slug=REFERENCE_SLUG, locale__language_code="en")

    with override_settings(ALLOWED_HOSTS=ALLOWED_HOSTS):
        html = Client().get(article.url, HTTP_HOST="localhost:7777").content.decode()

    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)">', html).group(1)
    json_ld = "".join(re.findall(r'<script type="application/ld\+json">(.*?)</script>', html))
    clinician_urls = re.findall(r'"url": "([^"]+/clinicians/[^"]+)"', json_ld)
    assert alternates and clinician_urls
    for url in [*alternates, canonical, og_url, *clinician_urls]:
        assert url.startswith(f"http://{OWN_HOST}/"), url


def test_a_request_by_another_host_is_answered_privately_and_never_cached(demo_site):
    with override_settings(ALLOWED_HOSTS=ALLOWED_HOSTS):
        foreign = [Client().get("/about/", HTTP_HOST="localhost:7777") for _ in range(2)]
    own = [Client().get("/about/") for _ in range(2)]

    for response in foreign:
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # neither read nor stored
        assert "private" in response["Cache-Control"]  # nor kept by a CDN for others
    assert [response["X-Page-Cache"] for response in own] == ["miss", "hit"]


def small_caches():
    """The site's caches with room for few entries, so that filling them shows at once."""
    caches = {name: dict(config) for name, config in django_settings.CACHES.items()}
    caches["pages"]["OPTIONS"] = {"MAX_ENTRIES": 20}
    caches["versioned"]["OPTIONS"] = {"MAX_ENTRIES": 100}
    return caches


def test_requests_by_many_ports_cannot_push_cached_pages_out(demo_site):
    paths = ["/", "/about/", "/articles/", "/contact/"]
    with override_settings(CACHES=small_caches(), ALLOWED_HOSTS=ALLOWED_HOSTS):
        for path in paths:
            Client().get(path)  # cached by a clean visitor
        for port in range(10000, 10060):
            response = Client().get("/", HTTP_HOST=f"localhost:{port}")
            assert response.status_code == 200
        later = [Client().get(path) for path in paths]

    assert [response["X-Page-Cache"] for response in later] == ["hit"] * len(paths)


def queries_to_render(path):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    "flood",
    [
        pytest.param(lambda n: ("/about/", {"HTTP_HOST": f"localhost:{10000 + n}"}), id="ports"),
        pytest.param(lambda n: (f"/no-such-page-{n}/", {}), id="missing pages"),
        pytest.param(lambda n: (f"/articles/clinicians/nobody-{n}/", {}), id="routable 404s"),
    ],
)
def test_no_request_crowds_out_the_routes_and_fragments_pages_are_rendered_from(
    demo_site, settings, flood
):
    # The page cache off: every request renders, from the routes, settings and fragments
    # kept under the content version, which a warm render needs (3 queries, README).
    settings.PAGE_CACHE_ENABLED = False
    settings.DEBUG = False  # Django's own 404 page with DEBUG on would not render the site's
    about = StandardPage.objects.get(slug="about").url
    with override_settings(CACHES=small_caches(), ALLOWED_HOSTS=ALLOWED_HOSTS):
        queries_to_render(about)
        warm = queries_to_render(about)
        for n in range(60):
            path, headers = flood(n)
            Client().get(path, **headers)
        after = queries_to_render(about)

    assert after == warm


def test_behind_a_proxy_x_forwarded_host_is_read_only_when_configured():
    show = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.USE_X_FORWARDED_HOST)"
    )
    proxy = {**DEVELOPMENT, "DJANGO_TRUSTED_PROXY_COUNT": "1"}

    default = run_settings_import(proxy, show)
    configured = run_settings_import({**proxy, "DJANGO_USE_X_FORWARDED_HOST": "1"}, show)

    assert (default.stdout.strip(), configured.stdout.strip()) == ("False", "True")
