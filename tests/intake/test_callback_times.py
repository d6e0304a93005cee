"""The contact form's call-back times come from the opening hours: only the parts of the day
the clinic is open in, each with the hours it is open then (and the days, when it is not open
then every open day), in the reader's language; the stored value stays the part's key, and
staff see the part."""

from datetime import time

from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from clinic.opening_hours import WeeklyHours
from intake.models import Enquiry
from tests.fixtures.intake import CONTACT_URL
from tests.intake.test_front_desk import page_url

SPANISH_CONTACT_URL = "/es/contacto/"


def callback_choices(client, url=CONTACT_URL):
    """{value: label} of the "Best time to reach you" radios, as the page shows them."""
    soup = WagtailTestUtils.get_soup(client.get(url).content)
    return {
        radio["value"]: soup.select_one(f"label[for={radio['id']}]").get_text(strip=True)
        for radio in soup.select("input[type=radio][name=best_time]")
    }


def set_hours(clinic_settings, hours_by_weekday):
    for name, value in WeeklyHours.from_days(hours_by_weekday).as_fields().items():
        setattr(clinic_settings, name, value)
    clinic_settings.save()


def test_the_demo_offers_each_part_of_the_day_clipped_to_its_hours(client, clinic_settings):
    assert callback_choices(client) == {
        "any": "Any time",
        "morning": "Morning (9am to 12pm)",
        "afternoon": "Afternoon (12pm to 5pm)",
        # Monday to Thursday are open until 6pm, so an early evening call is possible, but
        # not on Friday, when the clinic closes at 2pm (clinical review 10, m8).
        "evening": "Early evening, Monday to Thursday (5pm to 6pm)",
    }


def test_spanish_readers_see_the_times_in_spanish(client, bilingual_demo_site):
    assert callback_choices(client, SPANISH_CONTACT_URL) == {
        "any": "A cualquier hora",
        "morning": "Por la mañana (de 9:00 a 12:00)",
        "afternoon": "Por la tarde (de 12:00 a 17:00)",
        "evening": "Al final de la tarde, lunes a jueves (de 17:00 a 18:00)",
    }


def test_no_early_evening_when_no_day_is_open_past_five(client, clinic_settings):
    set_hours(clinic_settings, dict.fromkeys(range(5), (time(8, 30), time(17))))

    assert callback_choices(client) == {
        "any": "Any time",
        "morning": "Morning (8:30am to 12pm)",
        "afternoon": "Afternoon (12pm to 5pm)",
    }


def test_a_part_open_on_one_day_only_is_offered_with_that_days_hours(client, clinic_settings):
    # Afternoons only, but late on Wednesdays.
    set_hours(
        clinic_settings,
        {**dict.fromkeys(range(5), (time(13), time(16))), 2: (time(13), time(19, 30))},
    )

    assert callback_choices(client) == {
        "any": "Any time",
        "afternoon": "Afternoon (1pm to 5pm)",
        "evening": "Early evening, Wednesday (5pm to 7:30pm)",
    }


def test_a_part_open_on_every_open_day_names_no_days(client, clinic_settings):
    # Tuesday and Thursday only, both until 7pm.
    set_hours(clinic_settings, dict.fromkeys((1, 3), (time(9), time(19))))

    assert callback_choices(client)["evening"] == "Early evening (5pm to 7pm)"


def test_the_days_a_part_is_open_on_are_named_three_or_more_in_a_row_as_a_range(
    client, clinic_settings
):
    # Late every day but Wednesday, which closes at 5pm.
    set_hours(
        clinic_settings,
        {**dict.fromkeys(range(7), (time(9), time(18))), 2: (time(9), time(17))},
    )

    assert callback_choices(client)["evening"] == (
        "Early evening, Monday, Tuesday, Thursday to Sunday (5pm to 6pm)"
    )


def test_a_part_the_clinic_is_closed_in_cannot_be_sent(submit, form_data, clinic_settings):
    set_hours(clinic_settings, dict.fromkeys(range(5), (time(9), time(17))))
    form_data["best_time"] = "evening"

    response = submit(form_data)

    assert response.status_code == 200
    assert response.context["form"].errors["best_time"] == [
        "Select a valid choice. evening is not one of the available choices."
    ]
    assert not Enquiry.objects.exists()


def test_the_enquiry_keeps_the_parts_key_and_staff_see_the_part(submit, form_data, intake_client):
    form_data["best_time"] = "evening"

    assert submit(form_data).status_code == 302

    enquiry = Enquiry.objects.get()
    assert enquiry.best_time == "evening"
    html = intake_client.get(page_url(enquiry)).content.decode()
    assert "Best time: Early evening" in html


def test_an_earlier_choice_still_reads_after_the_hours_change(
    make_enquiry, clinic_settings, intake_client
):
    enquiry = make_enquiry(best_time="evening")
    set_hours(clinic_settings, dict.fromkeys(range(5), (time(9), time(17))))

    html = intake_client.get(page_url(enquiry)).content.decode()

    assert "Best time: Early evening" in html
