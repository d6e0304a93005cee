"""Staff sign-in to the admin: lockout after wrong passwords, and two-factor sign-in.

Every request goes through the real admin URLs with Django's test client; codes are computed
from the device's key as an authenticator app would. Set-up links and the backup codes'
storage are in tests/test_two_factor_setup_links.py and tests/test_backup_codes.py.
"""

import os
import subprocess
import sys
from base64 import b64decode
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from intake.models import Enquiry
from staff_access import backup_codes, setup_links
from staff_access.models import BackupCode, BackupCodeDevice
from tests.fixtures.staff import STAFF_PASSWORD
from tests.two_factor import app_code

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): codes are checked
# under select_for_update; lockouts are counted in rows.
pytestmark = pytest.mark.backend_specific

PASSWORD = STAFF_PASSWORD  # the password of every staff fixture
LOGIN_URL = "/admin/login/"
SETUP_URL = "/admin/two-factor/setup/"
VERIFY_URL = "/admin/two-factor/verify/"
ENQUIRIES_URL = "/admin/enquiries/"  # the enquiry listing (intake/viewsets.py)
REPORT_URL = "/admin/reports/enquiries-by-source/"  # intake/reports.py
OFFICE_IP = "203.0.113.10"
OTHER_IP = "198.51.100.20"
BACKUP_CODE = "abcd2345"
LOCKOUT_MESSAGE = (
    "Too many failed sign-in attempts. Try again in 15 minutes, "
    "or ask an administrator to unlock your account."
)


def sign_in(client, username, password=PASSWORD, ip=OFFICE_IP, **extra):
    data = {"username": username, "password": password}
    return client.post(LOGIN_URL, data, REMOTE_ADDR=ip, **extra)


def fail_sign_in(client, username, times, ip=OFFICE_IP, **extra):
    for _ in range(times):
        response = sign_in(client, username, password="wrong-password", ip=ip, **extra)
    return response


def let_throttle_pass(device):
    """As if the wait django-otp imposes after a wrong code had passed."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(days=1)
    )


def enrolled_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def backup_code(user):
    """One backup code, as setup issues them (eight lower-case base32 characters, kept
    hashed)."""
    device = BackupCodeDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    device.codes.create(hashed=backup_codes.hash_code(BACKUP_CODE))
    return BACKUP_CODE


def open_setup_link(client, user):
    """Open a set-up link an administrator sent the user (signed in already)."""
    url = setup_links.create_link(user).url
    return client.get(url.removeprefix("http://testserver"))


def set_up_app(client, user):
    """Set up an authenticator as a person with a set-up link does; returns the device."""
    open_setup_link(client, user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(SETUP_URL, {"code": app_code(device), "device": device.pk})
    device.refresh_from_db()
    return device


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, *groups, **fields):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", PASSWORD, **fields
        )
        user.groups.add(*groups)
        return user

    return make


@pytest.fixture
def require_2fa(settings):
    settings.STAFF_REQUIRE_2FA = True


# --- Lockout after wrong passwords -------------------------------------------------------


def test_repeated_wrong_passwords_lock_the_account_with_a_clear_message(client, intake_user):
    assert fail_sign_in(client, "intake", 4).status_code == 200

    response = fail_sign_in(client, "intake", 1)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Sign-in locked" in response.text
    assert LOCKOUT_MESSAGE in response.text


def test_a_locked_account_refuses_even_the_right_password(client, intake_user):
    fail_sign_in(client, "intake", 5)

    response = sign_in(client, "intake")

    assert response.status_code == 429
    assert LOCKOUT_MESSAGE in response.text
    assert client.get("/admin/")["Location"].startswith(LOGIN_URL)


def test_a_successful_sign_in_before_the_limit_resets_the_count(client, intake_user):
    fail_sign_in(client, "intake", 4)
    assert sign_in(client, "intake").status_code == 302
    client.post("/admin/logout/")

    assert fail_sign_in(client, "intake", 4).status_code == 200
    assert sign_in(client, "intake").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, intake_user):
    fail_sign_in(client, "intake", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert sign_in(client, "intake").status_code == 302


def test_an_administrator_can_unlock_an_account(client, intake_user):
    fail_sign_in(client, "intake", 5)

    call_command("axes_reset_username", "intake", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sign_in(client, "intake").status_code == 302


def test_a_lockout_from_one_address_leaves_the_user_free_elsewhere(client, intake_user):
    fail_sign_in(client, "intake", 5, ip=OFFICE_IP)

    assert sign_in(client, "intake", ip=OTHER_IP).status_code == 302


def test_a_lockout_of_one_username_leaves_colleagues_at_the_same_address_free(
    client, intake_user, page_editor
):
    fail_sign_in(client, "intake", 5)

    assert sign_in(client, "editor").status_code == 302


# What X-Forwarded-For says when the request from `ip` passed through 1 or 2 proxies of ours
# (a CDN at 198.51.100.70 in front of nginx): each appends the address it was sent it from.
FORWARDED_BY = {1: "{ip}", 2: "{ip}, 198.51.100.70"}


@pytest.mark.parametrize("proxies", [1, 2])
def test_behind_proxies_the_lockout_follows_the_client_address_they_forwarded(
    client, intake_user, settings, proxies
):
    settings.TRUSTED_PROXY_COUNT = proxies
    nginx = "10.0.0.1"

    def via_proxies(ip):
        return FORWARDED_BY[proxies].format(ip=ip)

    fail_sign_in(client, "intake", 5, ip=nginx, HTTP_X_FORWARDED_FOR=via_proxies(OFFICE_IP))

    # A forged entry in front of the ones our proxies appended changes nothing.
    forged = f"192.0.2.1, {via_proxies(OFFICE_IP)}"
    assert sign_in(client, "intake", ip=nginx, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    elsewhere = via_proxies(OTHER_IP)
    assert sign_in(client, "intake", ip=nginx, HTTP_X_FORWARDED_FOR=elsewhere).status_code == 302


def test_without_a_proxy_a_forwarded_address_cannot_dodge_the_lockout(client, intake_user):
    fail_sign_in(client, "intake", 5, ip=OFFICE_IP)

    response = sign_in(client, "intake", ip=OFFICE_IP, HTTP_X_FORWARDED_FOR=OTHER_IP)

    assert response.status_code == 429


def test_failed_attempts_are_recorded_without_the_password(client, intake_user):
    sign_in(client, "intake", password="my-secret-guess")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "intake"
    assert attempt.ip_address == OFFICE_IP
    assert "my-secret-guess" not in attempt.post_data + attempt.get_data


# --- Setting up two-factor sign-in -------------------------------------------------------


def test_the_setup_page_shows_a_qr_code_and_the_key(client, intake_user):
    client.force_login(intake_user)
    open_setup_link(client, intake_user)

    response = client.get(SETUP_URL)

    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=intake_user, confirmed=False)
    qr_code = response.context["qr_code"]
    assert f'src="{qr_code}"' in response.text
    assert b64decode(qr_code.removeprefix("data:image/svg+xml;base64,")).startswith(b"<svg")
    assert response.context["secret_key"] in response.text
    assert "no-store" in response["Cache-Control"]
    assert device.config_url.startswith("otpauth://totp/Clinic%3Aintake?")


def test_reloading_the_setup_page_keeps_the_same_key(client, intake_user):
    client.force_login(intake_user)
    open_setup_link(client, intake_user)

    first = client.get(SETUP_URL).context["secret_key"]

    assert client.get(SETUP_URL).context["secret_key"] == first
    assert TOTPDevice.objects.filter(user=intake_user).count() == 1


def test_a_wrong_code_does_not_confirm_the_app(client, intake_user):
    client.force_login(intake_user)
    open_setup_link(client, intake_user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=intake_user)

    response = client.post(SETUP_URL, {"code": f"{(int(app_code(device)) + 1) % 10**6:06d}"})

    assert response.status_code == 200
    assert "That code is not right." in response.text
    device.refresh_from_db()
    assert not device.confirmed


def test_the_right_code_confirms_the_app_and_shows_backup_codes_once(client, intake_user):
    client.force_login(intake_user)
    open_setup_link(client, intake_user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=intake_user)

    response = client.post(SETUP_URL, {"code": app_code(device)})

    assert response.status_code == 200
    assert "Two-factor sign-in is on" in response.text
    device.refresh_from_db()
    assert device.confirmed
    shown = response.context["backup_codes"]
    assert len(shown) == 10
    hashed = BackupCode.objects.filter(device__user=intake_user)
    assert hashed.count() == 10
    for code in shown:
        assert code in response.text
        assert any(backup_codes.code_matches(code, row.hashed) for row in hashed)
    # Setting up counts as the second factor for this session.
    assert client.get("/admin/").status_code == 200


def test_codes_are_refused_for_a_while_after_a_wrong_one(client, intake_user):
    client.force_login(intake_user)
    open_setup_link(client, intake_user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=intake_user)
    client.post(SETUP_URL, {"code": "000000" if app_code(device) != "000000" else "111111"})

    throttled = client.post(SETUP_URL, {"code": app_code(device)})

    assert "Too many wrong codes. Wait 1 second," in throttled.text
    device.refresh_from_db()
    assert not device.confirmed
    let_throttle_pass(device)
    client.post(SETUP_URL, {"code": app_code(device)})
    device.refresh_from_db()
    assert device.confirmed


def test_setting_up_again_replaces_the_old_app_and_backup_codes(client, intake_user):
    old = enrolled_device(intake_user)
    old_backup_code = backup_code(intake_user)
    client.force_login(intake_user)
    client.post(VERIFY_URL, {"code": app_code(old)})
    client.get(SETUP_URL)
    new = TOTPDevice.objects.get(user=intake_user, confirmed=False)

    response = client.post(SETUP_URL, {"code": app_code(new)})

    assert "Two-factor sign-in is on" in response.text
    assert list(TOTPDevice.objects.filter(user=intake_user)) == [new]
    assert old_backup_code not in response.context["backup_codes"]
    assert not any(
        backup_codes.code_matches(old_backup_code, row.hashed)
        for row in BackupCode.objects.filter(device__user=intake_user)
    )


def test_replacing_the_app_needs_no_set_up_link(client, intake_user):
    enrolled_device(intake_user)
    client.force_login(intake_user)
    client.post(VERIFY_URL, {"code": app_code(TOTPDevice.objects.get())})

    response = client.get(SETUP_URL)

    assert response.context["qr_code"]


def test_the_account_page_links_to_two_factor_setup(client, page_editor):
    client.force_login(page_editor)

    response = client.get("/admin/account/")

    assert f'href="{SETUP_URL}"' in response.text


# --- A code used already -------------------------------------------------------------------

JUST_USED = "That code was just used; wait for the next one."


def test_the_code_just_used_at_set_up_is_called_just_used_at_sign_in(client, intake_user):
    client.force_login(intake_user)
    device = set_up_app(client, intake_user)
    used = app_code(device)
    client.post("/admin/logout/")
    sign_in(client, "intake")

    response = client.post(VERIFY_URL, {"code": used})

    assert JUST_USED in response.text
    assert "not right" not in response.text
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # not a guess: no wait added
    # The next code the app shows opens the admin.
    next_code = client.post(VERIFY_URL, {"code": app_code(device, steps_ahead=1)})
    assert next_code.status_code == 302
    assert client.get(ENQUIRIES_URL).status_code == 200


def test_a_code_entered_twice_at_set_up_is_called_just_used(client, intake_user):
    client.force_login(intake_user)
    device = set_up_app(client, intake_user)

    # The button clicked again (or the form sent again) with the same code.
    again = client.post(SETUP_URL, {"code": app_code(device), "device": device.pk})

    assert JUST_USED in again.text
    assert again.context["device_id"] == device.pk  # the same key, not a new one
    response = client.post(
        SETUP_URL, {"code": app_code(device, steps_ahead=1), "device": device.pk}
    )
    assert "Two-factor sign-in is on" in response.text
    assert list(TOTPDevice.objects.filter(user=intake_user, confirmed=True)) == [device]


def test_a_wrong_code_after_one_was_used_is_still_not_right(client, intake_user):
    device = enrolled_device(intake_user)
    sign_in(client, "intake")
    client.post(VERIFY_URL, {"code": app_code(device)})
    client.post("/admin/logout/")
    sign_in(client, "intake")
    wrong = f"{(int(app_code(device)) + 1) % 10**6:06d}"

    response = client.post(VERIFY_URL, {"code": wrong})

    assert "That code is not right." in response.text


# --- Signing in with a code --------------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/", ENQUIRIES_URL, SETUP_URL, "/admin/account/"])
def test_after_the_password_admin_pages_wait_for_the_code(client, intake_user, path):
    enrolled_device(intake_user)
    sign_in(client, "intake")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL)


def test_a_wrong_code_is_refused_and_the_right_one_opens_the_admin(client, intake_user):
    device = enrolled_device(intake_user)
    sign_in(client, "intake")

    wrong = client.post(VERIFY_URL, {"code": "abc", "next": ENQUIRIES_URL})
    assert wrong.status_code == 200
    assert "That code is not right." in wrong.text
    assert client.get(ENQUIRIES_URL)["Location"].startswith(VERIFY_URL)

    let_throttle_pass(device)
    response = client.post(VERIFY_URL, {"code": app_code(device), "next": ENQUIRIES_URL})

    assert response.status_code == 302
    assert response["Location"] == ENQUIRIES_URL
    assert client.get(ENQUIRIES_URL).status_code == 200


def test_a_code_cannot_be_used_twice(client, intake_user):
    device = enrolled_device(intake_user)
    sign_in(client, "intake")
    code = app_code(device)
    client.post(VERIFY_URL, {"code": code})
    client.post("/admin/logout/")
    sign_in(client, "intake")

    response = client.post(VERIFY_URL, {"code": code})

    assert JUST_USED in response.text
    assert client.get(ENQUIRIES_URL)["Location"].startswith(VERIFY_URL)


def test_wrong_codes_make_the_wait_grow(client, intake_user):
    enrolled_device(intake_user)
    sign_in(client, "intake")
    for _ in range(3):
        client.post(VERIFY_URL, {"code": "000000"})
        let_throttle_pass(TOTPDevice.objects.get())
    client.post(VERIFY_URL, {"code": "000000"})

    response = client.post(VERIFY_URL, {"code": "000000"})

    assert "Too many wrong codes. Wait 8 seconds," in response.text
    assert TOTPDevice.objects.get().throttling_failure_count == 4


def test_a_backup_code_works_once(client, intake_user):
    enrolled_device(intake_user)
    code = backup_code(intake_user)
    sign_in(client, "intake")

    response = client.post(VERIFY_URL, {"code": code.upper()}, follow=True)

    assert response.status_code == 200
    assert "You signed in with a backup code; 0 left." in response.text
    client.post("/admin/logout/")
    sign_in(client, "intake")
    again = client.post(VERIFY_URL, {"code": code})
    assert "That backup code has been used already: each works once." in again.text
    assert client.get(ENQUIRIES_URL)["Location"].startswith(VERIFY_URL)


def test_the_code_step_never_sends_people_to_another_site(client, intake_user):
    device = enrolled_device(intake_user)
    sign_in(client, "intake")

    response = client.post(VERIFY_URL, {"code": app_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_signing_out_works_without_the_code(client, intake_user):
    enrolled_device(intake_user)
    sign_in(client, "intake")

    response = client.post("/admin/logout/")

    assert response["Location"] == LOGIN_URL


def test_users_without_a_device_sign_in_with_the_password_when_not_required(client, page_editor):
    sign_in(client, "editor")

    assert client.get("/admin/").status_code == 200


# --- Two-factor sign-in required for enquiries (STAFF_REQUIRE_2FA) -----------------------


@pytest.mark.parametrize("path", ["/admin/", ENQUIRIES_URL])
def test_intake_staff_without_a_device_must_set_one_up(client, intake_user, require_2fa, path):
    client.force_login(intake_user)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)
    setup = client.get(response["Location"])
    assert "Enquiries are health information: set up two-factor sign-in to continue." in (
        setup.text
    )


def test_superusers_must_set_up_a_device_too(client, admin_user, require_2fa):
    client.force_login(admin_user)

    assert client.get("/admin/")["Location"].startswith(SETUP_URL)


def test_editors_without_access_to_enquiries_are_not_forced(client, page_editor, require_2fa):
    client.force_login(page_editor)

    assert client.get("/admin/").status_code == 200


def enquiry_permission_codenames():
    """The permissions Django creates for the Enquiry model: its default ones and any in
    Meta.permissions."""
    meta = Enquiry._meta
    defaults = [f"{action}_{meta.model_name}" for action in meta.default_permissions]
    return [*defaults, *(codename for codename, _ in meta.permissions)]


# One more, as a later change might add (a new Meta permission or a data migration).
ADDED_PERMISSION = "export_enquiry"


def test_the_permissions_below_are_every_permission_on_enquiries(db):
    content_type = ContentType.objects.get_for_model(Enquiry)
    in_database = Permission.objects.filter(content_type=content_type)

    assert set(in_database.values_list("codename", flat=True)) == set(
        enquiry_permission_codenames()
    )


def user_with_one_enquiry_permission(make_user, codename):
    content_type = ContentType.objects.get_for_model(Enquiry)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    group = Group.objects.create(name=f"Only {codename}")
    group.permissions.add(Permission.objects.get(codename="access_admin"), permission)
    return make_user("one-permission", group)


@pytest.mark.parametrize("codename", [*enquiry_permission_codenames(), ADDED_PERMISSION])
@pytest.mark.parametrize("path", ["/admin/", ENQUIRIES_URL])
def test_any_one_permission_on_enquiries_requires_two_factor_sign_in(
    client, make_user, require_2fa, codename, path
):
    client.force_login(user_with_one_enquiry_permission(make_user, codename))

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)


def test_a_permission_given_to_the_person_rather_than_a_group_counts_too(
    client, page_editor, require_2fa
):
    page_editor.user_permissions.add(Permission.objects.get(codename="delete_enquiry"))
    client.force_login(page_editor)

    assert client.get("/admin/")["Location"].startswith(SETUP_URL)


# The listing's exports and the enquiry report hand out many enquiries at once.
BULK_URLS = [
    f"{ENQUIRIES_URL}?export=csv",
    f"{ENQUIRIES_URL}?export=xlsx",
    REPORT_URL,
    f"{REPORT_URL}?export=csv",
    f"{REPORT_URL}?export=xlsx",
]


def exports_recorded():
    return ModelLogEntry.objects.filter(action="intake.export").count()


@pytest.fixture
def an_enquiry(db):
    return Enquiry.objects.create(
        name="Avery Lindqvist", email="avery@example.com", message="Low mood for months."
    )


@pytest.mark.parametrize("path", BULK_URLS)
def test_exports_and_reports_need_two_factor_set_up_first(
    client, intake_user, require_2fa, an_enquiry, path
):
    client.force_login(intake_user)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)
    assert exports_recorded() == 0


@pytest.mark.parametrize("path", BULK_URLS)
def test_exports_and_reports_wait_for_the_code_after_the_password(
    client, intake_user, an_enquiry, path
):
    enrolled_device(intake_user)
    sign_in(client, "intake")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL)
    assert exports_recorded() == 0


@pytest.mark.parametrize("path", BULK_URLS)
def test_exports_and_reports_refuse_an_unverified_session_by_themselves(
    client, intake_user, require_2fa, settings, an_enquiry, path
):
    # Without the middleware (a URL mounted elsewhere, a settings mistake) the views refuse.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("TwoFactorMiddleware")]
    client.force_login(intake_user)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)
    assert exports_recorded() == 0


@pytest.mark.parametrize("path", BULK_URLS)
def test_exports_and_reports_open_after_the_code(
    client, intake_user, require_2fa, an_enquiry, path
):
    device = enrolled_device(intake_user)
    sign_in(client, "intake")
    client.post(VERIFY_URL, {"code": app_code(device)})

    assert client.get(path).status_code == 200


def test_nobody_is_forced_when_not_required(client, intake_user, settings):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(intake_user)

    assert client.get("/admin/").status_code == 200
    assert client.get(ENQUIRIES_URL).status_code == 200


def test_intake_staff_can_sign_out_instead_of_setting_up(client, intake_user, require_2fa):
    client.force_login(intake_user)

    assert client.post("/admin/logout/")["Location"] == LOGIN_URL


def test_intake_staff_reach_the_enquiries_once_set_up(client, intake_user, require_2fa):
    client.force_login(intake_user)
    set_up_app(client, intake_user)

    assert client.get(ENQUIRIES_URL).status_code == 200


# --- Resetting a lost device -------------------------------------------------------------


def test_reset_two_factor_removes_every_device_of_the_user(client, intake_user, require_2fa):
    device = enrolled_device(intake_user)
    backup_code(intake_user)
    client.force_login(intake_user)
    client.post(VERIFY_URL, {"code": app_code(device)})

    call_command("reset_two_factor", "intake", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not TOTPDevice.objects.filter(user=intake_user).exists()
    assert not BackupCodeDevice.objects.filter(user=intake_user).exists()
    # The session verified with the removed device no longer counts: set up a new one.
    assert client.get("/admin/")["Location"].startswith(SETUP_URL)


def test_after_a_reset_a_new_device_needs_a_set_up_link_again(client, intake_user):
    enrolled_device(intake_user)
    output = StringIO()

    call_command("reset_two_factor", "intake", stdout=output)

    assert "manage.py two_factor_link intake" in output.getvalue()
    client.force_login(intake_user)
    assert "You need a set-up link" in client.get(SETUP_URL).text


def test_reset_two_factor_names_an_unknown_username(db):
    with pytest.raises(CommandError, match="No user with the username 'nobody'"):
        call_command("reset_two_factor", "nobody")


# --- Required in every mode; switched off only explicitly, and then said in red -------------

BANNER = "Patient data is not protected: two-factor sign-in is switched off on this site"
ROOT = Path(__file__).resolve().parents[1]


def staff_require_2fa_with(**env):
    """settings.STAFF_REQUIRE_2FA as a fresh process reads it from these variables."""
    clean = {k: v for k, v in os.environ.items() if k != "STAFF_REQUIRE_2FA"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.STAFF_REQUIRE_2FA)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "clinic.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_DEBUG": "1"},  # what `make run` uses
        {"DJANGO_DEBUG": "1", "STAFF_REQUIRE_2FA": ""},
        {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50},
    ],
)
def test_two_factor_sign_in_is_required_in_every_mode_by_default(env):
    result = staff_require_2fa_with(**env)

    assert result.stdout.strip() == "True", result.stderr


def test_only_an_explicit_zero_switches_it_off():
    assert staff_require_2fa_with(DJANGO_DEBUG="1", STAFF_REQUIRE_2FA="0").stdout.strip() == (
        "False"
    )


def test_a_value_that_is_neither_on_nor_off_stops_the_start():
    result = staff_require_2fa_with(DJANGO_DEBUG="1", STAFF_REQUIRE_2FA="maybe")

    assert result.returncode != 0
    assert "STAFF_REQUIRE_2FA='maybe' is neither on (1) nor off (0)" in result.stderr


def test_the_test_settings_keep_the_default():
    assert "STAFF_REQUIRE_2FA" not in (ROOT / "tests" / "settings.py").read_text()


@pytest.mark.parametrize("path", ["/admin/", ENQUIRIES_URL, "/admin/pages/", "/admin/account/"])
def test_switched_off_every_admin_page_says_in_red_that_patient_data_is_not_protected(
    client, admin_user, settings, path
):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(admin_user)

    response = client.get(path)

    assert response.status_code == 200
    assert BANNER in response.text
    assert "data-two-factor-off" in response.text


def test_switched_on_no_banner(admin_client):
    assert BANNER not in admin_client.get("/admin/").text


def test_the_sign_in_page_never_tells_visitors_that_it_is_switched_off(client, db, settings):
    settings.STAFF_REQUIRE_2FA = False

    assert BANNER not in client.get(LOGIN_URL).text
