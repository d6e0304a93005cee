# The content version's model moved here from the clinic app; its table, made by
# clinic.0004_content_version, keeps its name and rows, so only Django's record of the model
# moves (clinic.0013 forgets it there).

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clinic", "0004_content_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("value", models.BigIntegerField()),
                    ],
                    options={
                        "verbose_name": "content version",
                        "db_table": "clinic_contentversion",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
