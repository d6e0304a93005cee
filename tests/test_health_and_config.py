"""Operational behaviour: the health check and start-up configuration errors."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from backups.models import BackupRun

ROOT = Path(__file__).resolve().parent.parent


def backed_up(hours_ago):
    finished_at = timezone.now() - timedelta(hours=hours_ago)
    return BackupRun.objects.create(
        finished_at=finished_at, file_name="clinic-backup.age", size_bytes=1, seconds=1
    )


@pytest.mark.backend_specific  # reports the database and the cache (Redis)
def test_healthz_answers_200_when_the_database_is_up(client, db):
    backed_up(hours_ago=3)

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert (body["database"], body["cache"], body["backup"]["status"]) == ("ok", "ok", "ok")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_the_age_of_the_last_backup(client, db):
    backed_up(hours_ago=30)
    last = backed_up(hours_ago=5)

    backup = client.get("/healthz").json()["backup"]

    assert backup["age_hours"] == 5.0
    assert backup["last"] == last.finished_at.isoformat(timespec="seconds")


def test_healthz_says_degraded_with_200_when_the_last_backup_is_over_a_day_old(client, db):
    backed_up(hours_ago=25)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["backup"]["status"] == "stale"


def test_healthz_says_degraded_when_the_site_was_never_backed_up(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["backup"] == {"status": "none"}


@pytest.mark.backend_specific  # reports the database and the cache (Redis)
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


def test_a_spanish_reader_gets_the_503_page_in_spanish(database_down):
    response = Client(raise_request_exception=False).get("/es/")

    html = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="es">' in html
    assert 'class="site-brand" href="/es/"' in html
    assert "En español: oprima el 2 o envíe AYUDA por mensaje de texto." in html


def test_unexpected_errors_get_the_500_page_without_details(client, db, monkeypatch):
    def explode():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("clinic.views.healthz_database_check", explode)
    response = Client(raise_request_exception=False).get("/healthz")

    assert response.status_code == 500
    html = response.content.decode()
    assert "something went wrong on our side" in html
    assert "secret internal detail" not in html


def run_settings_import(extra_env, code="import django; django.setup()"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "clinic.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


DEVELOPMENT = {"DJANGO_DEBUG": "1"}
PRODUCTION_KEYS = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "clinic.example"}
SHOW_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL)"
)


def shown_settings(env):
    result = run_settings_import(env, SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_debug_is_off_unless_switched_on():
    debug, _, _ = shown_settings(PRODUCTION_KEYS)

    assert debug == "False"


def test_startup_without_any_variable_fails_for_want_of_a_secret_key():
    result = run_settings_import({})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_development_turns_debug_on():
    debug, _, _ = shown_settings(DEVELOPMENT)

    assert debug == "True"


def test_a_web_worker_starts_with_the_sites_code_frozen_out_of_the_garbage_collectors_reach():
    # clinic/wsgi.py, as gunicorn imports it before forking: a full collection would otherwise
    # walk every view, model and library object (about 100 ms) in some visitor's request.
    code = "import gc, clinic.wsgi; print(len(gc.get_objects()), gc.get_freeze_count())"
    result = run_settings_import(PRODUCTION_KEYS, code)

    assert result.returncode == 0, result.stderr
    tracked, frozen = map(int, result.stdout.split())
    assert frozen > 100_000  # Django, Wagtail and the site's views were loaded first
    assert tracked < 1_000


def test_make_run_and_make_test_turn_debug_on():
    makefile = (ROOT / "Makefile").read_text()
    test_settings = (ROOT / "tests" / "settings.py").read_text()

    assert "export DJANGO_DEBUG ?= 1" in makefile
    assert "serve: export DJANGO_DEBUG = 0" in makefile
    assert 'os.environ["DJANGO_DEBUG"] = "1"' in test_settings


def test_email_to_an_smtp_host_uses_tls_by_default():
    _, tls, ssl = shown_settings({**PRODUCTION_KEYS, "EMAIL_HOST": "smtp.example.com"})

    assert (tls, ssl) == ("True", "False")


def test_email_tls_can_be_switched_off_for_a_local_relay():
    env = {**PRODUCTION_KEYS, "EMAIL_HOST": "127.0.0.1", "EMAIL_USE_TLS": "0"}

    _, tls, _ = shown_settings(env)

    assert tls == "False"


def test_email_over_ssl_replaces_tls():
    env = {**PRODUCTION_KEYS, "EMAIL_HOST": "smtp.example.com", "EMAIL_USE_SSL": "1"}

    _, tls, ssl = shown_settings(env)

    assert (tls, ssl) == ("False", "True")


def test_startup_without_secret_key_and_debug_off_fails_clearly():
    result = run_settings_import({"DJANGO_DEBUG": "0"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_startup_with_secret_key_and_debug_off_succeeds():
    result = run_settings_import({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50})

    assert result.returncode == 0, result.stderr


STORAGE_CLASS = (
    "import django; django.setup(); from django.core.files.storage import storages; "
    "print(type(storages['default']).__name__)"
)


def test_media_stays_on_disk_without_a_bucket():
    result = run_settings_import(DEVELOPMENT, STORAGE_CLASS)

    assert result.stdout.strip() == "FileSystemStorage", result.stderr


def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_configured():
    env = {
        **DEVELOPMENT,
        "AWS_STORAGE_BUCKET_NAME": "clinic-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
    }

    result = run_settings_import(env, STORAGE_CLASS)

    assert result.stdout.strip() == "S3Storage", result.stderr


def test_cdn_purging_is_switched_on_by_configuration():
    code = (
        "import django; django.setup(); from django.apps import apps; "
        "print(apps.is_installed('wagtail.contrib.frontend_cache'))"
    )

    assert run_settings_import(DEVELOPMENT, code).stdout.strip() == "False"
    purge_url = {**DEVELOPMENT, "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081"}
    configured = run_settings_import(purge_url, code)
    assert configured.stdout.strip() == "True", configured.stderr


# The status of GET /media/probe.txt without the database: the file server answers it, or no
# URL matches (the front web server's job in production).
MEDIA_STATUS = """
import django
django.setup()
from pathlib import Path
from django.conf import settings
from django.test import RequestFactory
from django.urls import Resolver404, resolve
Path(settings.MEDIA_ROOT, "probe.txt").write_text("uploaded")
try:
    match = resolve("/media/probe.txt")
except Resolver404:
    print(404)
else:
    request = RequestFactory().get("/media/probe.txt")
    print(match.func(request, *match.args, **match.kwargs).status_code)
"""
PRODUCTION_LIKE = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "clinic.example",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
}


def test_production_leaves_media_to_the_front_web_server(tmp_path):
    env = {**PRODUCTION_LIKE, "DJANGO_MEDIA_ROOT": str(tmp_path)}

    result = run_settings_import(env, MEDIA_STATUS)

    assert result.stdout.strip() == "404", result.stderr


def test_make_serve_serves_media_itself(tmp_path):
    env = {**PRODUCTION_LIKE, "DJANGO_MEDIA_ROOT": str(tmp_path), "DJANGO_SERVE_MEDIA": "1"}

    result = run_settings_import(env, MEDIA_STATUS)

    assert result.stdout.strip() == "200", result.stderr
