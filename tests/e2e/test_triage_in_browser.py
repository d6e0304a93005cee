"""Intake staff at work in a real browser: from the dashboard to a recorded call in a few
clicks, on a desktop and on a phone, by keyboard alone, and with nothing axe objects to."""

import re

import pytest
from playwright.sync_api import expect

from intake.demo import INTAKE_GROUP
from intake.models import Enquiry
from tests.e2e.axe import accessibility_violations

pytestmark = pytest.mark.e2e

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True},
}
NOTE = "Spoke to her: safe at home tonight, first visit booked for Friday."


def urgent_enquiry():
    return Enquiry.objects.create(
        name="Rowan Tenney",
        email="rowan@example.com",
        phone="+15035550199",
        contact_method="phone",
        topic="depression_anxiety",
        message="I can't cope any more, please call me.",
        urgent=True,
    )


@pytest.fixture
def intake_nurse(staff_user):
    return staff_user("intake-nurse", INTAKE_GROUP)


@pytest.mark.parametrize("screen", SCREENS, ids=SCREENS)
def test_from_the_dashboard_to_a_recorded_call_on_an_urgent_enquiry_in_three_clicks(
    site, browser, intake_nurse, log_in, screenshot, screen
):
    enquiry = urgent_enquiry()
    context = browser.new_context(**SCREENS[screen])
    page = log_in(context.new_page(), intake_nurse)  # lands on the dashboard
    clicks = []

    def click(locator):
        clicks.append(locator)
        locator.click()

    click(page.get_by_role("link", name=re.compile("Rowan Tenney")).first)
    page.get_by_label("What happened (optional)").fill(NOTE)
    click(page.get_by_role("button", name="Called – spoke"))

    expect(page.get_by_text("Called – spoke recorded")).to_be_visible()
    screenshot(page, f"triage-called-spoke-{screen}")
    context.close()
    assert len(clicks) <= 3
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted"
    assert enquiry.notes.get().text == f"Called – spoke: {NOTE}"


def test_a_call_is_recorded_by_keyboard_alone(site, page, intake_nurse, log_in):
    enquiry = urgent_enquiry()
    log_in(page, intake_nurse)
    page.goto(f"{site}/admin/enquiries/inspect/{enquiry.pk}/")

    page.get_by_label("What happened (optional)").focus()
    page.keyboard.type("No answer, will try again at noon.")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "No answer":
            break
    page.keyboard.press("Enter")

    expect(page.get_by_text("No answer recorded")).to_be_visible()
    assert enquiry.notes.get().text == "No answer: No answer, will try again at noon."


@pytest.mark.parametrize("where", ["listing", "enquiry"])
def test_the_listing_and_the_enquiry_page_have_no_accessibility_violations(
    site, page, intake_nurse, log_in, where
):
    enquiry = urgent_enquiry()
    log_in(page, intake_nurse)
    path = "/admin/enquiries/" if where == "listing" else f"/admin/enquiries/inspect/{enquiry.pk}/"
    assert page.goto(site + path).ok

    violations = accessibility_violations(page)
    assert not violations, "\n".join(["Accessibility violations:", *violations])


def test_the_listing_leads_to_an_enquiry_by_keyboard_alone(site, page, intake_nurse, log_in):
    enquiry = urgent_enquiry()
    log_in(page, intake_nurse)
    page.goto(f"{site}/admin/enquiries/")

    name_link = page.get_by_role("link", name="Rowan Tenney")
    for _ in range(60):
        page.keyboard.press("Tab")
        if name_link.evaluate("link => link === document.activeElement"):
            break
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/admin/enquiries/inspect/{enquiry.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rowan Tenney")
