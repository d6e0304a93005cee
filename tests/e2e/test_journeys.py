"""Whole journeys in a real browser, each driven only by what a person sees: a reader getting
in touch, intake staff triaging the enquiry, editors and medical reviewers publishing."""

import re

import pytest
from playwright.sync_api import expect

from intake.demo import INTAKE_GROUP
from intake.models import Enquiry
from tests.e2e.contact_form import fill_contact_form

pytestmark = pytest.mark.e2e

ARTICLE_TITLE = "Can mental health issues cause back pain?"
ARTICLE_PATH = "/articles/can-mental-health-issues-cause-back-pain/"
THANK_YOU = "Thank you, your message has been sent"
URGENT_HEADING = "Help is available right now"
CRISIS_HEADING = "Talk to the 988 Suicide & Crisis Lifeline now"


def send(page):
    page.get_by_role("button", name="Send message").click()


def has_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


# --- Readers --------------------------------------------------------------------------------


def test_reader_contacts_the_clinic_from_an_article_which_the_enquiry_names(
    site, page, instant_form_fill, screenshot
):
    page.goto(site + "/")
    latest = page.get_by_role("region", name="Latest articles")
    latest.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)

    contact_link = page.get_by_role("link", name="Contact our clinic")
    call_to_action = page.get_by_role("region", name="Contact us today!").filter(has=contact_link)
    call_to_action.get_by_role("link", name="Contact our clinic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact us")
    fill_contact_form(page)
    send(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(THANK_YOU)
    screenshot(page, "journey-article-to-enquiry")
    assert Enquiry.objects.get().source_page.title == ARTICLE_TITLE


def focused_error_summary(page):
    """The element with focus, where a screen reader starts reading: it must hold the error
    summary (an alert) and none of the form, or focus is on something larger than the summary."""
    focused = page.locator(":focus")
    expect(focused.get_by_role("alert")).to_contain_text("There is a problem with your message")
    expect(focused.get_by_role("button", name="Send message")).to_have_count(0)
    return focused


def test_reader_corrects_a_rejected_form_without_retyping_what_was_valid(
    site, page, instant_form_fill, screenshot
):
    page.goto(site + "/contact/")
    send(page)

    summary = focused_error_summary(page)
    for message in (
        "Enter your full name.",
        "Enter your email address.",
        "Choose what you would like help with.",
        "Write a short message.",
        "Please tick the box so that we may contact you.",
    ):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_accessible_description("Enter your full name.")
    expect(page.get_by_label("Your message")).to_have_accessible_description(
        re.compile(r"Write a short message\.")
    )

    page.get_by_label("Full name").fill("Rowan Tenney")
    page.get_by_label("Email address").fill("rowan@example.com")
    page.get_by_label("Depression or anxiety").check()
    page.get_by_label("Your message").fill("Could someone call me back?")
    send(page)  # the consent box is still unticked

    expect(focused_error_summary(page).get_by_role("link")).to_have_text(
        ["Please tick the box so that we may contact you."]
    )
    expect(page.get_by_label("Full name")).to_have_value("Rowan Tenney")
    expect(page.get_by_label("Email address")).to_have_value("rowan@example.com")
    expect(page.get_by_label("Depression or anxiety")).to_be_checked()
    expect(page.get_by_label("Your message")).to_have_value("Could someone call me back?")
    page.get_by_label("I agree to be contacted").check()
    send(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(THANK_YOU)
    screenshot(page, "journey-form-corrected")
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.topic, enquiry.status) == (
        "Rowan Tenney",
        "depression_anxiety",
        "new",
    )


def test_reader_in_crisis_sees_crisis_resources_before_anything_else(
    site, page, instant_form_fill, screenshot
):
    page.goto(site + "/contact/")
    fill_contact_form(page, message="I want to end my life. I don't know who else to tell.")
    send(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(URGENT_HEADING)
    main = page.get_by_role("main")
    resources = main.get_by_role("region", name=CRISIS_HEADING)
    expect(resources.get_by_role("link", name="Call 988", exact=True)).to_be_visible()
    assert is_above(resources, main.get_by_role("heading", name="We have your message"))
    screenshot(page, "journey-crisis-thank-you")
    assert Enquiry.objects.get().urgent


def test_reader_in_crisis_over_the_rate_limit_still_reaches_help_on_a_phone(
    site, phone, instant_form_fill, settings, screenshot
):
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    phone.goto(site + "/contact/")
    fill_contact_form(phone, message="Just a question about parking near the clinic.")
    send(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text(THANK_YOU)

    phone.goto(site + "/contact/")
    fill_contact_form(phone, message="i dont want to live anymore. i cant go on like this")
    send(phone)

    expect(phone.get_by_role("heading", level=1)).to_have_text(URGENT_HEADING)
    resources = phone.get_by_role("main").get_by_role("region", name=CRISIS_HEADING)
    for name in ("Call 988", "Text 988", "In danger now? Call 911"):
        link = resources.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert link.bounding_box()["height"] >= 44, name
    assert not has_horizontal_scroll(phone)
    screenshot(phone, "journey-crisis-over-rate-limit")
    assert Enquiry.objects.get(urgent=True).spam_reasons == "rate_limited"


def test_reader_searching_in_crisis_sees_help_at_the_top(site, page, screenshot):
    page.goto(site + "/")
    page.get_by_role("link", name="Search").first.click()
    page.get_by_label("Search our articles and pages").fill("I want to die")
    page.get_by_role("button", name="Search").click()

    main = page.get_by_role("main")
    resources = main.get_by_role("region", name=CRISIS_HEADING)
    expect(resources.get_by_role("link", name="Call 988", exact=True)).to_be_visible()
    assert is_above(resources, main.get_by_role("status"))
    screenshot(page, "journey-crisis-search")


def is_above(upper, lower):
    return upper.bounding_box()["y"] < lower.bounding_box()["y"]


def test_reader_on_a_phone_reads_an_article_and_reaches_the_contact_form_without_side_scrolling(
    site, phone, screenshot
):
    phone.goto(site + ARTICLE_PATH)
    assert not has_horizontal_scroll(phone)

    menu_button = phone.get_by_text("Menu", exact=True)
    contact_link = phone.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Contact us"
    )
    menu_button.click()
    expect(contact_link).to_be_visible()
    assert not has_horizontal_scroll(phone)
    menu_button.click()
    expect(contact_link).to_be_hidden()

    phone.get_by_role("link", name="Contact our clinic").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Contact us")
    assert not has_horizontal_scroll(phone)
    screenshot(phone, "journey-phone-contact")


def test_consent_box_sits_beside_its_label_on_a_phone(site, phone):
    phone.goto(site + "/contact/")
    box = phone.get_by_label("I agree to be contacted").bounding_box()
    label = phone.get_by_text("I agree to be contacted").bounding_box()

    assert label["x"] > box["x"] + box["width"]
    assert label["y"] < box["y"] + box["height"]


# --- Intake staff ---------------------------------------------------------------------------


def make_enquiry(name, status="new"):
    return Enquiry.objects.create(
        name=name,
        email="reader@example.com",
        topic="chronic_pain",
        message="Could I book a first visit?",
        contact_method="email",
        status=status,
    )


def test_intake_staff_triage_a_new_enquiry_and_see_it_in_its_history(
    site, page, staff_user, log_in, screenshot
):
    make_enquiry("Ashley Older", status="contacted")
    make_enquiry("Rowan Tenney")
    log_in(page, staff_user("intake-nurse", INTAKE_GROUP))

    page.get_by_role("link", name="Enquiries: 1 new").click()
    # The listing opens on the open enquiries: the contacted one is not among them.
    expect(page.get_by_role("link", name="Ashley Older")).to_be_hidden()
    page.get_by_role("link", name="Rowan Tenney").click()

    page.get_by_role("combobox", name="Status").select_option(label="Contacted")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("status and assignee saved")).to_be_visible()
    page.get_by_label("Note", exact=True).fill("Called back, booked a call for Friday.")
    page.get_by_role("button", name="Save note only").click()
    expect(page.get_by_text("Note saved.")).to_be_visible()
    page.get_by_role("link", name="The full audit log").click()

    history = page.get_by_role("table")
    expect(history).to_contain_text("Note added")
    expect(history).to_contain_text("Status changed from New to Contacted")
    screenshot(page, "journey-intake-history")
    assert Enquiry.objects.get(name="Rowan Tenney").notes.get().text.startswith("Called back")


# Editors and medical reviewers: tests/e2e/test_editorial_journey_in_browser.py.
