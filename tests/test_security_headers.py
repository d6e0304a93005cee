"""Security headers on public pages and the admin, and session lifetime."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.two_factor import app_code, authenticator


def policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


PUBLIC_PATHS = [
    "/",
    "/about/",
    "/articles/",
    "/articles/can-mental-health-issues-cause-back-pain/",
    "/search/?q=pain",
    "/contact/",
    "/contact/thank-you/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_a_strict_content_security_policy(client, demo_site, path):
    csp = policy(client.get(path))

    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for values in csp.values():
        assert "'unsafe-eval'" not in values


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_the_other_security_headers(client, demo_site, path):
    response = client.get(path, secure=True)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_over_https_in_production_settings(client, demo_site, settings):
    settings.SECURE_HSTS_SECONDS = 31536000

    response = client.get("/", secure=True)

    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_admin_policy_allows_wagtails_inline_scripts_and_same_origin_preview(admin_client):
    csp = policy(admin_client.get("/admin/"))

    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in csp["script-src"]


def log_in(client, user):
    return client.post(
        "/admin/login/", {"username": user.username, "password": "a-long-test-password"}
    )


def test_session_cookie_is_http_only_and_secure_in_production(client, admin_user, settings):
    settings.SESSION_COOKIE_SECURE = True

    response = log_in(client, admin_user)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["secure"]


def test_csrf_cookie_is_http_only_and_secure_in_production(client, demo_site, settings):
    settings.CSRF_COOKIE_SECURE = True

    response = client.get("/contact/", secure=True)

    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["secure"]


def test_staff_session_ends_after_thirty_idle_minutes(client, admin_user):
    log_in(client, admin_user)
    session = Session.objects.get()
    idle_limit = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < idle_limit <= timedelta(minutes=30)

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_each_request_renews_the_idle_timer(client, admin_user):
    log_in(client, admin_user)
    # The second factor, required of a superuser, with a code from their app.
    client.post("/admin/two-factor/verify/", {"code": app_code(authenticator(admin_user))})
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))

    assert client.get("/admin/").status_code == 200

    renewed = Session.objects.get().expire_date - timezone.now()
    assert renewed > timedelta(minutes=29)
