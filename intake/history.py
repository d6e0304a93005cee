"""An enquiry's history as a story: what happened, by whom, in order.

The audit log keeps one entry per event, so a member of staff who opens an enquiry six times
leaves six "Viewed" entries. Told as a story, a run of views by one person is one line
("Viewed 6 times by Ivy, last 2 min ago (10:42)"); everything else is one line an entry. The
full log stays a click away (the History view), unchanged.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import ModelLogEntry

from intake.actions import LOG_VIEW
from intake.staff_time import ago_and_clock


@dataclass
class Event:
    message: str
    who: str  # "" for the site itself (an escalation alert)
    last_at: datetime
    times: int = 1

    @property
    def is_views(self):
        return self.message == VIEWED

    @property
    def summary(self):
        """ "Viewed 6 times by Ivy, last 10 min ago (10:42)", in the clinic's time."""
        at = ago_and_clock(self.last_at)
        if self.is_views and self.times > 1:
            return f"Viewed {self.times} times by {self.who}, last {at}"
        by = f" by {self.who}" if self.who else ""
        return f"{self.message}{by}, {at}"


VIEWED = "Viewed"


def story(enquiry, limit=50):
    """The newest `limit` events, newest first, with runs of one person's views made one."""
    entries = (
        ModelLogEntry.objects.for_instance(enquiry)
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    events = []
    for entry in entries:
        who = entry.user_display_name if entry.user_id else ""  # the site itself
        message = VIEWED if entry.action == LOG_VIEW else entry.message
        last = events[-1] if events else None
        if message == VIEWED and last is not None and last.is_views and last.who == who:
            last.times += 1
            last.last_at = entry.timestamp
            continue
        events.append(Event(message, who, entry.timestamp))
    return list(reversed(events))[:limit]
