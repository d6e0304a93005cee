"""A Redis outage makes the site slower, never broken (caching/resilient_cache.py): pages are
rendered without the cache, the contact form takes enquiries, staff keep working, the health
check says "degraded" with 200, the outage is logged once, and the cache is used again when
Redis answers, with nothing stale. (tests/test_multi_process.py stops a real Redis under
running servers.)"""

import logging
import shutil
import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.test import Client

from caching import resilient_cache
from intake.models import Enquiry
from tests.fixtures.intake import CONTACT_URL, started_token
from tests.local_servers import free_port, start_redis_server

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): Redis stopped and
# started under the site.
pytestmark = pytest.mark.backend_specific

PAGES = ["/", "/about/", "/articles/", "/contact/"]


def redis_cache_at(port, retry_seconds=30):
    return {
        "BACKEND": "caching.resilient_cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/5",
        "KEY_PREFIX": f"outage-test-{port}",
        "OPTIONS": {
            "socket_connect_timeout": 0.25,
            "socket_timeout": 0.25,
            "OUTAGE_RETRY_SECONDS": retry_seconds,
        },
    }


def use_redis_at(settings, port, retry_seconds=30):
    # Each test gets its own outage record (they are per process and server).
    resilient_cache._outages.clear()
    settings.CACHES = {**settings.CACHES, "default": redis_cache_at(port, retry_seconds)}
    settings.PAGE_CACHE_SHARED_CACHE = "default"


@pytest.fixture
def redis_down(settings, demo_site):
    """REDIS_URL pointing at a port where nothing listens."""
    use_redis_at(settings, free_port())
    yield
    resilient_cache._outages.clear()


@pytest.fixture
def stuck_redis(settings, demo_site):
    """A Redis that accepts connections and never answers (a hung server, a dropped link)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    use_redis_at(settings, listener.getsockname()[1])
    yield
    listener.close()
    for connection in accepted:
        connection.close()
    resilient_cache._outages.clear()


def test_pages_are_served_while_redis_is_down(redis_down):
    for _ in range(2):
        for path in PAGES:
            assert Client().get(path).status_code == 200, path


def test_spanish_pages_are_served_and_cached_while_redis_is_down(bilingual_demo_site, redis_down):
    spanish = Client()
    for path in ("/es/", "/es/buscar/?q=espalda"):
        response = spanish.get(path)
        assert response.status_code == 200, path
        assert '<html lang="es"' in response.content.decode(), path
    assert spanish.get("/es/")["X-Page-Cache"] == "hit"


def test_pages_are_cached_in_each_process_while_redis_is_down(redis_down):
    Client().get("/about/")

    assert Client().get("/about/")["X-Page-Cache"] == "hit"


def test_the_contact_form_takes_enquiries_while_redis_is_down(redis_down, form_data):
    Client().get(CONTACT_URL)  # the form page, through the page cache

    response = Client().post(CONTACT_URL, {**form_data, "started": started_token()})

    assert response.status_code == 302
    assert Enquiry.objects.count() == 1


def test_staff_keep_working_while_redis_is_down(redis_down, admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/pages/").status_code == 200


def test_healthz_says_degraded_with_200_while_redis_is_down(redis_down):
    response = Client().get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("degraded", "ok", "unreachable")


def test_an_outage_is_logged_once_not_on_every_request(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="caching.resilient_cache"):
        for _ in range(5):
            for path in PAGES:
                Client().get(path)

    assert len(caplog.records) == 1
    assert "unreachable" in caplog.records[0].getMessage()


def test_a_stuck_redis_costs_one_request_its_timeout_and_the_others_nothing(stuck_redis):
    cache = caches["default"]
    started = time.monotonic()
    assert cache.get("anything") is None  # waits out socket_timeout once
    first = time.monotonic() - started

    started = time.monotonic()
    for _ in range(100):
        assert cache.get("anything") is None
        cache.set("anything", 1)
    rest = time.monotonic() - started

    assert first < 1
    assert rest < 0.1


def test_a_stuck_redis_does_not_hold_up_pages(stuck_redis):
    Client().get("/about/")  # the one request that waits out the time-out

    started = time.monotonic()
    for _ in range(5):
        assert Client().get("/articles/").status_code == 200
    assert time.monotonic() - started < 5


needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="redis-server is not installed"
)


@pytest.fixture
def redis_later(settings, demo_site):
    """A port where Redis is down at first; `start()` starts it there."""
    port = free_port()
    use_redis_at(settings, port, retry_seconds=0.2)
    servers = []

    def start():
        servers.append(start_redis_server(port))

    yield start
    for process in servers:
        process.terminate()
        process.wait(timeout=10)
    resilient_cache._outages.clear()


@needs_redis_server
def test_the_cache_is_used_again_when_redis_returns(redis_later, caplog):
    cache = caches["default"]
    cache.set("key", "lost")  # Redis is down: dropped
    redis_later()
    time.sleep(0.3)  # the retry interval

    with caplog.at_level(logging.WARNING, logger="caching.resilient_cache"):
        cache.set("key", "kept")
        assert cache.get("key") == "kept"
        assert Client().get("/healthz").json()["cache"] == "ok"

    assert [r.getMessage() for r in caplog.records if "reachable again" in r.getMessage()]


@needs_redis_server
def test_deletes_missed_during_an_outage_are_made_when_redis_returns(redis_later):
    cache = caches["default"]
    redis_later()
    cache.set("site-paths", "old")
    cache.outage.failed(ConnectionError("pretend Redis went away"))
    cache.delete("site-paths")  # Wagtail invalidating its entry meanwhile: not reachable
    time.sleep(0.3)

    assert cache.get("site-paths") is None
