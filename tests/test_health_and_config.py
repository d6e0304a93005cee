"""Operational behaviour: the health check and start-up configuration errors."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_200_when_the_database_is_up(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_visitors_get_a_friendly_503_page_when_the_database_is_unreachable(database_down):
    client = Client(raise_request_exception=False)

    response = client.get("/about/")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "We&#x27;ll be back in a moment" in html or "We'll be back in a moment" in html
    assert 'href="tel:988"' in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


def test_unexpected_errors_get_the_500_page_without_details(client, db, monkeypatch):
    def explode():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("clinic.views.healthz_database_check", explode)
    response = Client(raise_request_exception=False).get("/healthz")

    assert response.status_code == 500
    html = response.content.decode()
    assert "something went wrong on our side" in html
    assert "secret internal detail" not in html


def run_settings_import(extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "clinic.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_startup_without_secret_key_and_debug_off_fails_clearly():
    result = run_settings_import({"DJANGO_DEBUG": "0"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_startup_with_secret_key_and_debug_off_succeeds():
    result = run_settings_import({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50})

    assert result.returncode == 0, result.stderr
