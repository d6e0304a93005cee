"""Intake staff at work in a real browser: from signing in (password and authenticator code)
to a recorded call on an urgent enquiry in four clicks, with the number to call on screen
without scrolling, on a desktop and on a phone; by keyboard alone; and every staff screen with
nothing axe objects to."""

import re

import pytest
from playwright.sync_api import expect

from intake.demo import INTAKE_GROUP
from intake.models import Enquiry
from tests.e2e.axe import accessibility_violations
from tests.fixtures.staff import STAFF_PASSWORD
from tests.two_factor import authenticator, unused_app_code

pytestmark = pytest.mark.e2e

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True},
}
NOTE = "Spoke to her: safe at home tonight, first visit booked for Friday."


def urgent_enquiry(**fields):
    """An urgent enquiry as the contact form stores one, with every kind of reason shown in
    its banner (so the number to call has the most to sit below)."""
    values = {
        "name": "Rowan Tenney",
        "email": "rowan.tenney@example.com",
        "phone": "+15035550199",
        "contact_method": "phone",
        "best_time": "morning",
        "topic": "depression_anxiety",
        "message": "I can't cope any more, please call me.",
        "urgent": True,
        "self_reported_crisis": True,
        "crisis_categories": "self_reported,suicidal_thoughts,reads_like_crisis",
        "crisis_evidence": {
            "phrases": ["cant cope any more"],
            "score": 0.95,
            "strength": "strongly",
            "passage": "i cant cope any more please call me",
        },
        "spam_reasons": "too_fast",
        **fields,
    }
    return Enquiry.objects.create(**values)


@pytest.fixture
def intake_nurse(staff_user):
    return staff_user("intake-nurse", INTAKE_GROUP)


@pytest.mark.parametrize("screen", SCREENS, ids=SCREENS)
def test_from_sign_in_to_a_recorded_call_on_an_urgent_enquiry_in_four_clicks(
    site, browser, intake_nurse, screenshot, screen
):
    enquiry = urgent_enquiry()
    context = browser.new_context(**SCREENS[screen])
    page = context.new_page()
    clicks = []

    def click(locator):
        clicks.append(locator)
        locator.click()

    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(intake_nurse.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    click(page.get_by_role("button", name="Sign in"))
    page.get_by_label("Code").fill(unused_app_code(authenticator(intake_nurse)))
    click(page.get_by_role("button", name="Continue"))
    click(page.get_by_role("link", name=re.compile("Rowan Tenney")).first)

    call = page.get_by_role("link", name="Call (503) 555-0199")
    expect(call).to_be_in_viewport(ratio=1)  # on screen as the page opens, no scrolling
    assert page.evaluate("window.scrollY") == 0
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rowan Tenney (#{enquiry.pk})")
    screenshot(page, f"triage-enquiry-page-{screen}")
    page.get_by_label("Note", exact=True).fill(NOTE)
    click(page.get_by_role("button", name="Called – spoke"))

    expect(page.get_by_text("Called – spoke recorded")).to_be_visible()
    expect(page.get_by_text("Intake-Nurse spoke to them just now")).to_be_visible()
    screenshot(page, f"triage-called-spoke-{screen}")
    context.close()
    assert len(clicks) <= 4
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted"
    assert enquiry.notes.get().text == f"Called – spoke: {NOTE}"


def test_a_call_is_recorded_by_keyboard_alone(site, page, intake_nurse, log_in):
    enquiry = urgent_enquiry()
    log_in(page, intake_nurse)
    page.goto(f"{site}/admin/enquiries/inspect/{enquiry.pk}/")

    page.get_by_label("Note", exact=True).focus()
    page.keyboard.type("No answer, will try again at noon.")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "No answer":
            break
    page.keyboard.press("Enter")

    expect(page.get_by_text("No answer recorded")).to_be_visible()
    assert enquiry.notes.get().text == "No answer: No answer, will try again at noon."


def test_every_staff_screen_has_no_accessibility_violations(
    site, page, intake_nurse, log_in, screenshot
):
    """The intake staff's screens, in the order a shift meets them: each one audited."""
    earlier = urgent_enquiry(status="contacted")
    enquiry = urgent_enquiry(
        crisis_categories="earlier_urgent", earlier_urgent=earlier, crisis_evidence={}
    )
    Enquiry.objects.create(name="Ivy Marsh", email="ivy@example.com", message="Hello.")
    log_in(page, intake_nurse)
    violations = {}

    def audit(name):
        found = accessibility_violations(page)
        if found:
            violations[name] = found

    audit("dashboard")
    screens = {
        "listing": "/admin/enquiries/",
        "listing, all": "/admin/enquiries/?show=all&q=Rowan",
        "urgent enquiry": f"/admin/enquiries/inspect/{earlier.pk}/",
        "remembered enquiry": f"/admin/enquiries/inspect/{enquiry.pk}/",
        "history": f"/admin/enquiries/history/{enquiry.pk}/",
        "erase": f"/admin/enquiries/delete/{enquiry.pk}/",
        "report": "/admin/reports/enquiries-by-source/",
        "bulk mark contacted": (
            f"/admin/bulk/intake/enquiry/mark_contacted/?id={enquiry.pk}&id={earlier.pk}"
        ),
        "bulk erase": f"/admin/bulk/intake/enquiry/delete/?id={enquiry.pk}",
    }
    for name, path in screens.items():
        assert page.goto(site + path).ok, name
        audit(name)
    page.goto(f"{site}/admin/enquiries/inspect/{enquiry.pk}/")
    page.get_by_role("button", name="No answer").click()
    page.get_by_role("button", name="No answer").click()
    expect(page.get_by_role("heading", name="Record it again?")).to_be_visible()
    audit("record it again")
    screenshot(page, "triage-record-it-again")

    assert not violations, "\n".join(
        f"{name}: {violation}" for name, found in violations.items() for violation in found
    )


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
