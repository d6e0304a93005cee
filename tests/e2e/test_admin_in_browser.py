"""The Wagtail admin works in a real browser under the site's Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from clinic.models import StandardPage

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def superuser(django_user_model, site):
    return django_user_model.objects.create_superuser("editor-in-chief", "e@example.com", PASSWORD)


def log_in(page, site, user):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def collect_csp_errors(page):
    errors = []

    def record(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", record)
    return errors


def test_admin_dashboard_and_page_editor_work_under_the_policy(site, page, superuser, screenshot):
    about = StandardPage.objects.get(slug="about")
    csp_errors = collect_csp_errors(page)
    log_in(page, site, superuser)

    page.goto(f"{site}/admin/pages/{about.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("About us")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.locator("iframe[title='Preview']").last.content_frame
    expect(preview.get_by_role("heading", level=1, name="About us")).to_be_visible()
    screenshot(page, "admin-page-editor-preview")

    assert csp_errors == []
