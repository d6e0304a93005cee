"""When an enquiry has waited past the reply the clinic promises.

The contact page promises a reply "within two working days". A working day is the clinic's
opening hours on one of its working days (Clinic settings), in its own time zone; the promise
is that many days' worth of opening hours, counted only while the clinic is open. An enquiry
that came in on Friday evening is not overdue on Monday morning.

Everything here turns on one moment, the **cut-off**: the latest time an enquiry may have
come in and already have waited the promised opening hours by now. An open enquiry is overdue
exactly when it came in at or before the cut-off, so the listing marks rows, the dashboard
counts them and the database filters them with one comparison, on an indexed column.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

MONDAY_TO_FRIDAY = frozenset(range(5))
# Far enough back for any promise a clinic would make (30 working days, with holidays).
MAX_DAYS_BACK = 400


@dataclass(frozen=True)
class OpeningHours:
    opens: time
    closes: time
    weekdays: frozenset = MONDAY_TO_FRIDAY  # Monday is 0

    @property
    def day_length(self):
        return datetime.combine(datetime.min, self.closes) - datetime.combine(
            datetime.min, self.opens
        )

    def open_on(self, day):
        """The opening and closing moment of that date, in the current time zone, or None."""
        if day.weekday() not in self.weekdays or self.day_length <= timedelta(0):
            return None
        zone = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(day, self.opens), zone),
            timezone.make_aware(datetime.combine(day, self.closes), zone),
        )

    def cut_off(self, now, working_days):
        """The latest moment from which `working_days` days of opening hours have passed by
        `now` (walking back from `now` through opening hours only)."""
        remaining = self.day_length * working_days
        if remaining <= timedelta(0):
            return now
        local_now = timezone.localtime(now)
        for days_back in range(MAX_DAYS_BACK):
            hours = self.open_on(local_now.date() - timedelta(days=days_back))
            if hours is None:
                continue
            opens, closes = hours[0], min(hours[1], now)
            if closes <= opens:
                continue  # today, before opening time
            if remaining <= closes - opens:
                return closes - remaining
            remaining -= closes - opens
        return now - timedelta(days=MAX_DAYS_BACK)


def overdue_cut_off(settings, now=None):
    """The cut-off for the clinic's promise (ClinicSettings), now."""
    hours = OpeningHours(settings.working_day_opens, settings.working_day_closes, settings.weekdays)
    return hours.cut_off(now or timezone.now(), settings.reply_within_working_days)
