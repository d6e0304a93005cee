"""Erasures made before the erasure ledger existed: the audit log recorded each one
("intake.erase": the enquiry's number and the time), so the ledger starts with them all."""

from django.db import migrations


def ledger_from_audit_log(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Erasure = apps.get_model("backups", "Erasure")
    enquiry_type = ContentType.objects.filter(app_label="intake", model="enquiry").first()
    if enquiry_type is None:
        return
    erased = ModelLogEntry.objects.filter(content_type=enquiry_type, action="intake.erase")
    Erasure.objects.bulk_create(
        [
            Erasure(record_type="intake.enquiry", record_id=object_id, erased_at=timestamp)
            for object_id, timestamp in erased.values_list("object_id", "timestamp")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_listing_searches_without_words"),
        ("backups", "0001_erasure_ledger_and_backup_runs"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(ledger_from_audit_log, migrations.RunPython.noop)]
