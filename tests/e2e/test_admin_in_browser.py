"""The Wagtail admin works in a real browser under the site's Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from clinic.models import StandardPage

pytestmark = pytest.mark.e2e


@pytest.fixture
def superuser(staff_user):
    return staff_user("editor-in-chief", superuser=True)


def collect_csp_errors(page):
    errors = []

    def record(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", record)
    return errors


def test_admin_dashboard_and_page_editor_work_under_the_policy(
    site, page, superuser, log_in, screenshot
):
    about = StandardPage.objects.get(slug="about")
    csp_errors = collect_csp_errors(page)
    log_in(page, superuser)

    page.goto(f"{site}/admin/pages/{about.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("About us")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.locator("iframe[title='Preview']").last.content_frame
    expect(preview.get_by_role("heading", level=1, name="About us")).to_be_visible()
    screenshot(page, "admin-page-editor-preview")

    assert csp_errors == []


def test_the_enquiry_listings_bulk_bar_counts_enquiries_not_snippets(site, page, superuser, log_in):
    from intake.models import Enquiry

    for name in ("Rowan Okafor", "Ivy Marsh", "Sam Ortiz"):
        Enquiry.objects.create(name=name, email="p@example.com", message="Please call me.")
    log_in(page, superuser)

    page.goto(f"{site}/admin/enquiries/")
    for name in ("Rowan Okafor", "Ivy Marsh"):
        page.get_by_role("row").filter(has_text=name).get_by_role("checkbox").check()

    expect(page.locator("[data-bulk-action-num-objects]")).to_have_text("2 enquiries selected")
    assert "snippet" not in page.locator("[data-bulk-action-footer]").inner_text().lower()


def test_the_enquiry_listing_fits_a_phone_with_nothing_important_cut_off(
    site, browser, superuser, log_in, screenshot
):
    from intake.models import Enquiry

    Enquiry.objects.create(
        name="Rowan Okafor",
        email="rowan@example.com",
        phone="+15035550199",
        contact_method="phone",
        message="Please call me about my back.",
        urgent=True,
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    log_in(page, superuser)

    page.goto(f"{site}/admin/enquiries/")
    row = page.get_by_role("row").filter(has_text="Rowan Okafor")
    for part in ("Rowan Okafor", "Urgent", "(503) 555-0199", "New"):
        cell = row.get_by_text(part, exact=True).first
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, part
    expect(row.get_by_text("Any time")).to_be_hidden()  # best time gives way on a phone
    screenshot(page, "admin-enquiry-listing-phone")
    context.close()
