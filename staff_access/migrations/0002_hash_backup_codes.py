"""Move every backup code out of django-otp's static device, where it sat in plain text, into
BackupCodeDevice as a salted hash, and delete the plain ones.

Codes already used are gone from the static device, so nothing else moves. Going back cannot
bring the plain codes back: it deletes the hashed ones, and their owners issue new codes by
setting up their app again (or an administrator resets them)."""

from django.db import migrations

from staff_access.backup_codes import hash_code


def hash_backup_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    BackupCodeDevice = apps.get_model("staff_sign_in", "BackupCodeDevice")
    BackupCode = apps.get_model("staff_sign_in", "BackupCode")
    for old in StaticDevice.objects.all():
        new = BackupCodeDevice.objects.create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            throttling_failure_timestamp=old.throttling_failure_timestamp,
            throttling_failure_count=old.throttling_failure_count,
            last_used_at=old.last_used_at,
        )
        BackupCode.objects.bulk_create(
            BackupCode(device=new, hashed=hash_code(token.token))
            for token in old.token_set.all()
        )
        old.delete()  # and its plain-text tokens with it


def delete_hashed_codes(apps, schema_editor):
    apps.get_model("staff_sign_in", "BackupCodeDevice").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff_sign_in", "0001_backup_codes_and_setup_links"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_backup_codes, delete_hashed_codes)]
