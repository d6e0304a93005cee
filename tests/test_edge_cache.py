"""The edge cache (deploy/varnish/clinic.vcl) with a real varnishd in front of two gunicorn
servers (production settings, a shared database), as deploy/ runs them: what staff publish,
from any process, is seen through the edge within 2 s on the article, the index and the home
page; nothing personal is ever shared; cached pages go on being served while the app is down;
and behind TLS -> Varnish -> app the app still sees each visitor's own address.

Skipped when varnishd is not installed (`apt-get install varnish varnish-modules`), except
with CI=true, where it must run.
"""

import http.client
import json
import os
import re
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest

from intake.safety import assess
from tests.local_servers import Varnish, free_port, varnishd_path
from tests.test_multi_process import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    SITE_HOST,
    Answer,
    NoRedirect,
    Server,
    Site,
    change,
    csrf_token,
    drop_postgres_database,
    first_article,
    own_postgres_database,
    shows,
    title,
)

pytestmark = [pytest.mark.slow, pytest.mark.backend_specific]

WITHIN_SECONDS = 2.0
# Behind TLS -> Varnish -> app, each appends the address it was sent the request from.
TRUSTED_PROXY_COUNT = "2"


@pytest.fixture(scope="module", autouse=True)
def varnishd_installed():
    if varnishd_path() is not None:
        return
    message = "varnishd not found (apt-get install varnish varnish-modules): edge tests skipped"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


# --- The edge and what visitors send it ---------------------------------------------------


class Edge:
    """Varnish on loopback, asked the way a visitor's browser (or the TLS terminator) asks."""

    def __init__(self, varnish):
        self.varnish = varnish
        self.port = varnish.port
        self.url = f"http://127.0.0.1:{varnish.port}"

    def request(self, path, opener=None, data=None, headers=None, method=None):
        """The response (status, headers, text); redirects are not followed."""
        headers = {"Accept-Encoding": "identity", **(headers or {})}
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, body, headers, method=method)
        try:
            with (opener or visitor()).open(request, timeout=15) as response:
                return Answer(response.status, response.headers, text_of(response))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, text_of(error))

    def get(self, path, opener=None, **headers):
        return self.request(path, opener, headers=headers)


def text_of(response):
    # A gzipped body (a test that asks for one) is checked by its headers only.
    return response.read().decode(errors="replace")


def visitor():
    """A browser of its own: its own cookies, redirects not followed."""
    return urllib.request.build_opener(
        NoRedirect(), urllib.request.HTTPCookieProcessor(CookieJar())
    )


def cached(edge, path, **headers):
    """Ask until the edge answers `path` from its cache (a few tries: the round robin)."""
    for _ in range(5):
        answer = edge.get(path, **headers)
        if answer.headers.get("X-Cache") == "hit":
            return answer
    raise AssertionError(f"{path} never cached at the edge: {answer.status} {answer.headers}")


def edge_shows(edge, paths, check, within=WITHIN_SECONDS):
    """Poll the edge until every path passes `check`; then ten more visits must too."""
    started = time.monotonic()
    while True:
        answers = {path: edge.get(path) for path in paths}
        if all(check(answer) for answer in answers.values()):
            break
        if time.monotonic() - started > within:
            seen = {p: (a.status, a.headers.get("X-Cache"), title(a)) for p, a in answers.items()}
            raise AssertionError(f"not seen through the edge within {within} s: {seen}")
        time.sleep(0.05)
    took = time.monotonic() - started
    for path in paths:
        for _ in range(10):
            assert check(edge.get(path)), path
    return took


def sign_in(edge):
    opener = visitor()
    form = edge.get("/admin/login/", opener)
    data = {
        "csrfmiddlewaretoken": csrf_token(form.text),
        "username": ADMIN_USERNAME,
        "password": ADMIN_PASSWORD,
        "next": "/admin/",
    }
    assert edge.request("/admin/login/", opener, data).status == 302, "sign-in failed"
    return opener


# --- Fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edge_port():
    return free_port()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, production_static_root, edge_port):
    """The shared database and settings; every process purges the edge on a change."""
    tmp_path = tmp_path_factory.mktemp("edge")
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = own_postgres_database(database_url, "edge_cache") if database_url else None
    database_url = postgres[0] if postgres else f"sqlite:///{tmp_path / 'db.sqlite3'}"
    site = Site(tmp_path, database_url, os.environ.get("REDIS_URL", ""), production_static_root)
    site.manage("migrate", "--no-input", "-v", "0")
    site.manage("setup_demo")
    site.django(
        "from django.contrib.auth import get_user_model\n"
        f"get_user_model().objects.create_superuser({ADMIN_USERNAME!r}, 'a@example.com', "
        f"{ADMIN_PASSWORD!r})"
    )
    site.env.update(
        EDGE_PURGE_URLS=f"http://127.0.0.1:{edge_port}/",
        DJANGO_TRUSTED_PROXY_COUNT=TRUSTED_PROXY_COUNT,
        INTAKE_RATE_LIMIT_SUBMISSIONS="1",
    )
    yield site
    site.stop()
    if postgres:
        drop_postgres_database(os.environ["DATABASE_URL"], postgres[1])


@pytest.fixture(scope="module")
def servers(deployment):
    return [deployment.start_server(), deployment.start_server()]


@pytest.fixture(scope="module")
def edge(deployment, servers, edge_port):
    varnish = Varnish(edge_port, [s.port for s in servers], SITE_HOST)
    varnish.start()
    try:
        edge = Edge(varnish)
        wait_until_healthy(edge)
        yield edge
    finally:
        varnish.stop()


def wait_until_healthy(edge):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if edge.get("/healthz").status == 200:
            return
        time.sleep(0.2)
    raise AssertionError(edge.varnish.log_path.read_text()[-3000:])


@pytest.fixture(scope="module")
def home_article(deployment, edge):
    """(id, URL path) of an English article the home page lists."""
    home = edge.get("/").text
    page_id, url = first_article(deployment, "en")
    for candidate in deployment.django(
        "from articles.models import ArticlePage\n"
        "for a in ArticlePage.objects.live().filter(locale__language_code='en'):\n"
        "    print(a.pk, a.url)"
    ):
        if candidate and f'href="{candidate.split()[1]}"' in home:
            page_id, url = candidate.split()
            return int(page_id), url
    return page_id, url


# --- A change from any process, seen through the edge within 2 s --------------------------


def test_a_publish_by_another_process_is_seen_through_the_edge(deployment, edge, home_article):
    page_id, url = home_article
    paths = [url, "/articles/", "/"]
    for path in paths:
        cached(edge, path)

    change(deployment, "page.title = 'Published behind the edge'\npublish(page)", page_id)

    took = edge_shows(edge, paths, shows("Published behind the edge"))
    print(f"seen through the edge on {paths} after {took:.2f} s")


def test_an_unpublish_through_the_admin_behind_the_edge_is_seen_at_once(
    deployment, edge, home_article
):
    page_id, url = home_article
    cached(edge, url)
    editor = sign_in(edge)
    confirm = edge.get(f"/admin/pages/{page_id}/unpublish/", editor)
    assert confirm.status == 200
    data = {"csrfmiddlewaretoken": csrf_token(confirm.text)}

    assert edge.request(f"/admin/pages/{page_id}/unpublish/", editor, data).status == 302

    edge_shows(edge, [url], lambda answer: answer.status == 404)
    change(deployment, "publish(page)", page_id)
    edge_shows(edge, [url], lambda answer: answer.status == 200)


# --- Nothing personal is shared -------------------------------------------------------------


def test_two_visitors_never_share_a_csrf_token_or_a_session(edge):
    tokens, cookies = set(), set()
    for _ in range(2):
        for _ in range(3):  # each visitor comes back: their token stays theirs
            browser, jar = visitor_with_jar()
            for _ in range(2):
                page = edge.get("/contact/", browser)
                assert page.status == 200
                assert page.headers.get("X-Cache") != "hit"
                tokens.add(csrf_token(page.text))
            cookies.update(f"{c.name}={c.value}" for c in jar)
    assert len(tokens) == 6 * 2  # a fresh token on every visit: no copy is ever shared
    assert not any(name.startswith("sessionid=") for name in cookies)
    assert len([c for c in cookies if c.startswith("csrftoken=")]) == 6


def visitor_with_jar():
    jar = CookieJar()
    opener = urllib.request.build_opener(NoRedirect(), urllib.request.HTTPCookieProcessor(jar))
    return opener, jar


def test_a_signed_in_editors_view_is_never_served_to_anyone_else(edge, home_article):
    _, url = home_article
    editor = sign_in(edge)
    for path in (url, "/", "/articles/"):
        seen_by_editor = edge.get(path, editor)
        assert "userbar" in seen_by_editor.text  # the editor's own view: Wagtail's user bar
        assert seen_by_editor.headers.get("X-Cache") != "hit"
        for _ in range(3):
            anonymous = edge.get(path)
            assert anonymous.status == 200
            assert "userbar" not in anonymous.text
            assert ADMIN_USERNAME not in anonymous.text


def test_no_cache_hit_carries_a_cookie(edge, home_article):
    _, url = home_article
    paths = [
        "/", "/articles/", url, "/es/", "/contact/", "/about/", "/articles/feed/",
        "/sitemap.xml", "/robots.txt", "/search/?q=sleep", "/healthz",
    ]  # fmt: skip
    hits = hits_with_cookies = 0
    for browser in (None, visitor(), visitor()):
        for path in paths * 2:
            answer = edge.get(path, browser)
            if answer.headers.get("X-Cache") == "hit":
                hits += 1
                hits_with_cookies += bool(answer.headers.get_all("Set-Cookie"))
    assert hits > len(paths)
    assert hits_with_cookies == 0


def test_a_cookie_that_is_not_the_sites_does_not_change_what_is_served(edge, home_article):
    _, url = home_article
    cached(edge, url)

    answer = edge.get(url, Cookie="_ga=GA1.2.3; theme=dark")

    assert answer.headers.get("X-Cache") == "hit"


# --- The edge's own rules --------------------------------------------------------------------


def test_a_host_that_is_not_the_sites_is_refused(edge):
    answer = edge.get("/", Host="evil.example")

    assert answer.status == 400


def test_purge_and_ban_are_refused_from_outside_the_acl(edge):
    # 127.0.0.2 is this machine too, but not in the ACL (the app's hosts: 127.0.0.1, ::1).
    for method in ("PURGE", "BAN"):
        connection = http.client.HTTPConnection(
            "127.0.0.1", edge.port, timeout=10, source_address=("127.0.0.2", 0)
        )
        connection.request(method, "/", headers={"Host": SITE_HOST})
        assert connection.getresponse().status == 405
        connection.close()


def test_a_ban_from_the_apps_hosts_removes_every_copy(edge, home_article):
    _, url = home_article
    cached(edge, url)
    connection = http.client.HTTPConnection("127.0.0.1", edge.port, timeout=10)
    connection.request("BAN", "/", headers={"Host": SITE_HOST})
    assert connection.getresponse().status == 200
    connection.close()

    assert edge.get(url).headers.get("X-Cache") == "miss"


def test_every_client_that_takes_gzip_shares_one_gzipped_copy(edge, home_article):
    _, url = home_article
    cached(edge, url, **{"Accept-Encoding": "gzip"})

    for encoding in ("gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "deflate, gzip"):
        answer = edge.get(url, **{"Accept-Encoding": encoding})
        assert answer.headers.get("X-Cache") == "hit"
        assert answer.headers.get("Content-Encoding") == "gzip"


def test_a_client_without_gzip_gets_a_plain_copy_of_its_own(edge, home_article):
    _, url = home_article

    answer = cached(edge, url, **{"Accept-Encoding": "identity"})

    assert answer.headers.get("Content-Encoding") is None
    assert "</html>" in answer.text


# --- Behind TLS -> Varnish -> app, the app sees the visitor -----------------------------------


# A crisis message is never refused by the rate limit, so the rate limit is tested with one that
# crisis recognition reads as ordinary ("Sent through the edge." read as a ledge to model v19).
ORDINARY_MESSAGE = "Sent through Varnish. Could I book a first appointment?"


def contact_form(edge, forwarded_for):
    browser = visitor()
    headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"}
    page = edge.request("/contact/", browser, headers=headers)
    started = re.search(r'name="started" value="([^"]+)"', page.text).group(1)
    data = {
        "csrfmiddlewaretoken": csrf_token(page.text),
        "started": started,
        "name": "Robin Edge",
        "email": "robin@example.com",
        "phone": "",
        "contact_method": "email",
        "best_time": "any",
        "topic": "chronic_pain",
        "message": ORDINARY_MESSAGE,
        "consent": "on",
        "source": "",
        "website": "",
    }
    return edge.request(
        "/contact/", browser, data, headers={**headers, "Referer": "https://127.0.0.1/contact/"}
    ).status


def test_behind_tls_and_the_edge_the_rate_limit_counts_each_visitor(edge):
    # The TLS terminator (on this machine) sends the visitor's address in X-Forwarded-For;
    # Varnish appends the terminator's. With DJANGO_TRUSTED_PROXY_COUNT=2 the app counts the
    # visitor's, so one visitor's sends never hold back another's (one send each here).
    assert not assess(ORDINARY_MESSAGE).urgent
    assert contact_form(edge, "203.0.113.7") == 302
    assert contact_form(edge, "203.0.113.7") == 429
    assert contact_form(edge, "198.51.100.23") == 302


# --- While the app is down (last: it stops the servers) -------------------------------------


def test_while_the_app_is_stopped_purged_pages_are_served_stale(
    deployment, servers, edge, home_article
):
    page_id, url = home_article
    paths = (url, "/", "/articles/")
    for path in paths:
        cached(edge, path)
    # A soft purge: the pages are kept for grace, to be fetched afresh while the app is up.
    change(deployment, "page.title = 'Purged before the outage'\npublish(page)", page_id)
    ports = [server.port for server in servers]
    for server in servers:
        server.stop()
    try:
        answers = {path: edge.get(path) for path in paths}
        never_cached = edge.get("/about/?never-cached=1")
    finally:
        deployment.servers.extend(Server(deployment, port, {}) for port in ports)

    assert {path: answer.status for path, answer in answers.items()} == dict.fromkeys(paths, 200)
    assert never_cached.status == 503  # Varnish's own page: nothing is kept for this address
    assert 'href="tel:988"' in never_cached.text and 'href="tel:911"' in never_cached.text
    assert "Volvemos en un momento" in never_cached.text  # and in Spanish
    assert "AYUDA" in never_cached.text
    edge_shows(edge, [url], shows("Purged before the outage"), within=10)


def test_the_edge_health_is_reported_by_the_app(edge):
    body = json.loads(edge.get("/healthz").text)

    assert body["edge_purge"]["status"] == "ok"
