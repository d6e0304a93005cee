"""The app's side of the edge cache (edge/): a live change sends one purge of the whole site
when it commits, and a draft none; a purge that fails never fails the change, is queued for a
retry, and once it has waited over a minute shows on /healthz and the dashboard.

The edge here is a real HTTP server on loopback that records the PURGE requests it is sent
(tests/test_edge_cache.py has Varnish itself).
"""

import ast
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from edge.models import PendingPurge
from edge.tasks import purge_or_retry_later, retry_edge_purge
from tests.local_servers import free_port

# on_commit and a transaction's end decide when a purge is sent.
pytestmark = pytest.mark.backend_specific

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class RecordingEdge(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purges.append((time.monotonic(), self.headers["Host"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge_server():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), RecordingEdge)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def edge_settings(settings, edge_server):
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{edge_server.server_port}/"]
    settings.CONTENT_VERSION_MAX_AGE = 0  # the second, settling purge is tested on its own
    return settings


@pytest.fixture
def edge_down(settings):
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{free_port()}/"]  # nothing listens there
    settings.CONTENT_VERSION_MAX_AGE = 0
    settings.TASKS = DATABASE_TASKS
    return settings


def site_host():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_url.split("://", 1)[1]


def test_a_publish_purges_the_whole_site_once_when_it_commits(
    edge_settings, edge_server, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article(title="Purged once")  # many changes in one transaction
        assert edge_server.purges == []  # nothing before the commit

    for callback in callbacks:
        callback()

    assert [host for _, host in edge_server.purges] == [site_host()]


def test_a_draft_is_not_purged(
    edge_settings, edge_server, make_article, django_capture_on_commit_callbacks
):
    article = make_article(title="Live already")
    edge_server.purges.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft only"
        article.save_revision()

    assert edge_server.purges == []


def test_a_purge_is_sent_again_once_every_process_has_the_new_content_version(
    edge_settings, edge_server, make_article, django_capture_on_commit_callbacks
):
    edge_settings.CONTENT_VERSION_MAX_AGE = 0.3

    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Purged twice")

    deadline = time.monotonic() + 5
    while len(edge_server.purges) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first, second = (at for at, _ in edge_server.purges)
    assert second - first >= 0.3


def test_a_failed_purge_never_fails_the_publish_and_is_queued_for_a_retry(
    edge_down, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Published with the edge down")

    assert article.live
    assert PendingPurge.objects.count() == 1
    retry = DBTaskResult.objects.get(task_path="edge.tasks.retry_edge_purge")
    assert retry.run_after > timezone.now() + timedelta(seconds=20)


def test_a_queued_purge_is_reported_once_it_has_waited_over_a_minute(
    edge_down, client, admin_client
):
    purge_or_retry_later()
    assert client.get("/healthz").json()["edge_purge"]["status"] == "queued"
    assert "not yet on the public site" not in admin_client.get("/admin/").text

    PendingPurge.objects.update(since=timezone.now() - timedelta(seconds=61))

    body = client.get("/healthz").json()
    assert (body["status"], body["edge_purge"]["status"]) == ("degraded", "late")
    assert body["edge_purge"]["waited_seconds"] >= 61
    assert "not yet on the public site" in admin_client.get("/admin/").text


def test_a_retry_that_reaches_the_edge_clears_the_queued_purge(
    edge_down, edge_server, client, demo_site
):
    purge_or_retry_later()
    edge_down.EDGE_PURGE_URLS = [f"http://127.0.0.1:{edge_server.server_port}/"]

    assert retry_edge_purge.call() is True

    assert not PendingPurge.objects.exists()
    assert client.get("/healthz").json()["edge_purge"] == {"status": "ok"}
    assert len(edge_server.purges) == 1


def test_a_retry_that_fails_again_queues_the_next(edge_down, demo_site):
    purge_or_retry_later()

    assert retry_edge_purge.call() is False

    assert DBTaskResult.objects.filter(task_path="edge.tasks.retry_edge_purge").count() == 2
    assert PendingPurge.objects.get().attempts == 2


def test_the_edge_app_imports_no_feature_app():
    # Infrastructure below, features above (STYLE.md): the edge hears of changes through
    # the content version's signal, never from articles, intake or search.
    features = ("articles", "intake", "search")
    imported = set()
    for path in (Path(__file__).resolve().parent.parent / "edge").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
    assert "caching" in imported  # it does import the content version
    assert not imported & set(features)
