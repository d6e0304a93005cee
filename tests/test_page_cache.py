"""Whole-page caching for anonymous visitors, and its invalidation."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from wagtail.contrib.frontend_cache import signal_handlers as frontend_cache_signals
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from articles.models import ArticlePage, Clinician, Topic
from articles.review import publish_reviewed
from caching import content_version
from clinic.models import StandardPage

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): with REDIS_URL the
# pages are shared through Redis.
pytestmark = pytest.mark.backend_specific


def get(client, path="/about/"):
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_from_the_cache(client, demo_site):
    first = get(client)
    second = get(client)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_cache_hit_needs_no_database_query(client, demo_site, django_assert_num_queries):
    get(client)
    with django_assert_num_queries(0):
        assert get(client)["X-Page-Cache"] == "hit"


def test_a_cached_page_keeps_the_security_headers(client, demo_site):
    get(client)
    hit = get(client)
    assert hit["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_public_page_headers_let_a_cdn_share_it(client, demo_site):
    for response in (get(client), get(client)):
        cache_control = response["Cache-Control"]
        assert "public" in cache_control
        assert "s-maxage=300" in cache_control
        assert "stale-while-revalidate=60" in cache_control
        assert "cookie" not in response.get("Vary", "").lower()


def test_logged_in_users_never_get_or_fill_the_cache(admin_client, demo_site):
    get(Client())  # an anonymous visit fills the cache

    response = get(admin_client)

    assert "X-Page-Cache" not in response
    cache_control = response["Cache-Control"]
    assert "public" not in cache_control
    assert {"private", "no-store"} <= {d.strip() for d in cache_control.split(",")}


def test_publishing_a_page_retires_cached_copies(client, demo_site):
    get(client)
    about = StandardPage.objects.get(slug="about")
    about.intro = "A freshly published introduction."
    about.save_revision().publish()

    response = get(client)

    assert response["X-Page-Cache"] == "miss"
    assert b"A freshly published introduction." in response.content


def test_unpublishing_a_page_retires_cached_copies(client, demo_site):
    get(client)
    StandardPage.objects.get(slug="about").unpublish()

    assert client.get("/about/").status_code == 404


def test_moving_a_page_retires_cached_copies(client, demo_site):
    get(client, "/")
    about = StandardPage.objects.get(slug="about")
    privacy = StandardPage.objects.get(slug="privacy-policy")
    about.move(privacy, pos="last-child")

    old_url = client.get("/about/")
    assert old_url.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert old_url["Location"].endswith("/privacy-policy/about/")
    assert get(client, "/privacy-policy/about/")["X-Page-Cache"] == "miss"


def test_editing_clinic_settings_retires_cached_copies(client, clinic_settings):
    get(client)
    clinic_settings.clinic_name = "Renamed Clinic"
    clinic_settings.save()

    assert b"Renamed Clinic" in get(client).content


@pytest.mark.parametrize("query", ["?utm_source=x", "?anything=1"])
def test_unknown_query_parameters_bypass_the_cache(client, demo_site, query):
    get(client, "/about/" + query)

    assert "X-Page-Cache" not in get(client, "/about/" + query)


def test_posts_are_never_served_from_the_cache(client, demo_site):
    get(client)

    response = client.post("/about/")

    assert response.get("X-Page-Cache") != "hit"


def test_cache_can_be_switched_off(client, demo_site, settings):
    settings.PAGE_CACHE_ENABLED = False

    get(client)

    assert "X-Page-Cache" not in get(client)


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, demo_site):
    get(client)
    about = StandardPage.objects.get(slug="about")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/about/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_password_protected_page_is_not_cached_for_those_who_know_the_password(demo_site):
    about = StandardPage.objects.get(slug="about")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    insider = Client()
    insider.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk]),
        {"password": "letmein", "return_url": "/about/"},
    )
    get(insider)  # the insider sees the page (200)

    outsider = Client().get("/about/")

    assert "X-Page-Cache" not in outsider
    assert b'name="password"' in outsider.content


class PurgeRecorder(BaseHTTPRequestHandler):
    """A caching proxy's purge endpoint (Varnish, nginx): records each PURGE it receives."""

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_endpoint(settings):
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # As clinic/settings.py configures it from FRONTEND_CACHE_PURGE_URL; the app that
    # connects its signals is installed only when that variable is set, so connect them here.
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    frontend_cache_signals.register_signal_handlers()
    yield server
    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(frontend_cache_signals.page_published_signal_handler, model)
            page_unpublished.disconnect(
                frontend_cache_signals.page_unpublished_signal_handler, model
            )
    server.shutdown()
    server.server_close()


def test_publishing_a_page_purges_it_from_the_cdn(demo_site, purge_endpoint):
    about = StandardPage.objects.get(slug="about")
    about.intro = "New words for the CDN to fetch."
    about.save_revision().publish()

    assert "/about/" in [path for _host, path in purge_endpoint.purged]


# --- What is stored: only pages every visitor may get, under values the page accepts -------


def second_visit(path):
    """The answer to a second anonymous visit, after a first one that could fill the cache."""
    first = Client().get(path)
    assert first.status_code == 200
    return Client().get(path)


@pytest.mark.parametrize(
    "path",
    [
        "/articles/?topic=anything-1",  # no such topic
        "/articles/?page=99",  # out of range: the last page is shown
        "/articles/?page=1",  # the first page's canonical URL has no ?page=
        "/articles/?page=abc",
        "/articles/?topic=back-care&topic=sleep",  # two values
        "/about/?page=2",  # a page that takes no ?page=
        "/contact/?from=999999",  # no such page
        "/contact/?from=0011",  # a live page's id, padded
    ],
)
def test_a_query_value_the_page_does_not_accept_is_answered_but_not_stored(demo_site, path):
    assert second_visit(path)["X-Page-Cache"] == "miss"


def test_an_existing_topic_is_stored(demo_site):
    slug = Topic.objects.filter(articles__isnull=False).first().slug

    assert second_visit(f"/articles/?topic={slug}")["X-Page-Cache"] == "hit"


def test_the_contact_page_from_a_live_page_is_stored(demo_site):
    article = ArticlePage.objects.live().first()

    assert second_visit(f"/contact/?from={article.pk}")["X-Page-Cache"] == "hit"


def test_invalid_query_values_do_not_fill_the_cache(demo_site):
    for n in range(20):
        Client().get(f"/articles/?topic=anything-{n}")

    assert len(caches["pages"]._cache) <= 1


def test_the_order_of_query_parameters_does_not_make_another_copy(demo_site):
    slug = Topic.objects.filter(articles__isnull=False).first().slug
    Client().get(f"/contact/?from={ArticlePage.objects.live().first().pk}")
    Client().get(f"/articles/?topic={slug}")

    assert Client().get(f"/articles/?topic={slug}")["X-Page-Cache"] == "hit"


# --- Cookies and sessions ------------------------------------------------------------------


def with_session(client):
    """A visitor with a session of their own (say, after sending the contact form)."""
    session = SessionStore()
    session["intake:thank-you"] = "received"
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def test_a_cache_hit_sets_no_cookie(client, demo_site):
    get(client)

    hit = get(client)

    assert hit["X-Page-Cache"] == "hit"
    assert not hit.cookies


def test_a_visitor_with_a_session_never_gets_a_public_or_cached_page(demo_site):
    get(Client())  # someone else fills the cache

    response = get(with_session(Client()), "/about/")

    assert response.get("X-Page-Cache") != "hit"
    cache_control = response.get("Cache-Control", "")
    assert "public" not in cache_control
    assert "private" in cache_control


def test_a_page_seen_with_a_session_is_not_stored(demo_site):
    get(with_session(Client()))

    assert get(Client())["X-Page-Cache"] == "miss"


def test_a_response_that_sets_a_cookie_is_neither_public_nor_stored(demo_site, monkeypatch):
    original = StandardPage.serve

    def serve_with_cookie(page, request, *args, **kwargs):
        response = original(page, request, *args, **kwargs)
        response.set_cookie("seen-about", "1")
        return response

    monkeypatch.setattr(StandardPage, "serve", serve_with_cookie)

    first = get(Client())
    second = get(Client())

    assert "public" not in first["Cache-Control"]
    assert "private" in first["Cache-Control"]
    assert second["X-Page-Cache"] == "miss"


def test_a_cached_form_page_is_never_public(demo_site):
    for response in (get(Client(), "/contact/"), get(Client(), "/contact/")):
        cache_control = response["Cache-Control"]
        assert "public" not in cache_control
        assert "private" in cache_control


# --- What retires cached pages ------------------------------------------------------------


def test_editing_a_topic_retires_cached_copies(client, demo_site):
    get(client, "/articles/")
    topic = Topic.objects.filter(articles__isnull=False).first()
    topic.name = "A renamed topic"
    publish_reviewed(topic, Clinician.objects.get(name="Rowan Pryce"))  # live once approved

    response = get(client, "/articles/")

    assert response["X-Page-Cache"] == "miss"
    assert b"A renamed topic" in response.content


def test_a_page_made_private_while_cached_in_another_process_is_not_served(demo_site):
    # Another process's cached copy and version: the version read there must move too.
    get(Client())
    before = content_version.read_from_database()
    PageViewRestriction.objects.create(
        page=StandardPage.objects.get(slug="about"), restriction_type=PageViewRestriction.LOGIN
    )

    assert content_version.read_from_database() > before
    assert Client().get("/about/").status_code == 302


def spanish_article():
    return ArticlePage.objects.live().filter(locale__language_code="es").first()


def test_spanish_pages_are_cached_as_english_ones_and_apart_from_them(
    client, bilingual_demo_site, django_assert_num_queries
):
    spanish = spanish_article()
    english = spanish.get_translation(Locale.objects.get(language_code="en"))
    paths = {"/": "en", "/es/": "es", english.url: "en", spanish.url: "es"}
    misses = {path: get(client, path)["X-Page-Cache"] for path in paths}

    for path, language in paths.items():
        with django_assert_num_queries(0):
            hit = get(client, path)
        assert hit["X-Page-Cache"] == "hit", path
        assert f'<html lang="{language}"' in hit.content.decode(), path
    assert set(misses.values()) == {"miss"}


def test_publishing_a_spanish_page_retires_its_cached_copy(client, bilingual_demo_site):
    spanish = spanish_article()
    get(client, spanish.url)
    spanish.summary = "Un resumen recién publicado."
    publish_reviewed(spanish, spanish.medical_reviewer, reviewed_on=spanish.last_reviewed)

    response = get(client, spanish.url)

    assert response["X-Page-Cache"] == "miss"
    assert "Un resumen recién publicado." in response.content.decode()
