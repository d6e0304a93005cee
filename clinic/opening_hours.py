"""The clinic's opening hours: for each weekday an opening and a closing time, or closed.

One structure (Clinic settings, seven rows of two times) drives everything that depends on
the hours: the hours shown in the footer (in the language being read), the clock that counts
the promised reply time (intake/response_time.py) and the call-back times the contact form
offers (intake/callback_times.py).
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import dateformat, timezone
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

# Monday is 0, as date.weekday() counts; each day's fields are <day>_opens and <day>_closes.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def opens_field(weekday):
    return f"{WEEKDAYS[weekday]}_opens"


def closes_field(weekday):
    return f"{WEEKDAYS[weekday]}_closes"


@dataclass(frozen=True)
class DayHours:
    opens: time
    closes: time

    def open_between(self, start, end):
        """The part of these hours inside [start, end], or None if they don't meet."""
        opens, closes = max(self.opens, start), min(self.closes, end)
        return (opens, closes) if opens < closes else None


def day_hours(opens, closes):
    """One day's hours, or None for a closed day. Hours that close before they open (the
    form refuses them, a row saved another way may hold them) count as closed."""
    if opens is None or closes is None or closes <= opens:
        return None
    return DayHours(opens, closes)


@dataclass(frozen=True)
class WeeklyHours:
    days: tuple  # seven DayHours or None (closed), Monday first

    @classmethod
    def from_days(cls, hours_by_weekday):
        """From {weekday: (opens, closes)}; the days left out are closed."""
        return cls(
            tuple(day_hours(*hours_by_weekday.get(weekday, (None, None))) for weekday in range(7))
        )

    @classmethod
    def from_fields(cls, obj):
        """From the <day>_opens and <day>_closes attributes of `obj` (ClinicSettings)."""
        return cls(
            tuple(
                day_hours(getattr(obj, opens_field(day)), getattr(obj, closes_field(day)))
                for day in range(7)
            )
        )

    def as_fields(self):
        """{field name: time or None}, as ClinicSettings stores them."""
        fields = {}
        for weekday, hours in enumerate(self.days):
            fields[opens_field(weekday)] = hours.opens if hours else None
            fields[closes_field(weekday)] = hours.closes if hours else None
        return fields

    @property
    def ever_open(self):
        return any(self.days)

    def open_on(self, day):
        """The opening and closing moment of that date in the current time zone, or None."""
        hours = self.days[day.weekday()]
        if hours is None:
            return None
        zone = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(day, hours.opens), zone),
            timezone.make_aware(datetime.combine(day, hours.closes), zone),
        )

    def open_between(self, start, end):
        """The earliest opening and latest closing time inside [start, end] over all the
        days, or None when no day is open then."""
        parts = [hours.open_between(start, end) for hours in self.days if hours]
        parts = [part for part in parts if part]
        if not parts:
            return None
        return min(opens for opens, _ in parts), max(closes for _, closes in parts)

    def open_weekdays(self):
        """The weekdays the clinic opens on at all, Monday first."""
        return [weekday for weekday, hours in enumerate(self.days) if hours]

    def weekdays_open_between(self, start, end):
        """The weekdays the clinic is open on at some time inside [start, end]."""
        return [
            weekday
            for weekday, hours in enumerate(self.days)
            if hours and hours.open_between(start, end)
        ]

    def lines(self):
        """The week in the language being read, consecutive days with the same hours on one
        line: "Monday to Thursday: 9am to 6pm", "Saturday and Sunday: closed"."""
        return [
            gettext("%(days)s: %(hours)s")
            % {"days": capfirst(days_text(first, last)), "hours": hours_text(hours)}
            for first, last, hours in self.runs()
        ]

    def open_days_text(self):
        """The days the clinic is open and their hours, in one phrase to end a sentence with
        ("We're open ..."): "Monday to Thursday 9am to 6pm, Friday 9am to 2pm". Closed days
        are left out; "" when no day is open. Nothing in it depends on today's date, so a
        cached page stays true."""
        return ", ".join(
            pgettext("days of the week and their opening hours", "%(days)s %(hours)s")
            % {"days": days_text(first, last), "hours": hours_text(hours)}
            for first, last, hours in self.runs()
            if hours is not None
        )

    def runs(self):
        """(first weekday, last weekday, hours) for each run of days with the same hours."""
        runs = []
        for weekday, hours in enumerate(self.days):
            if runs and runs[-1][2] == hours:
                runs[-1] = (runs[-1][0], weekday, hours)
            else:
                runs.append((weekday, weekday, hours))
        return runs


def days_text(first, last):
    if first == last:
        return str(WEEKDAY_NAMES[first])
    names = {"first": WEEKDAY_NAMES[first], "last": WEEKDAY_NAMES[last]}
    if last == first + 1:
        return pgettext("two days of the week", "%(first)s and %(last)s") % names
    return pgettext("a range of days of the week", "%(first)s to %(last)s") % names


def weekdays_text(weekdays):
    """Some weekdays in the language being read, three or more in a row as one range:
    "Monday to Thursday", "Monday, Tuesday, Thursday"."""
    runs = []
    for weekday in weekdays:
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    return ", ".join(
        days_text(run[0], run[-1]) if len(run) > 2 else ", ".join(map(day_name, run))
        for run in runs
    )


def day_name(weekday):
    return str(WEEKDAY_NAMES[weekday])


def hours_text(hours):
    if hours is None:
        return pgettext("opening hours of a day", "closed")
    return time_range_text(hours.opens, hours.closes)


def time_range_text(opens, closes):
    """ "9am to 6pm" in English, "de 9:00 a 18:00" in Spanish."""
    return pgettext("from one time of day to another", "%(opens)s to %(closes)s") % {
        "opens": clock_time(opens),
        "closes": clock_time(closes),
    }


def clock_time(value):
    """A time as the language being read writes opening hours: 9am, 12:30pm in English,
    9:00, 12:30 in Spanish. The formats are Django date formats in the catalogue, as the
    site's date formats are."""
    if value.minute:
        fmt = pgettext("time format: 9:30am", "g:ia")
    else:
        fmt = pgettext("time format: 9am", "ga")
    # Django writes "a.m."; opening hours read "9am".
    return dateformat.time_format(value, fmt).replace(".", "")
