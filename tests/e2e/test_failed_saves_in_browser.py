"""What an editor sees in Chromium when the server cannot save: Wagtail 8's autosave shows
"Autosave is paused" with "A server error occurred.", and "Save draft" leads to a page that
says "Not saved". Neither is ever shown as a success."""

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from clinic.models import StandardPage

pytestmark = pytest.mark.e2e


@pytest.fixture
def superuser(staff_user):
    return staff_user("editor-in-chief", superuser=True)


@pytest.fixture
def lock_the_database(monkeypatch):
    """From now on every save of a page fails as SQLite did under load (the live server
    runs in this process)."""

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    return lambda: monkeypatch.setattr(StandardPage, "save_revision", locked)


def test_a_failed_autosave_and_a_failed_save_are_shown_to_the_editor_as_failures(
    site, page, superuser, log_in, lock_the_database, screenshot
):
    about = StandardPage.objects.get(slug="about")
    log_in(page, superuser)
    page.goto(f"{site}/admin/pages/{about.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("About us")
    # Wagtail's unsaved-changes watcher takes the form as loaded 2 s after the page opens;
    # an edit before then would be part of it, and never autosaved.
    page.wait_for_timeout(3000)
    lock_the_database()

    page.locator("#id_title").fill("About our clinic")

    expect(page.get_by_text("A server error occurred.")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Autosave is paused").first).to_be_visible()
    expect(page.get_by_text("Saved", exact=True)).not_to_be_visible()
    screenshot(page, "autosave-failed")

    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", name="Not saved")).to_be_visible()
    expect(page.get_by_text("nothing you sent was saved")).to_be_visible()
    screenshot(page, "save-draft-failed")
    latest = StandardPage.objects.get(pk=about.pk).get_latest_revision()
    assert latest.content["title"] == "About us"
