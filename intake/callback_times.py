"""The call-back times the contact form offers: the parts of the day the clinic is open in.

A part of the day (BestTime) is offered when the clinic is open during it on at least one day,
labelled with the hours it is open then, e.g. "Morning (9am to 12pm)" for a clinic opening at
9am. So a clinic that closes at 5pm never offers an early evening call. A part that is not open
on every open day also names the days it is open on ("Early evening, Monday to Thursday (5pm
to 6pm)"), so nobody asks for a Friday evening call from a clinic that shuts at 2pm then. The
stored value stays the part's key ("morning"), whatever the hours were when it was chosen.
"""

from datetime import time

from django.utils.translation import gettext

from clinic.opening_hours import time_range_text, weekdays_text
from intake.choices import BestTime

# Where each part of the day begins and ends; the clinic's hours narrow them.
PARTS_OF_THE_DAY = {
    BestTime.MORNING: (time.min, time(12)),
    BestTime.AFTERNOON: (time(12), time(17)),
    BestTime.EVENING: (time(17), time.max),
}


def callback_choices(weekly_hours):
    """(value, label) of "any time" and of each part of the day the clinic is open in."""
    choices = [(BestTime.ANY.value, BestTime.ANY.label)]
    every_open_day = weekly_hours.open_weekdays()
    for part, (start, end) in PARTS_OF_THE_DAY.items():
        open_hours = weekly_hours.open_between(start, end)
        if open_hours:
            weekdays = weekly_hours.weekdays_open_between(start, end)
            only_on = weekdays if weekdays != every_open_day else None
            choices.append((part.value, part_label(part, only_on, *open_hours)))
    return choices


def part_label(part, only_on, opens, closes):
    """The part and its hours, and the weekdays it is open on when that isn't every open day."""
    hours = time_range_text(opens, closes)
    if only_on is None:
        return gettext("%(part)s (%(hours)s)") % {"part": part.label, "hours": hours}
    return gettext("%(part)s, %(days)s (%(hours)s)") % {
        "part": part.label,
        "days": weekdays_text(only_on),
        "hours": hours,
    }
