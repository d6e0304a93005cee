"""How long a staff session lasts: it ends after SESSION_IDLE_TIMEOUT_MINUTES without a request
the person made (the edit page's background pings don't count), and SESSION_ABSOLUTE_LIFETIME_
HOURS after signing in, however active they are.

A test can't wait half an hour, so `time_passes` moves the times the session recorded back,
as if that long had passed since.
"""

import re

import pytest
from django.contrib.sessions.models import Session
from wagtail.admin.admin_url_finder import AdminURLFinder

from staff_access.sessions import ACTIVE_AT, SIGNED_IN_AT

DASHBOARD = "/admin/"
LOGIN_URL = "/admin/login/"
IDLE_MESSAGE = "You were signed out after 30 minutes without activity. Sign in again to continue."
LIFETIME_MESSAGE = (
    "You were signed out because you signed in more than 12 hours ago. Sign in again to continue."
)


def time_passes(client, minutes):
    session = client.session
    for key in (SIGNED_IN_AT, ACTIVE_AT):
        if key in session:
            session[key] -= minutes * 60
    session.save()


@pytest.fixture
def edit_page_ping(admin_client, admin_user, topic):
    """POSTs what an open edit page (a topic's, tests.fixtures.articles) sends every 10
    seconds: the URL is read from the page."""
    edit_url = AdminURLFinder(admin_user).get_edit_url(topic)
    html = admin_client.get(edit_url).content.decode()
    ping_url = re.search(r'data-w-swap-src-value="(/admin/editing-sessions/ping/[^"]+)"', html)[1]

    def ping():
        return admin_client.post(ping_url, {"is_editing": "1"})

    return ping


def signed_out(response):
    return response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_a_person_at_work_stays_signed_in(admin_client):
    admin_client.get(DASHBOARD)
    for _ in range(3):
        time_passes(admin_client, 25)
        assert admin_client.get(DASHBOARD).status_code == 200


def test_after_30_idle_minutes_the_next_page_asks_to_sign_in_again_and_says_why(admin_client):
    admin_client.get(DASHBOARD)
    time_passes(admin_client, 31)

    response = admin_client.get(DASHBOARD)

    assert signed_out(response)
    assert IDLE_MESSAGE in admin_client.get(response["Location"]).content.decode()
    assert signed_out(admin_client.get(DASHBOARD))  # signed out for good, not for one page


def test_an_open_edit_page_does_not_keep_an_idle_session_alive(admin_client, edit_page_ping):
    # Nobody at the keyboard: only the page's pings, the last at 29 minutes (not 30, where the
    # seconds the test itself takes would already count as past the limit).
    for minutes in (10, 10, 9):
        time_passes(admin_client, minutes)
        assert edit_page_ping().status_code == 200
    time_passes(admin_client, 2)

    assert signed_out(admin_client.get(DASHBOARD))


def test_a_ping_after_the_idle_time_finds_the_session_ended(admin_client, edit_page_ping):
    time_passes(admin_client, 31)

    assert edit_page_ping().status_code != 200
    assert signed_out(admin_client.get(DASHBOARD))


def test_a_ping_never_moves_the_stored_session_expiry(admin_client, edit_page_ping):
    session_key = admin_client.cookies["sessionid"].value
    expiry = Session.objects.get(session_key=session_key).expire_date

    edit_page_ping()

    assert Session.objects.get(session_key=session_key).expire_date == expiry


def test_after_12_hours_the_staff_member_signs_in_again_however_active(admin_client):
    admin_client.get(DASHBOARD)
    for _ in range(24):  # a request every 29 minutes: 11 hours 36 minutes
        time_passes(admin_client, 29)
        assert admin_client.get(DASHBOARD).status_code == 200
    time_passes(admin_client, 29)  # 12 hours 5 minutes

    response = admin_client.get(DASHBOARD)

    assert signed_out(response)
    assert LIFETIME_MESSAGE in admin_client.get(response["Location"]).content.decode()


def test_the_lifetime_counts_from_signing_in(client, admin_user):
    client.post(LOGIN_URL, {"username": admin_user.username, "password": "a-long-test-password"})
    time_passes(client, 12 * 60 + 1)

    response = client.get(DASHBOARD)

    assert signed_out(response)
    assert LIFETIME_MESSAGE in client.get(response["Location"]).content.decode()


def test_the_limits_follow_the_settings(admin_client, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    admin_client.get(DASHBOARD)
    time_passes(admin_client, 6)

    response = admin_client.get(DASHBOARD)

    assert signed_out(response)
    assert "after 5 minutes without activity" in admin_client.get(response["Location"]).text
