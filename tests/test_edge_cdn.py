"""A CDN in front gets the same site-wide purge as Varnish (edge/cdn.py): Cloudflare's
purge_everything for the zone, a CloudFront invalidation of /*. Each API is a real HTTP server
on loopback that records what it is sent and answers as the real one does; CloudFront is
reached through boto3 itself, pointed at it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from edge.models import PendingPurge
from tests.local_servers import free_port

# on_commit decides when a purge is sent.
pytestmark = pytest.mark.backend_specific

CLOUDFRONT_ANSWER = b"""<?xml version="1.0"?>
<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
<Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-12-04T10:00:00Z</CreateTime>
<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/*</Path></Items></Paths>
<CallerReference>x</CallerReference></InvalidationBatch></Invalidation>"""


class RecordingApi(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (the HTTP method's name)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append((self.path, dict(self.headers), body))
        status, content_type, answer = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def api_server():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), RecordingApi)
    server.requests = []
    server.answer = (200, "application/json", b'{"success": true, "errors": []}')
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def cloudflare(settings, api_server):
    settings.CLOUDFLARE_API_TOKEN = "test-token"
    settings.CLOUDFLARE_ZONE_ID = "zone123"
    settings.CLOUDFLARE_API_URL = f"http://127.0.0.1:{api_server.server_port}/client/v4"
    settings.CONTENT_VERSION_MAX_AGE = 0
    return api_server


@pytest.fixture
def cloudfront(settings, api_server, monkeypatch):
    settings.CLOUDFRONT_DISTRIBUTION_ID = "EDFDVBD6EXAMPLE"
    settings.CONTENT_VERSION_MAX_AGE = 0
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", f"http://127.0.0.1:{api_server.server_port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    api_server.answer = (201, "text/xml", CLOUDFRONT_ANSWER)
    return api_server


def test_a_publish_purges_the_whole_cloudflare_zone(
    cloudflare, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Purged at Cloudflare")

    ((path, headers, body),) = cloudflare.requests
    assert path == "/client/v4/zones/zone123/purge_cache"
    assert headers["Authorization"] == "Bearer test-token"
    assert json.loads(body) == {"purge_everything": True}


def test_a_draft_purges_nothing_at_cloudflare(
    cloudflare, make_article, django_capture_on_commit_callbacks
):
    article = make_article(title="Live already")
    cloudflare.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft only"
        article.save_revision()

    assert cloudflare.requests == []


def test_a_purge_cloudflare_refuses_is_queued_for_a_retry_and_the_publish_stands(
    cloudflare, make_article, django_capture_on_commit_callbacks
):
    cloudflare.answer = (
        403,
        "application/json",
        b'{"success": false, "errors": [{"code": 10000, "message": "Authentication error"}]}',
    )

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Published while Cloudflare refuses")

    assert article.live
    (pending,) = PendingPurge.objects.all()
    assert "Cloudflare zone zone123" in pending.last_error


def test_a_publish_invalidates_everything_at_cloudfront(
    cloudfront, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Invalidated at CloudFront")

    ((path, headers, body),) = cloudfront.requests
    assert path == "/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation"
    assert headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    assert b"<Quantity>1</Quantity>" in body and b"<Path>/*</Path>" in body
    assert PendingPurge.objects.count() == 0
