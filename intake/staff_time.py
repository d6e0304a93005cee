"""Times on the intake staff's screens, as a front desk reads them: "10 min ago (09:42)".

Always in the clinic's time zone (settings.TIME_ZONE): a call back is arranged in the clinic's
time, so a member of staff's own Wagtail time-zone preference (which Wagtail's admin applies
to its own dates) does not apply here. Each screen names the zone once (`zone_note`) instead
of beside every time.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

MINUTE, HOUR, DAY = 60, 3600, 86400
# Within this many days a time is told by its weekday ("Mon 09:42"), beyond it by its date.
WEEKDAY_DAYS = 6


def clinic_zone():
    return ZoneInfo(settings.TIME_ZONE)


def in_clinic_zone(value):
    return value.astimezone(clinic_zone())


def waited(since, now):
    """How long, as a front desk says it: "12 min", "3 h", "2 days"."""
    seconds = max(0, (now - since).total_seconds())
    if seconds < HOUR:
        return f"{int(seconds // MINUTE)} min"
    if seconds < 2 * DAY:
        return f"{int(seconds // HOUR)} h"
    return f"{int(seconds // DAY)} days"


def how_long_ago(value, now):
    if (now - value).total_seconds() < MINUTE:
        return "just now"
    return f"{waited(value, now)} ago"


def clock(value, now):
    """The moment in the clinic's zone, with no more of the date than it takes: "09:42",
    "Mon 09:42", "Nov 24, 09:42", "Nov 24 2025, 09:42"."""
    local, today = in_clinic_zone(value), in_clinic_zone(now)
    time = f"{local:%H:%M}"
    if local.date() == today.date():
        return time
    if 0 < (today.date() - local.date()).days <= WEEKDAY_DAYS:
        return f"{local:%a} {time}"
    if local.year == today.year:
        return f"{local:%b} {local.day}, {time}"
    return f"{local:%b} {local.day} {local.year}, {time}"


def ago_and_clock(value, now=None):
    """ "10 min ago (09:42)"; "" for no time at all."""
    if value is None:
        return ""
    now = now or timezone.now()
    return f"{how_long_ago(value, now)} ({clock(value, now)})"


def zone_note(now=None):
    """The sentence each screen with times shows once: which zone they are in."""
    now = in_clinic_zone(now or timezone.now())
    return f"Times are the clinic's: {settings.TIME_ZONE} ({now:%Z})."


def naive_clinic_time(value):
    """A moment as a spreadsheet date: the clinic's wall-clock time to the minute, like the
    CSV (spreadsheets have no time zones; the column's heading names it)."""
    if value is None:
        return None
    return in_clinic_zone(value).replace(tzinfo=None, second=0, microsecond=0)
