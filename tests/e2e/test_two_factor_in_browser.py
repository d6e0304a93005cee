"""Setting up two-factor sign-in in a real browser: a new member of intake staff can't with
the password alone; with the set-up link an administrator sends, they type the key the page
shows into their app and confirm it. Each screen passes axe."""

import re
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from playwright.sync_api import expect

from intake.demo import INTAKE_GROUP
from staff_access import setup_links
from tests.e2e.axe import accessibility_violations
from tests.fixtures.staff import STAFF_PASSWORD

pytestmark = pytest.mark.e2e


def assert_no_violations(page):
    violations = accessibility_violations(page)
    assert not violations, "\n".join(["Accessibility violations:", *violations])


def code_for_key(key_text):
    """What an authenticator app shows now for the key typed in from the setup page."""
    key = b32decode(key_text.replace(" ", ""))
    return f"{totp(key):06d}"


def sign_in_with_password(page, site, username):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_new_intake_staff_set_up_their_app_with_the_link_they_were_sent(
    site, page, django_user_model, screenshot
):
    nurse = django_user_model.objects.create_user(
        "new-nurse", "new-nurse@example.com", STAFF_PASSWORD, first_name="Noor"
    )
    nurse.groups.add(Group.objects.get(name=INTAKE_GROUP))

    sign_in_with_password(page, site, "new-nurse")
    expect(page.get_by_role("heading", name="You need a set-up link")).to_be_visible()
    assert_no_violations(page)
    page.goto(site + "/admin/enquiries/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/"))

    page.goto(setup_links.create_link(nurse).url.replace("http://testserver", site))
    key = page.locator("#two-factor-key").inner_text()
    assert_no_violations(page)
    page.get_by_label("6-digit code from the app").fill(code_for_key(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    expect(page.get_by_role("list", name="Backup codes").get_by_role("listitem")).to_have_count(10)
    screenshot(page, "two-factor-set-up")
    page.get_by_role("link", name="Continue to the dashboard").click()
    page.goto(site + "/admin/enquiries/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enquiries")


def test_the_administrators_page_for_a_person_passes_axe(
    site, page, staff_user, log_in, django_user_model, screenshot
):
    nurse = django_user_model.objects.create_user(
        "another-nurse", "another-nurse@example.com", STAFF_PASSWORD
    )
    nurse.groups.add(Group.objects.get(name=INTAKE_GROUP))
    log_in(page, staff_user("head-of-clinic", superuser=True))

    page.goto(f"{site}/admin/users/edit/{nurse.pk}/")
    page.get_by_role("link", name="Send a set-up link").click()
    expect(page.get_by_role("button", name=re.compile("set-up link"))).to_be_visible()
    assert_no_violations(page)
    page.get_by_role("button", name=re.compile("set-up link")).click()

    expect(page.get_by_text("A set-up link was emailed to another-nurse")).to_be_visible()
    assert_no_violations(page)
    screenshot(page, "two-factor-link-sent")
