"""`manage.py ensure_admin` (run by `make run`): the superuser `admin` and its password, from
DJANGO_SUPERUSER_PASSWORD or generated once and kept in var/admin-password.txt."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.two_factor import app_code, authenticator

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path, monkeypatch):
    """A fresh checkout's var/ folder in a temporary directory, and no password in the
    environment."""
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    settings.BASE_DIR = tmp_path
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def ensure_admin():
    output = StringIO()
    call_command("ensure_admin", stdout=output)
    return output.getvalue()


def admin_accounts():
    return get_user_model().objects.filter(username="admin")


def test_creates_the_superuser_admin_with_a_generated_password_kept_in_var(var_dir):
    output = ensure_admin()

    password = (var_dir / "admin-password.txt").read_text().strip()
    admin = admin_accounts().get()
    assert admin.is_superuser and admin.is_staff
    assert len(password) >= 12 and admin.check_password(password)
    assert f"Admin login: admin / {password}" in output
    assert (var_dir / "admin-password.txt").stat().st_mode & 0o077 == 0  # owner only


def test_a_second_run_keeps_the_one_admin_and_its_password(var_dir):
    ensure_admin()
    password = (var_dir / "admin-password.txt").read_text().strip()

    output = ensure_admin()

    assert admin_accounts().count() == 1
    assert admin_accounts().get().check_password(password)
    assert (var_dir / "admin-password.txt").read_text().strip() == password
    assert password not in output  # printed once only
    assert "password in var/admin-password.txt" in output


def test_a_new_database_reuses_the_password_file(var_dir):
    ensure_admin()
    password = (var_dir / "admin-password.txt").read_text().strip()
    admin_accounts().delete()  # e.g. var/db.sqlite3 removed, the password file kept

    ensure_admin()

    assert admin_accounts().get().check_password(password)


def test_uses_django_superuser_password_and_never_prints_it(var_dir, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-password-from-the-environment")

    output = ensure_admin()

    assert admin_accounts().get().check_password("a-password-from-the-environment")
    assert "a-password-from-the-environment" not in output
    assert "from DJANGO_SUPERUSER_PASSWORD" in output
    assert not (var_dir / "admin-password.txt").exists()


def test_django_superuser_password_replaces_the_password_of_an_existing_admin(var_dir, monkeypatch):
    ensure_admin()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-password-from-the-environment")

    ensure_admin()

    assert admin_accounts().count() == 1
    assert admin_accounts().get().check_password("a-password-from-the-environment")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-pw", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("839201748302", "This password is entirely numeric."),
        ("admin@example.com", "The password is too similar to the email address."),
    ],
)
def test_a_weak_password_in_the_environment_is_refused_with_the_reason(
    var_dir, monkeypatch, password, reason
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)

    with pytest.raises(CommandError) as refused:
        ensure_admin()

    message = str(refused.value)
    assert message.startswith("DJANGO_SUPERUSER_PASSWORD is too weak for the admin account:")
    assert reason in message
    assert password not in message
    assert not admin_accounts().exists()


def test_a_weak_password_leaves_an_existing_admin_as_it_was(var_dir, monkeypatch):
    ensure_admin()
    password = (var_dir / "admin-password.txt").read_text().strip()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "password1234")

    with pytest.raises(CommandError):
        ensure_admin()

    assert admin_accounts().get().check_password(password)


# --- A two-factor set-up link for the admin (two-factor sign-in is required of it) ----------

SETUP_LINK = re.compile(
    r"open this link within 24 hours and sign in as admin \(it works once\):\n"
    r"  http://testserver(/admin/two-factor/setup/link/[\w-]+/)"
)


def printed_setup_link(output):
    found = SETUP_LINK.search(output)
    assert found, output
    return found.group(1)


def sign_in_as_admin(var_dir):
    client = Client()
    password = (var_dir / "admin-password.txt").read_text().strip()
    client.post("/admin/login/", {"username": "admin", "password": password})
    return client


def test_prints_a_setup_link_with_which_the_admin_sets_up_two_factor_sign_in(var_dir):
    path = printed_setup_link(ensure_admin())
    client = sign_in_as_admin(var_dir)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")

    assert client.get(path)["Location"] == "/admin/two-factor/setup/"
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user__username="admin", confirmed=False)
    response = client.post(
        "/admin/two-factor/setup/", {"code": app_code(device), "device": device.pk}
    )

    assert "Two-factor sign-in is on" in response.text
    assert client.get("/admin/enquiries/").status_code == 200


def test_without_the_link_the_admins_password_alone_opens_no_enquiries(var_dir):
    ensure_admin()
    client = sign_in_as_admin(var_dir)

    setup = client.get("/admin/two-factor/setup/")

    assert "You need a set-up link" in setup.text
    assert client.get("/admin/enquiries/")["Location"].startswith("/admin/two-factor/setup/")


def test_each_run_prints_a_new_link_and_the_old_one_stops_working(var_dir):
    first = printed_setup_link(ensure_admin())
    second = printed_setup_link(ensure_admin())
    client = sign_in_as_admin(var_dir)

    assert client.get(first).status_code == 404
    assert client.get(second)["Location"] == "/admin/two-factor/setup/"


def test_no_link_once_the_admin_has_two_factor_sign_in(var_dir):
    ensure_admin()
    authenticator(admin_accounts().get())

    output = ensure_admin()

    assert "two-factor" not in output
