"""Test settings: the real settings with fast hashing, in-memory mail and immediate tasks."""

import os
import tempfile
from pathlib import Path

# The site's defaults are production-safe (DEBUG off); tests use the development ones, as
# `make run` does. Set before the import: the settings derive other values from DEBUG.
os.environ["DJANGO_DEBUG"] = "1"

from clinic.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="clinic-test-media-")
# Erasures append to the ledger beside the backups: never the checkout's own var/backups.
BACKUP_DIR = Path(tempfile.mkdtemp(prefix="clinic-test-backups-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
WAGTAILADMIN_BASE_URL = "http://testserver"
