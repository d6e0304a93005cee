"""The contact form in a real browser: accessibility audits and a journey without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from intake.models import Enquiry
from tests.e2e.axe import accessibility_violations
from tests.e2e.contact_form import fill_contact_form

pytestmark = pytest.mark.e2e


def test_contact_page_passes_the_accessibility_audit_on_a_phone(site, phone, screenshot):
    phone.goto(site + "/contact/")

    screenshot(phone, "contact-form-phone")
    assert accessibility_violations(phone) == []


def test_errors_are_summarised_focused_and_accessible(site, page, screenshot):
    page.goto(site + "/contact/")
    page.get_by_label("Phone call").check()
    page.get_by_role("button", name="Send message").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter your full name.")
    summary.get_by_role("link", name="Choose what you would like help with.").click()
    expect(page.get_by_label("Chronic pain")).to_be_focused()
    screenshot(page, "contact-form-errors")
    assert accessibility_violations(page) == []


def test_the_form_works_without_javascript(site, browser, instant_form_fill):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/contact/")

    fill_contact_form(page)
    page.get_by_role("button", name="Send message").click()

    expect(page).to_have_url(site + "/contact/thank-you/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, your message has been sent"
    )
    assert Enquiry.objects.get().status == "new"
    context.close()


def test_urgent_thank_you_page_is_accessible(site, phone, instant_form_fill, screenshot):
    phone.goto(site + "/contact/")
    fill_contact_form(phone, message="Some nights I want to die.")
    phone.get_by_role("button", name="Send message").click()

    expect(phone.get_by_role("link", name="988").first).to_be_visible()
    screenshot(phone, "contact-thank-you-urgent")
    assert accessibility_violations(phone) == []
    assert Enquiry.objects.get().urgent


def test_the_self_harm_question_works_by_keyboard_and_leads_to_help(
    site, page, instant_form_fill, screenshot
):
    page.goto(site + "/contact/")
    fill_contact_form(page, message="Could I book a first appointment for my back?")
    question = page.get_by_role(
        "checkbox", name="I'm having thoughts of suicide or of harming myself"
    )
    page.get_by_label("Your message").focus()
    page.keyboard.press("Tab")

    expect(question).to_be_focused()
    expect(question).to_have_accessible_description(re.compile("^Optional."))
    page.keyboard.press("Space")
    expect(question).to_be_checked()
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Send message").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Help is available right now")
    screenshot(page, "contact-self-reported")
    assert Enquiry.objects.get().self_reported_crisis
