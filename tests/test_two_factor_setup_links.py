"""A first two-factor device needs more than the password: a set-up link an administrator
sends from the person's page (or `manage.py two_factor_link`, or `ensure_admin` for the
demo's admin). It works once, for its owner after their password, until it expires.

Emails go through the suite's SMTP server; codes are computed as the person's app would.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from intake.demo import ensure_intake_group
from staff_access import setup_links
from staff_access.models import SetupLink
from tests.two_factor import app_code, authenticator, sign_in_verified

PASSWORD = "a-long-test-password"
LOGIN_URL = "/admin/login/"
SETUP_URL = "/admin/two-factor/setup/"
ENQUIRIES_URL = "/admin/enquiries/"
NEEDS_LINK = "You need a set-up link"
LINK_PATH = re.compile(r"http://testserver(/admin/two-factor/setup/link/[\w-]+/)")


@pytest.fixture
def intake_user(db, django_user_model):
    user = django_user_model.objects.create_user(
        "intake", "intake@example.com", PASSWORD, first_name="Ivy", last_name="Moss"
    )
    user.groups.add(ensure_intake_group())
    return user


def person_url(user):
    return f"/admin/two-factor/people/{user.pk}/"


def link_path(url):
    return LINK_PATH.search(url).group(1)


def sign_in(client, username="intake", next_url=None):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


def confirm_app(client, user):
    """Scan the key the setup page shows and confirm it with the app's code."""
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SETUP_URL, {"code": app_code(device), "device": device.pk})


def new_link_path(user):
    return link_path(setup_links.create_link(user).url)


# --- Without a link -------------------------------------------------------------------------


def test_without_a_set_up_link_the_password_alone_cannot_set_up_a_device(client, intake_user):
    sign_in(client)

    response = client.get(SETUP_URL)

    assert response.status_code == 200
    assert NEEDS_LINK in response.text
    assert "Enquiries are health information: set up two-factor sign-in to continue." in (
        response.text
    )
    assert "qr_code" not in response.context
    assert not TOTPDevice.objects.filter(user=intake_user).exists()


def test_a_code_posted_without_a_set_up_link_is_refused(client, intake_user):
    # Even with a device someone managed to create: without a link it is never confirmed.
    device = TOTPDevice.objects.create(user=intake_user, name="Authenticator app", confirmed=False)
    sign_in(client)

    response = client.post(SETUP_URL, {"code": app_code(device), "device": device.pk})

    assert response.status_code == 403
    assert NEEDS_LINK in response.text
    assert not TOTPDevice.objects.filter(user=intake_user, confirmed=True).exists()
    assert client.get(ENQUIRIES_URL)["Location"].startswith(SETUP_URL)


def test_people_who_may_opt_in_need_a_link_too(client, django_user_model):
    # A device set up with a stolen password would pass the second factor for the thief
    # once the person is later given access to enquiries.
    editor = django_user_model.objects.create_user("editor", "editor@example.com", PASSWORD)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, "editor")

    assert NEEDS_LINK in client.get(SETUP_URL).text


# --- The administrator sends a link ---------------------------------------------------------


def test_an_administrator_emails_a_set_up_link_and_it_is_logged(
    admin_client, admin_user, intake_user, smtp_server
):
    smtp_server.start()
    page = admin_client.get(person_url(intake_user))
    assert "Ivy Moss has not set up two-factor sign-in." in page.text
    assert "They need it: they can read enquiries" in page.text

    response = admin_client.post(person_url(intake_user))

    assert response.status_code == 200
    assert "A set-up link was emailed to Ivy Moss (intake@example.com)." in response.text
    [email] = smtp_server.messages
    assert email["To"] == "intake@example.com"
    assert email["Subject"] == "Set up two-factor sign-in for Clinic"
    body = email.get_payload()
    assert link_path(body) not in response.text  # emailed, not shown
    assert "The link works once" in body
    entry = ModelLogEntry.objects.get(action=setup_links.LOG_LINK_CREATED)
    assert entry.object_id == str(intake_user.pk)
    assert entry.user == admin_user
    assert body.count("http://testserver") == 1  # the link, and nothing else of the site's


def test_the_person_opens_the_link_signs_in_and_sets_up_the_app(
    admin_client, intake_user, smtp_server
):
    smtp_server.start()
    admin_client.post(person_url(intake_user))
    path = link_path(smtp_server.messages[0].get_payload())
    person = Client()

    to_sign_in = person.get(path)
    assert to_sign_in["Location"].startswith(LOGIN_URL)
    signed_in = sign_in(person, next_url=path)
    assert signed_in["Location"] == path
    assert person.get(path)["Location"] == SETUP_URL
    setup = person.get(SETUP_URL)
    assert setup.context["qr_code"]

    done = confirm_app(person, intake_user)

    assert "Two-factor sign-in is on" in done.text
    assert person.get(ENQUIRIES_URL).status_code == 200
    link = SetupLink.objects.get(user=intake_user)
    assert link.used_at is not None
    assert ModelLogEntry.objects.filter(
        action=setup_links.LOG_SET_UP, object_id=str(intake_user.pk)
    ).exists()


def test_a_set_up_link_works_once(client, intake_user):
    path = new_link_path(intake_user)
    sign_in(client)
    client.get(path)
    confirm_app(client, intake_user)
    client.post("/admin/logout/")

    other = Client()
    sign_in(other)
    response = other.get(path)

    # Signed in with the password only, and a device exists: the code comes first.
    assert response["Location"].startswith("/admin/two-factor/verify/")
    sign_in_verified(other, intake_user)
    again = other.get(path)
    assert again.status_code == 410
    assert "This set-up link has been used already: each link works once." in again.text


def test_a_link_opened_in_two_places_sets_up_one_device(client, intake_user):
    path = new_link_path(intake_user)
    first, second = Client(), Client()
    for browser in (first, second):
        sign_in(browser)
        browser.get(path)
        browser.get(SETUP_URL)
    second_device = TOTPDevice.objects.filter(user=intake_user).order_by("pk").first()

    confirm_app(first, intake_user)
    response = second.post(SETUP_URL, {"code": app_code(second_device, 1)})

    # The first one set it up; the second browser is asked for a code from that device.
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=intake_user, confirmed=True).count() == 1


def test_an_expired_set_up_link_is_refused(client, intake_user):
    path = new_link_path(intake_user)
    SetupLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    sign_in(client)

    response = client.get(path)

    assert response.status_code == 410
    assert "This set-up link has expired." in response.text
    assert NEEDS_LINK in client.get(SETUP_URL).text


def test_a_link_that_expires_after_it_was_opened_sets_up_nothing(client, intake_user):
    path = new_link_path(intake_user)
    sign_in(client)
    client.get(path)
    client.get(SETUP_URL)
    SetupLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    device = TOTPDevice.objects.get(user=intake_user)

    response = client.post(SETUP_URL, {"code": app_code(device), "device": device.pk})

    assert NEEDS_LINK in response.text
    assert not TOTPDevice.objects.filter(user=intake_user, confirmed=True).exists()


def test_links_last_a_day_by_default(intake_user):
    link = setup_links.create_link(intake_user).link

    assert link.expires_at - link.created_at == timedelta(hours=24)


def test_a_link_for_someone_else_is_refused(client, intake_user, django_user_model):
    path = new_link_path(intake_user)
    other = django_user_model.objects.create_user("other", "other@example.com", PASSWORD)
    other.groups.add(ensure_intake_group())
    sign_in(client, "other")

    response = client.get(path)

    assert response.status_code == 403
    assert "This set-up link is for another account." in response.text
    assert NEEDS_LINK in client.get(SETUP_URL).text


def test_an_unknown_link_is_refused(client, intake_user):
    sign_in(client)

    response = client.get("/admin/two-factor/setup/link/not-a-real-token/")

    assert response.status_code == 404
    assert "This set-up link is not valid." in response.text


def test_a_new_link_replaces_the_previous_one(client, intake_user):
    old = new_link_path(intake_user)
    new = new_link_path(intake_user)
    sign_in(client)

    assert client.get(old).status_code == 404
    assert client.get(new)["Location"] == SETUP_URL


def test_only_the_tokens_hash_is_stored(intake_user):
    new_link = setup_links.create_link(intake_user)
    token = link_path(new_link.url).rstrip("/").rsplit("/", 1)[1]

    assert token not in new_link.link.token_hash
    assert not SetupLink.objects.filter(token_hash=token).exists()


def test_only_administrators_may_send_set_up_links(client, intake_user, django_user_model):
    manager = django_user_model.objects.create_user("manager", "m@example.com", PASSWORD)
    manager.groups.add(ensure_intake_group())
    sign_in_verified(client, manager)

    assert client.get(person_url(intake_user)).status_code == 403
    response = client.post(person_url(intake_user))

    assert response.status_code == 403
    assert "Only administrators can send two-factor set-up links." in response.text
    assert not SetupLink.objects.exists()


def test_someone_with_two_factor_on_gets_no_link(admin_client, intake_user, smtp_server):
    smtp_server.start()
    authenticator(intake_user)

    page = admin_client.get(person_url(intake_user))
    response = admin_client.post(person_url(intake_user))

    assert "Ivy Moss has two-factor sign-in on" in page.text
    assert response.status_code == 409
    assert not SetupLink.objects.exists()
    assert smtp_server.messages == []


def test_when_the_email_fails_the_administrator_gets_the_link_to_pass_on(
    admin_client, intake_user, smtp_server
):
    # The SMTP server is not started: the connection is refused.
    response = admin_client.post(person_url(intake_user))

    assert "was created but not emailed to Ivy Moss" in response.text
    assert "ConnectionRefusedError" in response.text
    path = link_path(response.text)
    person = Client()
    sign_in(person)
    assert person.get(path)["Location"] == SETUP_URL


def test_without_an_email_address_the_link_is_shown(admin_client, intake_user):
    intake_user.email = ""
    intake_user.save()

    page = admin_client.get(person_url(intake_user))
    response = admin_client.post(person_url(intake_user))

    assert "Create a set-up link for Ivy Moss" in page.text
    assert "They have no email address." in response.text
    assert link_path(response.text)


def test_administrators_reach_it_from_the_users_listing_and_the_persons_page(
    admin_client, intake_user
):
    listing = admin_client.get("/admin/users/")
    edit = admin_client.get(f"/admin/users/edit/{intake_user.pk}/")

    assert f'href="{person_url(intake_user)}"' in listing.text
    assert f'href="{person_url(intake_user)}"' in edit.text
    assert "Two-factor sign-in: not set up" in edit.text


# --- From the command line ------------------------------------------------------------------


def test_two_factor_link_prints_a_link_that_works(client, intake_user):
    output = StringIO()

    call_command("two_factor_link", "intake", stdout=output)

    path = link_path(output.getvalue())
    sign_in(client)
    assert client.get(path)["Location"] == SETUP_URL
    entry = ModelLogEntry.objects.get(action=setup_links.LOG_LINK_CREATED)
    assert entry.user is None  # the server's command line, not a person in the admin


def test_two_factor_link_refuses_someone_with_a_device(intake_user):
    authenticator(intake_user)

    with pytest.raises(CommandError, match="reset_two_factor intake"):
        call_command("two_factor_link", "intake")


def test_two_factor_link_names_an_unknown_username(db):
    with pytest.raises(CommandError, match="No user with the username 'nobody'"):
        call_command("two_factor_link", "nobody")
