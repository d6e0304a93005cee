# The content version's model is the caching app's now (caching.0001_initial); the table
# stays as it is.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0012_alter_homepage_body_alter_standardpage_body"),
        ("caching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
