"""Backup and restore benchmark: part of `make bench` (`make bench-backup` alone).

Builds the demo site (`setup_demo`, both languages) in a SQLite file of its own with 10,000
enquiries, then times, as processes an administrator would start:
- `manage.py backup PATH` (target: 30 s),
- `manage.py restore PATH` onto an empty machine: another folder with no database and no
  media, the same code and .venv (target: 60 s),
and checks that the restored site answers with every enquiry. Times are wall-clock for the
whole command, Python start-up included. Results: docs/benchmarks.md.

Environment: BENCH_ENQUIRIES (default 10000), BENCH_MEDIA_MB (default 0: the demo's own
images only; e.g. 1000 adds a gigabyte of uploads), BENCH_KEEP=1 keeps the folders.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENQUIRIES = int(os.environ.get("BENCH_ENQUIRIES", "10000"))
MAX_BACKUP_SECONDS = 30
MAX_RESTORE_SECONDS = 60
# BENCH_MEDIA_MB adds that much in large uploads, to measure media throughput and memory.
MEDIA_MB = int(os.environ.get("BENCH_MEDIA_MB", "0"))
PEAK_MB = {}

MAKE_ENQUIRIES = """
import random
from datetime import timedelta
from django.utils import timezone
from intake.models import Enquiry
random.seed(23)
words = ("pain back sleep mood appointment weeks months treatment ketamine worse better "
         "doctor referral help tired anxious morning evening walk work family").split()
now = timezone.now()
statuses = ["new", "in_progress", "contacted", "booked", "closed"]
Enquiry.objects.bulk_create([
    Enquiry(
        name=f"Bench Person {n}", email=f"person{n}@bench.invalid", phone="+15035550199",
        contact_method="phone", topic="chronic_pain",
        message=" ".join(random.choices(words, k=random.randint(40, 300)))[:2000],
        received_at=now - timedelta(minutes=7 * n), status=statuses[n % 5],
        status_changed_at=now - timedelta(minutes=7 * n),
    )
    for n in range(COUNT)
], batch_size=1000)
print(Enquiry.objects.count())
"""
CHECK = """
from django.test import Client
from intake.models import Enquiry
client = Client()
print(Enquiry.objects.count(), client.get("/").status_code, client.get("/healthz").status_code)
"""


def machine_env(folder, key):
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "BACKUP_DIR": str(folder / "backups"),
        "BACKUP_KEY": key,
        # Every demo enquiry stays: none is past its retention when restored.
        "INTAKE_RETENTION_DAYS_CLOSED": "3650",
    }


def run(env, *args):
    """(wall seconds, stdout) of a command; its peak memory goes to PEAK_MB[args[1]]."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([PYTHON, *args], cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            sys.exit(f"{' '.join(args[:2])} failed:\n{err.read()[-3000:]}")
        PEAK_MB[args[1] if len(args) > 1 else args[0]] = usage.ru_maxrss / 1024
        return seconds, out.read().strip()


def add_media(folder, megabytes):
    """Large uploads (random bytes: they neither compress nor deduplicate), in 20 MB files."""
    documents = folder / "media" / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    for number in range(0, megabytes, 20):
        (documents / f"scan-{number:05d}.pdf").write_bytes(os.urandom(20 * 1024 * 1024))


def new_key(env):
    _, out = run(env, "manage.py", "new_backup_key")
    return out.splitlines()[0].split("=", 1)[1]


def main():
    work = Path(tempfile.mkdtemp(prefix="clinic-backup-bench-"))
    source, empty = work / "source", work / "empty"
    source.mkdir()
    empty.mkdir()
    env = machine_env(source, "")
    key = new_key(env)
    env = machine_env(source, key)
    print(f"Building the demo with {ENQUIRIES:,} enquiries in {source} ...", flush=True)
    run(env, "manage.py", "migrate", "--no-input", "-v", "0")
    run(env, "manage.py", "setup_demo")
    code = MAKE_ENQUIRIES.replace("COUNT", str(ENQUIRIES))
    run(env, "-c", "import django\ndjango.setup()\n" + code)
    add_media(source, MEDIA_MB)
    database_mb = (source / "db.sqlite3").stat().st_size / 1e6
    media_files = sum(1 for p in (source / "media").rglob("*") if p.is_file())

    archive = work / f"clinic-{secrets.token_hex(4)}.age"
    backup_seconds, backup_out = run(env, "manage.py", "backup", str(archive))
    restore_seconds, restore_out = run(
        machine_env(empty, key), "manage.py", "restore", str(archive)
    )
    _, answer = run(machine_env(empty, key), "-c", "import django\ndjango.setup()\n" + CHECK)

    print(
        f"database {database_mb:.1f} MB, {media_files} media files; "
        f"archive {archive.stat().st_size / 1e6:.1f} MB"
    )
    print(f"  {backup_out}")
    print(f"  {restore_out.splitlines()[-1]}")
    enquiries, home, health = answer.split()
    ok_backup = backup_seconds <= MAX_BACKUP_SECONDS
    ok_restore = restore_seconds <= MAX_RESTORE_SECONDS
    ok_site = int(enquiries) >= ENQUIRIES and home == "200" and health == "200"
    mark = {True: "ok  ", False: "MISS"}
    print(f"{mark[ok_backup]} backup:  {backup_seconds:5.1f} s (target {MAX_BACKUP_SECONDS} s)")
    print(
        f"{mark[ok_restore]} restore: {restore_seconds:5.1f} s onto an empty machine "
        f"(target {MAX_RESTORE_SECONDS} s)"
    )
    print(f"{mark[ok_site]} restored site: {enquiries} enquiries, / {home}, /healthz {health}")
    print(f"peak memory: backup {PEAK_MB['backup']:.0f} MB, restore {PEAK_MB['restore']:.0f} MB")
    if os.environ.get("BENCH_KEEP") != "1":
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok_backup and ok_restore and ok_site else 1


if __name__ == "__main__":
    sys.exit(main())
