"""Two app servers, each its own OS process with its own local caches, sharing one database
(and Redis, when REDIS_URL is set): a change made through one server or by a third process
(a publish, an unpublish, a page made private, a scheduled go-live and expiry run by
`publish_scheduled`) is seen by every visitor of both within 2 seconds. Then Redis is stopped
under a running server and started again.

The servers are gunicorn with the production settings (DEBUG off), on loopback ports. The
database is a SQLite file in a temporary folder, migrated and loaded with `setup_demo`; with
DATABASE_URL set (PostgreSQL), a database of its own on that server, next to pytest's.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import pytest

from tests.local_servers import free_port, start_redis_server

# Several processes share the database and Redis.
pytestmark = [pytest.mark.slow, pytest.mark.backend_specific]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WITHIN_SECONDS = 2.0
ADMIN_USERNAME = "multi-process-admin"
ADMIN_PASSWORD = secrets.token_urlsafe(16)
# The site's own host (setup_demo takes it from WAGTAILADMIN_BASE_URL). Each server listens on
# a port of its own; requests name the site's host, as the proxy in front of several app
# servers would, or the site answers them without its page cache (caching/site_urls.py).
SITE_HOST = "127.0.0.1"


# --- The database ---------------------------------------------------------------------------


def own_postgres_database(url, suffix="multi_process"):
    """DATABASE_URL's server, with a database for this test (made afresh), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return None
    from psycopg import sql

    name = f"{unquote(parts.path.lstrip('/')) or 'clinic'}_{suffix}"
    with postgres_admin(parts) as connection:
        drop_and_create = ("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")
        for statement in drop_and_create:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}")), name


def postgres_admin(parts):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=unquote(parts.username or "") or None,
        password=unquote(parts.password or "") or None,
        autocommit=True,
    )


def drop_postgres_database(url, name):
    from psycopg import sql

    with postgres_admin(urlsplit(url)) as connection:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        connection.execute(statement.format(sql.Identifier(name)))


# --- Processes ----------------------------------------------------------------------------


class Site:
    """The shared settings, the third process, and the servers started with them."""

    def __init__(self, tmp_path, database_url, redis_url, static_root):
        self.tmp_path = tmp_path
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            "DJANGO_STATIC_ROOT": str(static_root),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
            "STAFF_REQUIRE_2FA": "0",
            "INTAKE_MIN_FILL_SECONDS": "0",
            "WAGTAILADMIN_BASE_URL": f"http://{SITE_HOST}",
        }
        self.env.pop("REDIS_URL", None)
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.servers = []

    def manage(self, *args):
        return self.run([PYTHON, "manage.py", *args])

    def django(self, code):
        """Run `code` in a third process with the site's settings; its printed lines."""
        return self.run([PYTHON, "-c", "import django\ndjango.setup()\n" + code]).split("\n")

    def run(self, command):
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start_server(self, **env):
        server = Server(self, free_port(), env)
        self.servers.append(server)
        return server

    def stop(self):
        for server in self.servers:
            server.stop()


class Server:
    """gunicorn with one sync worker: a process of its own, with its own local caches."""

    def __init__(self, deployment, port, extra_env):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = deployment.tmp_path / f"server-{port}.log"
        self.log = self.log_path.open("w")
        command = [PYTHON, "-m", "gunicorn", "clinic.wsgi", "--config", "gunicorn.conf.py"]
        command += ["--workers", "1", "--bind", f"127.0.0.1:{port}"]
        command += ["--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**deployment.env, **extra_env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_up()

    def wait_until_up(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()[-3000:]
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the server on {self.port} did not start")

    def get(self, path, opener=None):
        """The response (status, headers, text); redirects are not followed."""
        request = urllib.request.Request(self.url + path, headers={"Host": SITE_HOST})
        try:
            with (opener or NO_REDIRECTS).open(request, timeout=10) as response:
                return Answer(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read().decode())

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


class Answer:
    def __init__(self, status, headers, text):
        self.status, self.headers, self.text = status, headers, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NO_REDIRECTS = urllib.request.build_opener(NoRedirect())


def signed_in_opener(server):
    """A browser session of a superuser on `server`, signed in through its sign-in form."""
    jar = CookieJar()
    opener = urllib.request.build_opener(NoRedirect(), urllib.request.HTTPCookieProcessor(jar))
    form = server.get("/admin/login/", opener)
    data = {
        "csrfmiddlewaretoken": csrf_token(form.text),
        "username": ADMIN_USERNAME,
        "password": ADMIN_PASSWORD,
        "next": "/admin/",
    }
    assert post(server, opener, "/admin/login/", data) == 302, "sign-in failed"
    return opener


def post(server, opener, path, data):
    request = urllib.request.Request(
        server.url + path, urlencode(data).encode(), headers={"Host": SITE_HOST}
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# --- Fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, production_static_root):
    """The shared database, two gunicorn servers' settings and the third process (`Site`)."""
    tmp_path = tmp_path_factory.mktemp("multi-process")
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = own_postgres_database(database_url) if database_url else None
    database_url = postgres[0] if postgres else f"sqlite:///{tmp_path / 'db.sqlite3'}"
    deployment = Site(
        tmp_path, database_url, os.environ.get("REDIS_URL", ""), production_static_root
    )
    deployment.manage("migrate", "--no-input", "-v", "0")
    deployment.manage("setup_demo")
    deployment.django(
        "from django.contrib.auth import get_user_model\n"
        f"get_user_model().objects.create_superuser({ADMIN_USERNAME!r}, 'a@example.com', "
        f"{ADMIN_PASSWORD!r})"
    )
    yield deployment
    deployment.stop()
    if postgres:
        drop_postgres_database(os.environ["DATABASE_URL"], postgres[1])


@pytest.fixture(scope="module")
def servers(deployment):
    return [deployment.start_server(), deployment.start_server()]


def first_article(deployment, language):
    """(id, URL path) of the first live article in `language`, for the tests to change."""
    page_id, url = deployment.django(
        "from articles.models import ArticlePage\n"
        f"a = ArticlePage.objects.live().filter(locale__language_code={language!r})"
        ".order_by('pk').first()\n"
        "print(a.pk)\nprint(a.url)"
    )[:2]
    return int(page_id), url


@pytest.fixture(scope="module")
def article(deployment):
    return first_article(deployment, "en")


@pytest.fixture(scope="module")
def spanish_article(deployment):
    return first_article(deployment, "es")


def change(deployment, code, page_id):
    """Change the article in a third process (`page` is the article); returns what the code
    printed."""
    return deployment.django(
        "from articles.models import ArticlePage\n"
        "from wagtail.models import Page, PageViewRestriction\n"
        "from django.utils import timezone\n"
        "from datetime import timedelta\n"
        "from articles.review import publish_reviewed\n"
        # An article goes live only as its reviewer approved it (articles.review).
        "def publish(page):\n"
        "    publish_reviewed(page, page.medical_reviewer, reviewed_on=page.last_reviewed)\n"
        f"page = ArticlePage.objects.get(pk={page_id})\n" + code
    )


def every_visitor_sees(servers, path, check, within=WITHIN_SECONDS):
    """Poll both servers until every answer passes `check`; then ten more visits to each
    must too. Returns how long it took; fails after `within` seconds."""
    started = time.monotonic()
    while True:
        answers = [server.get(path) for server in servers for _ in range(2)]
        if all(check(answer) for answer in answers):
            break
        if time.monotonic() - started > within:
            raise AssertionError(
                f"not every visitor of {path} saw the change within {within} s: "
                f"{[(a.status, a.headers.get('X-Page-Cache'), title(a)) for a in answers]}"
            )
        time.sleep(0.05)
    took = time.monotonic() - started
    for server in servers:
        for _ in range(10):
            assert check(server.get(path))
    return took


def title(answer):
    found = re.search(r"<title>(.*?)</title>", answer.text, re.S)
    return found.group(1).strip() if found else ""


def cached_everywhere(servers, path):
    for server in servers:
        server.get(path)
        assert server.get(path).headers.get("X-Page-Cache") == "hit"


def shows(text):
    return lambda answer: answer.status == 200 and text in answer.text


# --- Changes seen by every visitor of both servers within 2 seconds -----------------------


def test_a_publish_by_another_process_is_seen_everywhere(deployment, servers, article):
    page_id, url = article
    cached_everywhere(servers, url)

    change(deployment, "page.title = 'Published elsewhere'\npublish(page)", page_id)

    every_visitor_sees(servers, url, shows("Published elsewhere"))
    every_visitor_sees(servers, "/articles/", shows("Published elsewhere"))


def test_a_spanish_publish_by_another_process_is_seen_everywhere(
    deployment, servers, spanish_article
):
    page_id, url = spanish_article
    assert url.startswith("/es/")
    # The Spanish articles index lists every article; the home page only the newest three.
    index_url = url.rstrip("/").rsplit("/", 1)[0] + "/"
    cached_everywhere(servers, url)
    cached_everywhere(servers, index_url)

    change(deployment, "page.title = 'Publicado en otro proceso'\npublish(page)", page_id)

    every_visitor_sees(servers, url, shows("Publicado en otro proceso"))
    every_visitor_sees(servers, index_url, shows("Publicado en otro proceso"))


def test_an_unpublish_through_one_server_is_seen_everywhere(deployment, servers, article):
    page_id, url = article
    cached_everywhere(servers, url)
    admin = signed_in_opener(servers[0])
    confirm = servers[0].get(f"/admin/pages/{page_id}/unpublish/", admin)
    assert confirm.status == 200

    status = post(
        servers[0], admin, f"/admin/pages/{page_id}/unpublish/",
        {"csrfmiddlewaretoken": csrf_token(confirm.text)},
    )  # fmt: skip

    assert status == 302
    every_visitor_sees(servers, url, lambda answer: answer.status == 404)
    change(deployment, "publish(page)", page_id)
    every_visitor_sees(servers, url, lambda answer: answer.status == 200)


def test_a_page_made_private_is_private_everywhere(deployment, servers, article):
    page_id, url = article
    cached_everywhere(servers, url)

    change(
        deployment,
        "PageViewRestriction.objects.create(page=page, restriction_type='login')",
        page_id,
    )

    every_visitor_sees(servers, url, lambda answer: answer.status == 302)
    change(deployment, "PageViewRestriction.objects.filter(page=page).delete()", page_id)
    every_visitor_sees(servers, url, lambda answer: answer.status == 200)


def test_a_scheduled_go_live_and_expiry_are_seen_everywhere(deployment, servers, article):
    page_id, url = article
    # Far enough ahead that a slow third process (a busy CI machine) still publishes before it.
    (go_live_at,) = change(
        deployment,
        "page.title = 'Live on schedule'\n"
        "page.go_live_at = timezone.now() + timedelta(seconds=15)\n"
        "publish(page)\n"
        "print(page.go_live_at.timestamp())",
        page_id,
    )[:1]
    cached_everywhere(servers, url)
    assert "Live on schedule" not in servers[0].get(url).text
    time.sleep(max(0.0, float(go_live_at) - time.time()) + 0.5)

    deployment.manage("publish_scheduled")

    every_visitor_sees(servers, url, shows("Live on schedule"))

    change(deployment, "Page.objects.filter(pk=page.pk).update(expire_at=timezone.now())", page_id)
    deployment.manage("publish_scheduled")

    every_visitor_sees(servers, url, lambda answer: answer.status == 404)
    change(deployment, "publish(page)", page_id)


# --- Redis stopped and started again under a running server -------------------------------


@pytest.fixture
def own_redis(deployment):
    """A Redis of this test's own, which it may stop: `start()` and `stop()`."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    folder = deployment.tmp_path / "redis"
    folder.mkdir(exist_ok=True)

    class OwnRedis:
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            options = ("--dir", str(folder), "--dbfilename", "dump.rdb")
            self.process = start_redis_server(port, *options)

        def snapshot_and_kill(self):
            """Write what Redis holds to disk, then stop it as a crash would."""
            subprocess.run(["redis-cli", "-p", str(port), "SAVE"], check=True, capture_output=True)
            self.process.kill()
            self.process.wait(timeout=10)

    redis = OwnRedis()
    redis.start()
    yield redis
    if redis.process.poll() is None:
        redis.process.kill()
        redis.process.wait(timeout=10)


def enquiry_count(deployment):
    return int(
        deployment.django("from intake.models import Enquiry\nprint(Enquiry.objects.count())")[0]
    )


def send_contact_form(server):
    jar = CookieJar()
    opener = urllib.request.build_opener(NoRedirect(), urllib.request.HTTPCookieProcessor(jar))
    page = server.get("/contact/", opener)
    started = re.search(r'name="started" value="([^"]+)"', page.text).group(1)
    data = {
        "csrfmiddlewaretoken": csrf_token(page.text),
        "started": started,
        "name": "Robin Outage",
        "email": "robin@example.com",
        "phone": "",
        "contact_method": "email",
        "best_time": "any",
        "topic": "chronic_pain",
        "message": "Sent while the cache was down. Could I book a first appointment?",
        "consent": "on",
        "source": "",
        "website": "",
    }
    return post(server, opener, "/contact/", data)


def test_a_redis_outage_and_restart_leave_the_site_working_and_fresh(
    deployment, article, own_redis
):
    page_id, url = article
    server = deployment.start_server(REDIS_URL=own_redis.url)
    cached_everywhere([server], url)
    for path in ("/", "/articles/", "/contact/"):
        server.get(path)
    enquiries = enquiry_count(deployment)

    own_redis.snapshot_and_kill()  # the snapshot holds today's pages

    started = time.monotonic()
    for path in ("/", "/articles/", url, "/contact/", "/about/", "/articles/feed/"):
        for _ in range(5):
            assert server.get(path).status == 200, path
    assert time.monotonic() - started < 15  # milliseconds of cache time each, not seconds
    health = server.get("/healthz")
    assert health.status == 200
    body = json.loads(health.text)
    assert (body["status"], body["database"], body["cache"]) == ("degraded", "ok", "unreachable")
    assert send_contact_form(server) == 302
    assert enquiry_count(deployment) == enquiries + 1  # nothing is lost
    admin = signed_in_opener(server)
    assert server.get("/admin/", admin).status == 200
    assert server.get("/admin/pages/", admin).status == 200

    change(deployment, "page.title = 'Changed with Redis down'\npublish(page)", page_id)
    every_visitor_sees([server], url, shows("Changed with Redis down"))

    own_redis.start()  # with the snapshot from before the change
    time.sleep(2.5)  # the resilient cache tries Redis again after OUTAGE_RETRY_SECONDS
    every_visitor_sees([server], url, shows("Changed with Redis down"))
    assert json.loads(server.get("/healthz").text)["cache"] == "ok"
    log = server.log_text()
    assert log.count("unreachable (") == 1, log[-3000:]  # logged once, not per request
    assert log.count("reachable again") == 1, log[-3000:]
