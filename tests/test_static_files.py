"""Static files in production: hashed names, Brotli and gzip, immutable year-long caching."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs in a child process with DEBUG off, because whitenoise reads its files at start-up.
PROBE = """
import django; django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
for encoding in ("br", "gzip", ""):
    r = Client().get(url, HTTP_ACCEPT_ENCODING=encoding)
    print(url, r.status_code, r.get("Content-Encoding", "-"), r["Cache-Control"])
"""


@pytest.fixture(scope="module")
def production_static(production_static_root):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "static-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(production_static_root),
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
    }
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    return [line.split(" ", 3) for line in probe.stdout.strip().splitlines()]


def test_static_urls_carry_a_content_hash(production_static):
    url = production_static[0][0]

    assert url.startswith("/static/css/site.")
    assert url.endswith(".css")
    assert url != "/static/css/site.css"


def test_brotli_and_gzip_are_served_to_browsers_that_accept_them(production_static):
    encodings = [encoding for _, _, encoding, _ in production_static]

    assert encodings == ["br", "gzip", "-"]


def test_hashed_files_are_cached_for_a_year_as_immutable(production_static):
    for _, status, _, cache_control in production_static:
        assert status == "200"
        assert "max-age=31536000" in cache_control
        assert "immutable" in cache_control
