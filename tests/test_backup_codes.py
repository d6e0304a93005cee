"""Backup codes are kept only as salted HMAC-SHA256 hashes, and the migration that brought
them in hashed the plain-text codes django-otp's static device held, and deleted those."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from intake.demo import ensure_intake_group
from staff_access import backup_codes
from staff_access.devices import replace_backup_codes
from staff_access.models import BackupCode, BackupCodeDevice
from tests.two_factor import authenticator

PASSWORD = "a-long-test-password"
VERIFY_URL = "/admin/two-factor/verify/"
ENQUIRIES_URL = "/admin/enquiries/"


@pytest.fixture
def intake_user(db, django_user_model):
    user = django_user_model.objects.create_user("intake", "intake@example.com", PASSWORD)
    user.groups.add(ensure_intake_group())
    authenticator(user)
    return user


def sign_in_with_code(code):
    client = Client()
    client.post("/admin/login/", {"username": "intake", "password": PASSWORD})
    return client, client.post(VERIFY_URL, {"code": code}, follow=True)


def test_codes_are_stored_as_salted_hashes_only(intake_user):
    codes = replace_backup_codes(intake_user)

    stored = list(BackupCode.objects.filter(device__user=intake_user))
    assert len(stored) == len(codes) == 10
    for row in stored:
        assert row.hashed.startswith("hmac-sha256$")
        assert not any(code in row.hashed for code in codes)
    assert len({row.hashed.split("$")[1] for row in stored}) == 10  # a salt each


def test_the_same_code_hashes_differently_each_time():
    assert backup_codes.hash_code("abcd2345") != backup_codes.hash_code("abcd2345")


def test_a_hash_is_useless_without_the_secret_key(settings):
    hashed = backup_codes.hash_code("abcd2345")

    settings.SECRET_KEY = "another-secret-key-altogether-" * 2

    assert not backup_codes.code_matches("abcd2345", hashed)


def test_codes_survive_a_secret_key_rotation_with_the_old_key_as_fallback(settings):
    hashed = backup_codes.hash_code("abcd2345")
    old_key = settings.SECRET_KEY

    settings.SECRET_KEY = "the-new-secret-key-of-the-site-" * 2
    settings.SECRET_KEY_FALLBACKS = [old_key]

    assert backup_codes.code_matches("abcd2345", hashed)
    assert not backup_codes.code_matches("abcd2346", hashed)


def test_a_backup_code_signs_in_once_and_is_then_marked_used(intake_user):
    code = replace_backup_codes(intake_user)[3]

    client, response = sign_in_with_code(code)

    assert "You signed in with a backup code; 9 left." in response.text
    assert client.get(ENQUIRIES_URL).status_code == 200
    used = BackupCode.objects.get(used_at__isnull=False)
    assert backup_codes.code_matches(code, used.hashed)


def run_hashing_migration():
    migration = importlib.import_module("staff_access.migrations.0002_hash_backup_codes")
    migration.hash_backup_codes(apps, schema_editor=None)


def test_the_migration_hashes_the_plain_codes_and_deletes_them(intake_user):
    old = StaticDevice.objects.create(user=intake_user, name="Backup codes", confirmed=True)
    old.token_set.create(token="abcd2345")
    old.token_set.create(token="efgh6789")

    run_hashing_migration()

    assert not StaticDevice.objects.exists()
    assert not StaticToken.objects.exists()
    device = BackupCodeDevice.objects.get(user=intake_user)
    assert device.confirmed
    hashed = [row.hashed for row in device.codes.all()]
    assert len(hashed) == 2
    assert not any("abcd2345" in value or "efgh6789" in value for value in hashed)
    # The codes people wrote down still sign them in, once.
    client, response = sign_in_with_code("abcd2345")
    assert client.get(ENQUIRIES_URL).status_code == 200
    _, again = sign_in_with_code("abcd2345")
    assert "That backup code has been used already" in again.text
