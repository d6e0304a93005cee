"""Overdue means waiting past the promised working days, counted in opening hours."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from clinic.opening_hours import WeeklyHours
from intake.response_time import cut_off

CLINIC = ZoneInfo("America/Los_Angeles")
MONDAY_TO_FRIDAY = range(5)
NINE_TO_FIVE = WeeklyHours.from_days(dict.fromkeys(MONDAY_TO_FRIDAY, (time(9), time(17))))
# The demo clinic's week: Monday to Thursday 9 to 6, Friday 9 to 2, closed at the weekend.
SHORT_FRIDAY = WeeklyHours.from_days(
    {**dict.fromkeys(range(4), (time(9), time(18))), 4: (time(9), time(14))}
)


def at(day, hour, minute=0):
    """A moment in the clinic's zone; 2026-11-30 is a Monday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=CLINIC)


def dec(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=CLINIC)


@pytest.fixture(autouse=True)
def _clinic_time_zone(settings):
    settings.TIME_ZONE = "America/Los_Angeles"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Wednesday 10:00: two working days back is Monday 10:00.
        (dec(2, 10), at(30, 10)),
        # Monday 10:00: back through the weekend to Thursday 10:00.
        (at(30, 10), at(26, 10)),
        # Tuesday 08:00, before opening: Friday 17:00 and Monday count; cut-off Friday 9:00.
        (dec(1, 8), at(27, 9)),
        # Saturday noon: the week's last two working days are Thursday and Friday.
        (at(28, 12), at(26, 9)),
    ],
)
def test_the_cut_off_counts_opening_hours_only(now, expected):
    assert cut_off(NINE_TO_FIVE, now, working_days=2) == expected


def test_a_friday_evening_enquiry_is_not_overdue_on_monday_or_tuesday_morning():
    received = at(27, 19)  # Friday 19:00, after closing
    assert received > cut_off(NINE_TO_FIVE, at(30, 9, 30), working_days=2)  # Monday
    assert received > cut_off(NINE_TO_FIVE, dec(1, 16, 59), working_days=2)  # Tuesday
    assert received <= cut_off(NINE_TO_FIVE, dec(1, 17), working_days=2)  # Tuesday, closing


def test_weekend_opening_counts_saturday():
    with_saturdays = WeeklyHours.from_days(dict.fromkeys(range(6), (time(9), time(17))))
    # Monday 9-10, then Saturday 10-17.
    assert cut_off(with_saturdays, at(30, 10), working_days=1) == at(28, 10)


def test_no_promise_makes_everything_open_overdue_at_once():
    assert cut_off(NINE_TO_FIVE, dec(2, 10), working_days=0) == dec(2, 10)


def test_hours_that_never_open_make_every_open_enquiry_overdue_rather_than_fail():
    never_open = WeeklyHours.from_days({})
    assert cut_off(never_open, dec(2, 10), working_days=2) == dec(2, 10)


def test_hours_that_close_before_they_open_count_as_closed_rather_than_fail():
    backwards = WeeklyHours.from_days(dict.fromkeys(MONDAY_TO_FRIDAY, (time(17), time(9))))
    assert cut_off(backwards, dec(2, 10), working_days=2) == dec(2, 10)


def test_a_promise_longer_than_a_year_of_opening_hours_still_answers():
    sundays_only = WeeklyHours.from_days({6: (time(9), time(10))})
    assert cut_off(sundays_only, dec(2, 10), working_days=500) == dec(2, 10) - timedelta(days=400)


# --- A short Friday and a closed weekend (the demo clinic's week) ---------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Monday 10:00: back through the closed weekend; the short Friday is one whole
        # working day, so two working days back is Thursday 10:00.
        (at(30, 10), at(26, 10)),
        # Friday 11:30, halfway through its five hours: halfway through Wednesday's nine.
        (at(27, 11, 30), at(25, 13, 30)),
        # Saturday and Sunday count nothing: the cut-off at any moment of the weekend is
        # the one at Friday's closing, the opening of Thursday.
        (at(28, 12), at(26, 9)),
        (at(29, 23), at(26, 9)),
        # Tuesday 18:30, after closing: Tuesday and Monday have passed whole, so everything
        # that came in before Monday's opening is overdue.
        (dec(1, 18, 30), at(30, 9)),
    ],
)
def test_a_short_friday_and_a_closed_weekend(now, expected):
    assert cut_off(SHORT_FRIDAY, now, working_days=2) == expected


def test_an_enquiry_on_a_short_friday_afternoon_is_due_at_the_same_point_of_monday():
    received = at(27, 13)  # Friday 13:00, four fifths of Friday's hours gone
    due = at(30, 9) + timedelta(hours=9) * 4 / 5  # four fifths of Monday's: 16:12
    assert received > cut_off(SHORT_FRIDAY, due - timedelta(seconds=1), working_days=1)
    assert received <= cut_off(SHORT_FRIDAY, due, working_days=1)
