"""Take the search words out of every "List or search enquiries" audit entry written so far.

Staff searched the listing by people's names, emails and phone numbers, and the entries
outlive the enquiries: an erased person stayed named in the log. Entries now record only
that a search was made (intake.actions.record_listing); the older ones are made the same.
The words cannot come back, so the reverse does nothing.
"""

from django.db import migrations

BATCH_SIZE = 500


def redact_search_words(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = ContentType.objects.filter(app_label="intake", model="enquiry").first()
    if content_type is None:
        return  # a new database: no entries yet
    entries = ModelLogEntry.objects.filter(
        content_type=content_type, action="intake.list", data__has_key="query"
    )
    batch = []
    for entry in entries.iterator(chunk_size=BATCH_SIZE):
        entry.data = without_words(entry.data)
        batch.append(entry)
        if len(batch) == BATCH_SIZE:
            ModelLogEntry.objects.bulk_update(batch, ["data"])
            batch = []
    ModelLogEntry.objects.bulk_update(batch, ["data"])


def without_words(data):
    # The same as intake.actions.redacted_listing_data, frozen as migrations must be.
    kept = {key: value for key, value in data.items() if key != "query"}
    return {**kept, "searched": bool(data.get("query"))}


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_crisis_self_report_and_evidence"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(redact_search_words, migrations.RunPython.noop)]
