"""Overdue means waiting past the promised working days, counted in opening hours."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from intake.response_time import OpeningHours

CLINIC = ZoneInfo("America/Los_Angeles")
NINE_TO_FIVE = OpeningHours(time(9), time(17))


def at(day, hour, minute=0):
    """A moment in the clinic's zone; 2026-11-30 is a Monday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=CLINIC)


def dec(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=CLINIC)


@pytest.fixture(autouse=True)
def _clinic_time_zone(settings):
    settings.TIME_ZONE = "America/Los_Angeles"


@pytest.mark.parametrize(
    ("now", "cut_off"),
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
def test_the_cut_off_counts_opening_hours_only(now, cut_off):
    assert NINE_TO_FIVE.cut_off(now, working_days=2) == cut_off


def test_a_friday_evening_enquiry_is_not_overdue_on_monday_or_tuesday_morning():
    received = at(27, 19)  # Friday 19:00, after closing
    assert received > NINE_TO_FIVE.cut_off(at(30, 9, 30), working_days=2)  # Monday
    assert received > NINE_TO_FIVE.cut_off(dec(1, 16, 59), working_days=2)  # Tuesday
    assert received <= NINE_TO_FIVE.cut_off(dec(1, 17), working_days=2)  # Tuesday, closing


def test_weekend_opening_counts_saturday():
    with_saturdays = OpeningHours(time(9), time(17), frozenset({0, 1, 2, 3, 4, 5}))
    # Monday 9-10, then Saturday 10-17.
    assert with_saturdays.cut_off(at(30, 10), working_days=1) == at(28, 10)


def test_no_promise_makes_everything_open_overdue_at_once():
    assert NINE_TO_FIVE.cut_off(dec(2, 10), working_days=0) == dec(2, 10)


def test_hours_that_never_open_make_every_open_enquiry_overdue_rather_than_fail():
    never_open = OpeningHours(time(17), time(9))
    assert never_open.cut_off(dec(2, 10), working_days=2) == dec(2, 10)


def test_a_promise_longer_than_a_year_of_opening_hours_still_answers():
    sundays_only = OpeningHours(time(9), time(10), frozenset({6}))
    assert sundays_only.cut_off(dec(2, 10), working_days=500) == dec(2, 10) - timedelta(days=400)
