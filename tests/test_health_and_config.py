"""Operational behaviour: the health check and start-up configuration errors."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection, connections
from django.db.utils import load_backend

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_200_when_the_database_is_up(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client, db):
    # A real connection attempt to a port where no database listens.
    unreachable = {
        **connection.settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "clinic",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {"connect_timeout": 2},
    }
    original = connections["default"]
    connections["default"] = load_backend(unreachable["ENGINE"]).DatabaseWrapper(unreachable)
    try:
        response = client.get("/healthz")
    finally:
        connections["default"].close()
        connections["default"] = original

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


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
