"""When an enquiry has waited past the reply the clinic promises.

The contact page promises a reply "within two working days". A working day is one of the days
the clinic is open (its opening hours, Clinic settings), in its own time zone, counted in that
day's own hours: a short Friday is a whole working day, its hours each a larger part of it. So
an enquiry that came in on Thursday at 10am is due on Monday at 10am when the clinic is open
Monday to Friday, and one that came in on Friday evening is not overdue on Monday morning.

Everything here turns on one moment, the **cut-off**: the latest time an enquiry may have
come in and already have waited the promised opening hours by now. An open enquiry is overdue
exactly when it came in at or before the cut-off, so the listing marks rows, the dashboard
counts them and the database filters them with one comparison, on an indexed column.
"""

from datetime import timedelta
from fractions import Fraction

from django.utils import timezone

# Far enough back for any promise a clinic would make (30 working days, with holidays).
MAX_DAYS_BACK = 400
MICROSECOND = timedelta(microseconds=1)


def cut_off(hours, now, working_days):
    """The latest moment from which `working_days` working days of the clinic's opening
    hours (clinic.opening_hours.WeeklyHours) have passed by `now`, walking back from `now`
    through opening hours only."""
    remaining = Fraction(working_days)  # in working days, each counted in its own hours
    if remaining <= 0 or not hours.ever_open:
        return now  # no promise, or no hours to keep it in: every open enquiry is overdue
    local_now = timezone.localtime(now)
    for days_back in range(MAX_DAYS_BACK):
        open_hours = hours.open_on(local_now.date() - timedelta(days=days_back))
        if open_hours is None:
            continue
        opens, closes = open_hours
        counted_until = min(closes, now)
        if counted_until <= opens:
            continue  # today, before opening time
        day_length = (closes - opens) // MICROSECOND
        share_of_day = Fraction((counted_until - opens) // MICROSECOND, day_length)
        if remaining <= share_of_day:
            return counted_until - timedelta(microseconds=round(remaining * day_length))
        remaining -= share_of_day
    return now - timedelta(days=MAX_DAYS_BACK)


def overdue_cut_off(settings, now=None):
    """The cut-off for the clinic's promise (ClinicSettings), now."""
    return cut_off(settings.weekly_hours, now or timezone.now(), settings.reply_within_working_days)
