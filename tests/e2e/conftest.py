"""Browser fixtures: Debian's Chromium driven by Playwright against a live server.

Tests here carry the `e2e` marker. Without a Chromium they are skipped with a message,
except when CI=true, where a missing browser is an error: CI must run them.

A live server's threads see only committed data, so these tests are transactional: `site`
(and `bilingual_site`) put the demo back as the session built it before each test, from a
copy of the database (tests/fixtures/demo.py), and pytest-django empties the database after.
"""

import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from staff_access import devices
from tests.fixtures.demo import put_back_demo
from tests.fixtures.staff import STAFF_PASSWORD
from tests.two_factor import authenticator, unused_app_code

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no internet: background connections would only fail and slow start-up.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium():
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(config, items):
    e2e_items = [item for item in items if "e2e" in item.keywords]
    if not e2e_items or find_chromium():
        return
    message = (
        "Chromium not found (install it with `apt-get install chromium` or set CHROMIUM_PATH): "
        "browser tests skipped"
    )
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but {message}")
    for item in e2e_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": find_chromium(),
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture
def one_request_at_a_time(live_server):
    """A page asks the server for several things at once (its icons, the editor's autosave
    and editing-session pings beside the page itself). The live server answers each request
    in a thread of its own, but over the in-memory SQLite database all its threads share one
    connection, so two requests at once can break each other's transactions ("no such
    savepoint" when two save the session, answered with a 400), as no deployment's own
    connections would: serve them in turn."""
    server = live_server.thread.httpd
    app = server.get_app()
    lock = threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            return app(environ, start_response)

    server.set_app(one_at_a_time)
    yield
    server.set_app(app)


@pytest.fixture
def site(transactional_db, live_server, database_copies, one_request_at_a_time):
    """The live server's base URL, with the demo site (English) committed."""
    put_back_demo(database_copies)
    yield live_server.url
    wait_for_the_last_requests()


def wait_for_the_last_requests(timeout=10):
    """Tests ask for `site` before any page, so their pages are closed by now; but the live
    server may still be answering their last requests (the page editor's pings, a preview).
    The database flush after the test would find those requests' tables locked (SQLite)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture
def phone(browser):
    """A page in a 390×844 phone viewport (iPhone 12-14 size), touch enabled."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Save the journey's last screen under test-artifacts/ and print where."""

    def take(page, name=None):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name or request.node.name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path

    return take


@pytest.fixture
def staff_user(site, django_user_model):
    """Make a member of staff with a password to sign in with through the admin's login form:
    in one of the demo's groups ("Editors", "Medical reviewers", "Intake staff"), or a
    superuser. Those who must use two-factor sign-in have an authenticator app set up."""
    from django.contrib.auth.models import Group

    def make(username, group_name=None, *, superuser=False):
        user = django_user_model.objects.create_user(
            username,
            f"{username}@example.com",
            STAFF_PASSWORD,
            first_name=username.title(),
            is_staff=superuser,
            is_superuser=superuser,
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        if devices.must_use_two_factor(user):
            authenticator(user)  # set up already, as on a site in use
        return user

    return make


@pytest.fixture
def log_in(site):
    """Sign a user in through the Wagtail admin's login form, as a person would, with a code
    from their authenticator app when they have one."""

    def sign_in(page, user):
        page.goto(site + "/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(STAFF_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if "/admin/two-factor/verify/" in page.url:
            page.get_by_label("Code").fill(unused_app_code(authenticator(user)))
            page.get_by_role("button", name="Continue").click()
            expect(page).not_to_have_url(re.compile(r"/admin/two-factor/verify/"))
        return page

    return sign_in


@pytest.fixture
def instant_form_fill(settings):
    """No minimum fill time on the contact form: a browser types faster than any person, and
    a submission faster than INTAKE_MIN_FILL_SECONDS would be filed as spam."""
    settings.INTAKE_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture
def bilingual_site(transactional_db, live_server, database_copies, one_request_at_a_time):
    """The live server's base URL, with the demo site as `make run` builds it: Spanish pages
    (under /es/) included. They are built the first time a test asks, then copied back as
    `site` copies the English demo."""
    put_back_demo(database_copies, bilingual=True)
    yield live_server.url
    wait_for_the_last_requests()
