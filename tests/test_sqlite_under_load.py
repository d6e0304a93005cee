"""SQLite under the admin's real load: gunicorn with three workers and `db_worker` on one
SQLite file, production settings, while three editors autosave, save drafts and publish
articles at once and visitors send the contact form (each enquiry a task for the worker).

No answer may be "database is locked" (or any other 5xx), and every save the admin reported
as a success must be in the database.
"""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from clinic.blocks import PARAGRAPH_FEATURES
from tests.local_servers import free_port

ON_POSTGRES = urlsplit(os.environ.get("DATABASE_URL", "")).scheme.startswith("postg")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ON_POSTGRES, reason="SQLite's own test: the SQLite run of CI has it"),
]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EDITORS = 3
CHANGES = int(os.environ.get("SQLITE_LOAD_CHANGES", "15"))
PASSWORD = secrets.token_urlsafe(16)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies against the server; records every status it was answered."""

    def __init__(self, url, statuses):
        self.url = url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            NoRedirect(), urllib.request.HTTPCookieProcessor(self.jar)
        )
        self.statuses = statuses

    def request(self, path, data=None, headers=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, body, headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                answer = response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            answer = error.code, dict(error.headers), error.read().decode()
        self.statuses[answer[0]] += 1
        return answer

    def csrf_cookie(self):
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def sign_in(self, username):
        _, _, html = self.request("/admin/login/")
        data = {
            "csrfmiddlewaretoken": csrf_token(html),
            "username": username,
            "password": PASSWORD,
            "next": "/admin/",
        }
        status, _, _ = self.request("/admin/login/", data)
        assert status == 302, "sign-in failed"


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class SQLiteSite:
    def __init__(self, folder):
        self.folder = folder
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            # Another settings module (on PYTHONPATH) measures another configuration, e.g.
            # without IMMEDIATE transactions (docs/benchmarks.md).
            "DJANGO_SETTINGS_MODULE": os.environ.get("SQLITE_LOAD_SETTINGS", "clinic.settings"),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "STAFF_REQUIRE_2FA": "0",
            "INTAKE_MIN_FILL_SECONDS": "0",
            "INTAKE_RATE_LIMIT_SUBMISSIONS": "1000000",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            # Staff notices go to a port where no mail server listens: each failure and retry
            # is one more write by db_worker.
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(free_port()),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "1",
        }
        self.env.pop("DATABASE_URL_TEST", None)
        self.env.pop("REDIS_URL", None)
        self.processes = []

    def run(self, *args):
        result = subprocess.run(
            [PYTHON, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=900
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip()

    def django(self, code):
        return self.run("-c", "import django\ndjango.setup()\n" + code)

    def start(self, name, *args):
        log = (self.folder / f"{name}.log").open("w")
        process = subprocess.Popen(
            [PYTHON, *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((process, log))
        return process

    def logs(self):
        return "".join(path.read_text() for path in sorted(self.folder.glob("*.log")))

    def stop(self):
        for process, log in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            log.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = SQLiteSite(tmp_path_factory.mktemp("sqlite-load"))
    site.run("manage.py", "migrate", "--no-input", "-v", "0")
    site.run("manage.py", "setup_demo", "--english-only")
    site.run("manage.py", "collectstatic", "--no-input", "-v", "0")
    site.ids = json.loads(
        site.django(
            "import json\nfrom django.contrib.auth import get_user_model\n"
            "from articles.models import ArticleIndexPage, Clinician, Topic\n"
            f"for n in range({EDITORS}):\n"
            "    get_user_model().objects.create_superuser(f'editor{n}', f'e{n}@example.com', "
            f"{PASSWORD!r})\n"
            "index = ArticleIndexPage.objects.get(locale__language_code='en')\n"
            "print(json.dumps({'index': index.pk, 'clinician': Clinician.objects.first().pk,"
            " 'topic': Topic.objects.first().pk}))"
        )
    )
    site.port = free_port()
    site.url = f"http://127.0.0.1:{site.port}"
    site.start(
        "gunicorn",
        "-m",
        "gunicorn",
        "clinic.wsgi",
        "--config",
        "gunicorn.conf.py",
        "--workers",
        "3",
        "--bind",
        f"127.0.0.1:{site.port}",
    )
    site.start("db_worker", "manage.py", "db_worker")
    wait_until_up(site)
    yield site
    site.stop()


def wait_until_up(site):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(site.url + "/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not start: " + site.logs()[-3000:])


def article_form(site, title, marker, action=None):
    """What the admin's article form sends (as test_workflow's editors do)."""
    data = nested_form_data(
        {
            "title": title,
            "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
            "summary": marker,
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(
                [("paragraph", rich_text(f"<p>{marker}</p>", features=PARAGRAPH_FEATURES))]
            ),
            "sources": streamfield([]),
            "key_points": streamfield([]),
            "authorships": inline_formset([{"clinician": site.ids["clinician"]}], min=1),
            "publication_date": "2026-11-02",
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )
    data["topics"] = [site.ids["topic"]]
    if action:
        data[action] = "action"
    return data


class Editor(threading.Thread):
    """Writes a new article ("Save draft"), then changes it CHANGES times: each change is
    autosaved, every third is saved as a draft and every fifth published, and those two are
    clicked while the autosave of the last keystroke is still on its way, as happens in the
    browser."""

    def __init__(self, site, number, statuses):
        super().__init__(name=f"editor{number}")
        self.site, self.number = site, number
        self.browser = Browser(site.url, statuses)
        self.confirmed = []  # (kind, marker, revision id or None) the admin called a success
        self.failures = []
        self.seconds = {"autosave": [], "save": [], "publish": []}

    def run(self):
        try:
            self.edit()
        except Exception as error:  # reported by the test
            self.failures.append(repr(error))

    def edit(self):
        self.browser.sign_in(f"editor{self.number}")
        title = f"Stretching after a long day {self.number}"
        add = f"/admin/pages/add/articles/articlepage/{self.site.ids['index']}/"
        _, _, html = self.browser.request(add)
        data = {
            **article_form(self.site, title, "first draft"),
            "csrfmiddlewaretoken": csrf_token(html),
        }
        status, headers, _ = self.browser.request(add, data)
        if status != 302:
            self.failures.append(f"Save draft of a new article answered {status}")
            return
        edit = urlsplit(headers["Location"]).path
        self.confirmed.append(("save", "first draft", None))
        overwrite = None
        for change in range(1, CHANGES + 1):
            marker = f"editor {self.number} change {change}"
            if change % 3 and change % 5:
                overwrite = self.autosave(edit, title, marker, overwrite)
                continue
            racing = threading.Thread(
                target=self.autosave, args=(edit, title, f"{marker} typed", overwrite, True)
            )
            racing.start()
            self.save(edit, title, marker, "action-publish" if change % 5 == 0 else None)
            racing.join()
            overwrite = None  # the next autosave starts a new revision

    def save(self, edit, title, marker, action):
        data = {
            **article_form(self.site, title, marker, action),
            "csrfmiddlewaretoken": self.browser.csrf_cookie(),
        }
        started = time.monotonic()
        status, _, _ = self.browser.request(edit, data)
        kind = "publish" if action else "save"
        self.seconds[kind].append(time.monotonic() - started)
        if status == 302:
            self.confirmed.append((kind, marker, None))
        else:
            self.failures.append(f"{kind} answered {status}")

    def autosave(self, edit, title, marker, overwrite, racing=False):
        data = article_form(self.site, title, marker)
        if overwrite:
            data["overwrite_revision_id"] = overwrite
        headers = {"Accept": "application/json", "X-CSRFToken": self.browser.csrf_cookie()}
        started = time.monotonic()
        status, _, body = self.browser.request(edit, data, headers)
        self.seconds["autosave"].append(time.monotonic() - started)
        # Wagtail answers its refusals (a conflict, a validation error) as JSON with 400.
        answer = json.loads(body) if status in (200, 400) and body.startswith("{") else {}
        if answer.get("success"):
            self.confirmed.append(("autosave", marker, answer["revision_id"]))
            return answer["revision_id"]
        # A save that overtook the racing autosave makes it a conflict, which Wagtail answers
        # as such (and shows as a failure): never a success, never a server error.
        if not (racing and answer.get("error_code") == "invalid_revision"):
            self.failures.append(f"autosave answered {status}: {body[:200]}")
        return None


class Visitor(threading.Thread):
    """Sends the contact form until the editors are done: each enquiry is a write, and a task
    for the worker (whose failing emails are writes too)."""

    def __init__(self, site, done, statuses):
        super().__init__(name="visitor")
        self.site, self.done = site, done
        self.browser = Browser(site.url, statuses)
        self.sent = 0
        self.failures = []

    def run(self):
        while not self.done.is_set():
            _, _, html = self.browser.request("/contact/")
            started = re.search(r'name="started" value="([^"]+)"', html).group(1)
            data = {
                "csrfmiddlewaretoken": csrf_token(html),
                "started": started,
                "name": "Load Visitor",
                "email": "visitor@load.invalid",
                "phone": "",
                "contact_method": "email",
                "best_time": "any",
                "topic": "chronic_pain",
                "message": "May I book a first appointment?",
                "consent": "on",
                "source": "",
                "website": "",
            }
            status, _, _ = self.browser.request("/contact/", data)
            if status == 302:
                self.sent += 1
            else:
                self.failures.append(f"contact form answered {status}")


def report_timings(editors, visitor, statuses):
    """Printed for docs/benchmarks.md (run with -s)."""
    for kind in ("autosave", "save", "publish"):
        seconds = sorted(s for editor in editors for s in editor.seconds[kind])
        if seconds:
            median, worst = seconds[len(seconds) // 2], seconds[-1]
            print(f"{kind}: {len(seconds)} answers, median {median:.2f} s, slowest {worst:.2f} s")
    print(f"contact form: {visitor.sent} enquiries; statuses: {dict(statuses)}")


def stored_revisions(site):
    """(id, summary) of every revision of the test's articles: revisions hold the form's
    content as saved."""
    return json.loads(
        site.django(
            "import json\nfrom wagtail.models import Revision\n"
            "rows = Revision.objects.filter(content__title__startswith='Stretching after')\n"
            "print(json.dumps([[r.pk, r.content.get('summary')] for r in rows]))"
        )
    )


def test_overlapping_autosaves_saves_and_publishes_never_meet_a_locked_database(site):
    statuses = Counter()
    editors = [Editor(site, number, statuses) for number in range(EDITORS)]
    done = threading.Event()
    visitor = Visitor(site, done, statuses)
    for person in [visitor, *editors]:
        person.start()
    for editor in editors:
        editor.join(timeout=900)
    done.set()
    visitor.join(timeout=60)

    report_timings(editors, visitor, statuses)
    failures = [f for person in [*editors, visitor] for f in person.failures]
    assert failures == [], failures
    assert not [status for status in statuses if status >= 500], statuses
    logs = site.logs()
    assert "database is locked" not in logs
    assert "OperationalError" not in logs
    # (The worker's log may hold Wagtail's reference-index tasks failing for an author row a
    # later save replaced: Wagtail's own race, no lock, nothing an editor is told.)
    server_log = (site.folder / "gunicorn.log").read_text()
    assert "Traceback" not in server_log, server_log[-3000:]
    # Every save the admin reported as a success is in the database.
    revisions = dict(stored_revisions(site))
    for editor in editors:
        kinds = Counter(kind for kind, _, _ in editor.confirmed)
        assert kinds["autosave"] and kinds["save"] and kinds["publish"], kinds
        for kind, marker, revision_id in editor.confirmed:
            if kind == "autosave":
                assert revision_id in revisions  # later autosaves overwrite it, never lose it
            else:
                assert marker in revisions.values(), (kind, marker)
    enquiries = site.django(
        "from intake.models import Enquiry\n"
        "print(Enquiry.objects.filter(email='visitor@load.invalid').count())"
    )
    assert int(enquiries) == visitor.sent > 0
