"""Staff sessions end after a while without a request a person made, and at the latest a fixed
time after signing in, whatever the activity.

Django's session expiry can't tell who made a request: Wagtail's edit pages ping the server
every 10 seconds (editing sessions), so a session renewed by every request never went idle
while an edit page stayed open. This middleware keeps in the session when the person signed
in and when they last asked for an admin page themselves, leaves the background pings out,
and signs them out once either limit has passed (SESSION_IDLE_TIMEOUT_MINUTES,
SESSION_ABSOLUTE_LIFETIME_HOURS). Only admin requests are looked at and counted: that is
where a staff session opens anything private.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from staff_access.admin_requests import is_admin_request

SIGNED_IN_AT = "staff_session:signed_in_at"
ACTIVE_AT = "staff_session:active_at"
# What an open admin page asks for by itself, with nobody at the keyboard: the edit pages'
# "who else is editing" ping, and its release when the page closes.
BACKGROUND_VIEWS = frozenset(
    {
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
    }
)


def idle_message():
    minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
    return (
        f"You were signed out after {minutes} minutes without activity. Sign in again to continue."
    )


def lifetime_message():
    hours = settings.SESSION_ABSOLUTE_LIFETIME_HOURS
    return (
        f"You were signed out because you signed in more than {hours} hours ago. "
        "Sign in again to continue."
    )


def ended_because(session, now):
    """Why the session is over (the message for the person), or None while it lasts."""
    if longer_ago_than(session, SIGNED_IN_AT, now, settings.SESSION_ABSOLUTE_LIFETIME_HOURS * 3600):
        return lifetime_message()
    if longer_ago_than(session, ACTIVE_AT, now, settings.SESSION_IDLE_TIMEOUT_MINUTES * 60):
        return idle_message()
    return None


def longer_ago_than(session, key, now, seconds):
    moment = session.get(key)
    return moment is not None and now - moment > seconds


def just_signed_in(request):
    """Whether the admin view just signed the person in (it runs after process_view)."""
    if not is_admin_request(request) or not request.user.is_authenticated:
        return False
    return SIGNED_IN_AT not in request.session


def start_clocks(session, now):
    session[SIGNED_IN_AT] = now
    session[ACTIVE_AT] = now


def is_background(request):
    return request.resolver_match.view_name in BACKGROUND_VIEWS


class StaffSessionMiddleware:
    """Signs out a staff session that has been idle or open too long; else notes the activity.

    Runs after the authentication and message middleware and before two-factor sign-in, so
    an ended session goes to the sign-in page (with the reason), not to the code step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if just_signed_in(request):
            start_clocks(request.session, int(time.time()))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_request(request) or not request.user.is_authenticated:
            return None
        now = int(time.time())
        session = request.session
        reason = ended_because(session, now)
        if reason is not None:
            logout(request)
            messages.info(request, reason, fail_silently=True)
            return None
        if SIGNED_IN_AT not in session:
            start_clocks(session, now)  # a session from before this middleware came in
        elif not is_background(request):
            # Saving the modified session also moves its expiry (SESSION_COOKIE_AGE) on.
            session[ACTIVE_AT] = now
        return None
