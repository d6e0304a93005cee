"""The clinic's opening hours, one per weekday in Clinic settings: shown on every page in the
language being read, edited as seven rows in the admin (with errors that say what to fix), and
carried over from the old single working day by the migration."""

from datetime import time

import pytest
from django.utils import translation
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from clinic.opening_hours import WeeklyHours
from clinic.site_settings import ClinicSettings
from tests.intake.test_crisis_text_permissions import settings_edit_url, shown_form
from tests.migration_steps import migrate, migrate_to_the_latest

NINE_TO_FIVE = (time(9), time(17))
BEFORE = ("clinic", "0013_content_version_moves_to_caching")


def footer_hours(html):
    """The lines under the footer's "Opening hours" (or "Horario de atención") heading."""
    footer = html[html.index('<footer class="site-footer"') :]
    hours = footer[footer.index("site-footer__subheading") :]
    hours = hours[hours.index("<ul") : hours.index("</ul>")]
    return [line.split("</li>")[0] for line in hours.split("<li>")[1:]]


def english_lines(hours_by_weekday):
    with translation.override("en"):
        return WeeklyHours.from_days(hours_by_weekday).lines()


# --- The hours shown ------------------------------------------------------------------------


def test_every_page_shows_the_demo_hours_with_equal_days_on_one_line(client, demo_site):
    html = client.get("/about/").content.decode()

    assert footer_hours(html) == [
        "Monday to Thursday: 9am to 6pm",
        "Friday: 9am to 2pm",
        "Saturday and Sunday: closed",
    ]


def test_spanish_pages_show_the_hours_in_spanish(client, bilingual_demo_site):
    html = client.get("/es/").content.decode()

    assert footer_hours(html) == [
        "Lunes a jueves: de 9:00 a 18:00",
        "Viernes: de 9:00 a 14:00",
        "Sábado y domingo: cerrado",
    ]


def test_changed_hours_show_on_the_next_page_view(client, clinic_settings):
    client.get("/about/")  # cached with the demo's hours
    clinic_settings.saturday_opens, clinic_settings.saturday_closes = time(9, 30), time(12, 45)
    clinic_settings.save()

    html = client.get("/about/").content.decode()

    assert footer_hours(html)[-2:] == ["Saturday: 9:30am to 12:45pm", "Sunday: closed"]


@pytest.mark.parametrize(
    ("hours", "lines"),
    [
        (dict.fromkeys(range(7), NINE_TO_FIVE), ["Monday to Sunday: 9am to 5pm"]),
        ({}, ["Monday to Sunday: closed"]),
        (
            {0: NINE_TO_FIVE, 1: NINE_TO_FIVE, 3: (time(12), time(20))},
            [
                "Monday and Tuesday: 9am to 5pm",
                "Wednesday: closed",
                "Thursday: 12pm to 8pm",
                "Friday to Sunday: closed",
            ],
        ),
        # Days with the same hours that are not next to each other stay apart.
        (
            {0: NINE_TO_FIVE, 2: NINE_TO_FIVE},
            [
                "Monday: 9am to 5pm",
                "Tuesday: closed",
                "Wednesday: 9am to 5pm",
                "Thursday to Sunday: closed",
            ],
        ),
        ({6: (time(0), time(23, 59))}, ["Monday to Saturday: closed", "Sunday: 12am to 11:59pm"]),
    ],
)
def test_runs_of_days_with_the_same_hours_share_a_line(hours, lines):
    assert english_lines(hours) == lines


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (
            {**dict.fromkeys(range(4), (time(9), time(18))), 4: (time(9), time(14))},
            "Monday to Thursday 9am to 6pm, Friday 9am to 2pm",
        ),
        (
            {0: NINE_TO_FIVE, 2: (time(8, 30), time(12))},
            "Monday 9am to 5pm, Wednesday 8:30am to 12pm",
        ),
        ({}, ""),
    ],
)
def test_the_open_days_in_one_phrase_leave_out_the_closed_ones(hours, text):
    with translation.override("en"):
        assert WeeklyHours.from_days(hours).open_days_text() == text


def test_the_open_days_in_spanish():
    hours = {**dict.fromkeys(range(4), (time(9), time(18))), 4: (time(9), time(14))}

    with translation.override("es"):
        text = WeeklyHours.from_days(hours).open_days_text()

    assert text == "lunes a jueves de 9:00 a 18:00, viernes de 9:00 a 14:00"


# --- Editing them in the admin --------------------------------------------------------------


def opening_hours_form(admin_client, demo_site):
    data, _ = shown_form(admin_client, settings_edit_url(demo_site.get_site()))
    return data


def save_hours(admin_client, demo_site, **changes):
    """Post the Clinic settings form as shown, with `changes`; the response."""
    data = {**opening_hours_form(admin_client, demo_site), **changes}
    return admin_client.post(settings_edit_url(demo_site.get_site()), data)


def saved_settings(demo_site):
    return ClinicSettings.objects.get(site=demo_site.get_site())


def test_the_admin_shows_a_row_of_two_times_for_each_day(admin_client, demo_site):
    response = admin_client.get(settings_edit_url(demo_site.get_site()))
    panel = WagtailTestUtils.get_soup(response.content).select_one(
        "#panel-child-contact-opening_hours-section"
    )
    data = opening_hours_form(admin_client, demo_site)

    assert panel.select_one("h2").get_text(strip=True) == "Opening hours"
    rows = panel.select(".w-field-row")
    assert [row.find_previous_sibling("h3").get_text(strip=True) for row in rows] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [label.get_text(strip=True) for label in rows[0].select("label")] == [
        "Opens",
        "Closes",
    ]
    assert data["monday_opens"] == "09:00" and data["monday_closes"] == "18:00"
    assert data["friday_closes"] == "14:00"
    assert data["sunday_opens"] == data["sunday_closes"] == ""


def test_an_editor_opens_on_saturdays_and_closes_on_fridays(admin_client, demo_site):
    response = save_hours(
        admin_client,
        demo_site,
        saturday_opens="10:00",
        saturday_closes="13:00",
        friday_opens="",
        friday_closes="",
    )

    assert response.status_code == 302
    hours = saved_settings(demo_site).weekly_hours
    assert hours.days[4] is None
    assert (hours.days[5].opens, hours.days[5].closes) == (time(10), time(13))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"saturday_opens": "10:00"},
            "saturday_closes",
            "Enter the time Saturday closes, or leave both times empty if the clinic is "
            "closed that day.",
        ),
        (
            {"monday_opens": ""},
            "monday_opens",
            "Enter the time Monday opens, or leave both times empty if the clinic is closed "
            "that day.",
        ),
        (
            {"friday_closes": "08:30"},
            "friday_closes",
            "Friday must close after it opens (9am).",
        ),
        ({"friday_closes": "09:00"}, "friday_closes", "Friday must close after it opens (9am)."),
    ],
)
def test_a_day_with_one_time_or_closing_before_it_opens_is_refused_with_what_to_fix(
    admin_client, demo_site, changes, field, message
):
    response = save_hours(admin_client, demo_site, **changes)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert saved_settings(demo_site).weekly_hours.days[4].closes == time(14)


# --- The migration from one working day -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_the_working_day_over_to_each_open_weekday(demo_site):
    site = demo_site.get_site()
    try:
        # Back: the old working day is the first open day's hours (the demo's Monday).
        old_settings = migrate(BEFORE).get_model("clinic", "ClinicSettings")
        old = old_settings.objects.get(site_id=site.pk)
        assert (old.working_day_opens, old.working_day_closes) == (time(9), time(18))
        assert not old.open_on_saturdays and not old.open_on_sundays

        old.working_day_opens, old.working_day_closes = time(8, 30), time(16)
        old.open_on_saturdays = True
        old.save()
    finally:
        migrate_to_the_latest()

    hours = ClinicSettings.objects.get(site=site).weekly_hours
    eight_thirty_to_four = (time(8, 30), time(16))
    assert [(day.opens, day.closes) if day else None for day in hours.days] == [
        *[eight_thirty_to_four] * 6,
        None,
    ]


@pytest.mark.django_db(transaction=True)
def test_a_working_day_that_never_opened_becomes_a_week_closed(demo_site):
    site = demo_site.get_site()
    try:
        old = migrate(BEFORE).get_model("clinic", "ClinicSettings").objects.get(site_id=site.pk)
        old.working_day_opens, old.working_day_closes = time(17), time(9)
        old.save()
    finally:
        migrate_to_the_latest()

    assert not ClinicSettings.objects.get(site=site).weekly_hours.ever_open
