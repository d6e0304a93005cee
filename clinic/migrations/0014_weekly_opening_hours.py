"""Opening hours per weekday (clinic/opening_hours.py) in place of one working day beside
free text: each weekday opens and closes, or is closed (both empty).

The new hours come from the old working day: Monday to Friday, and Saturday and Sunday where
the clinic was open on them, at the working day's times; a working day that closed before it
opened (never open) makes every day closed. The free-text hours go: the hours shown are
written from the structure now. Going back, the working day is the first open day's hours."""

import datetime

from django.db import migrations, models

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONDAY_TO_FRIDAY = WEEKDAYS[:5]


def opening_time(day, which, default=None):
    return models.TimeField(
        f"{day.capitalize()} {which}", null=True, blank=True, default=default
    )


def add_day(day):
    opens, closes = (datetime.time(9), datetime.time(17)) if day in MONDAY_TO_FRIDAY else (None, None)
    return [
        migrations.AddField("clinicsettings", f"{day}_opens", opening_time(day, "opens", opens)),
        migrations.AddField("clinicsettings", f"{day}_closes", opening_time(day, "closes", closes)),
    ]


def days_open(settings):
    open_days = list(MONDAY_TO_FRIDAY)
    if settings.open_on_saturdays:
        open_days.append("saturday")
    if settings.open_on_sundays:
        open_days.append("sunday")
    return open_days


def fill_weekly_hours(apps, schema_editor):
    ClinicSettings = apps.get_model("clinic", "ClinicSettings")
    for settings in ClinicSettings.objects.all():
        opens, closes = settings.working_day_opens, settings.working_day_closes
        open_days = days_open(settings) if closes > opens else []
        for day in WEEKDAYS:
            setattr(settings, f"{day}_opens", opens if day in open_days else None)
            setattr(settings, f"{day}_closes", closes if day in open_days else None)
        settings.save()


def fill_working_day(apps, schema_editor):
    ClinicSettings = apps.get_model("clinic", "ClinicSettings")
    for settings in ClinicSettings.objects.all():
        open_days = [day for day in WEEKDAYS if getattr(settings, f"{day}_opens") is not None]
        if open_days:
            settings.working_day_opens = getattr(settings, f"{open_days[0]}_opens")
            settings.working_day_closes = getattr(settings, f"{open_days[0]}_closes")
        settings.open_on_saturdays = "saturday" in open_days
        settings.open_on_sundays = "sunday" in open_days
        settings.save()


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0013_content_version_moves_to_caching"),
    ]

    operations = [
        *(operation for day in WEEKDAYS for operation in add_day(day)),
        migrations.RunPython(fill_weekly_hours, fill_working_day),
        *(
            migrations.RemoveField("clinicsettings", name)
            for name in (
                "working_day_opens",
                "working_day_closes",
                "open_on_saturdays",
                "open_on_sundays",
                "opening_hours",
                "opening_hours_spanish",
            )
        ),
        migrations.AlterField(
            model_name="clinicsettings",
            name="reply_within_working_days",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="The reply time the contact page promises. Open enquiries older "
                "than this, counted in the opening hours (Contact tab), are marked overdue.",
                verbose_name="reply within (working days)",
            ),
        ),
    ]
