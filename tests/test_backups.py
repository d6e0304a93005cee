"""Backups as a clinic's administrator runs them: `manage.py backup`, `backup --verify` and
`restore`, each its own process, on machines that are folders of their own (a database, a
media folder, a backup folder). "An empty machine" has the code and nothing else.

The database is the one this run of the suite uses: a SQLite file for the default run, and a
PostgreSQL database of its own on DATABASE_URL's server for CI's PostgreSQL run, so both
round trips are tested in CI.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest

from backups import keys

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BACKUP_KEY = str(keys.new_identity())
POSTGRES_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = urlsplit(POSTGRES_URL).scheme in ("postgres", "postgresql", "pgsql")

SET_UP_ENQUIRIES = """
from datetime import timedelta
from django.utils import timezone
from intake.models import Enquiry
def enquiry(name, **fields):
    return Enquiry.objects.create(name=name, email="person@example.com", contact_method="email",
        topic="chronic_pain", message="A message about " + name, **fields).pk
print(enquiry("Morgan Achebe"), enquiry("Jules Ferreira"),
      enquiry("Dana Okonkwo", status="closed",
              status_changed_at=timezone.now() - timedelta(days=400)))
"""
NAMES = """
from intake.models import Enquiry
print(sorted(Enquiry.objects.values_list("name", flat=True)))
"""


class Machine:
    """One machine's database, media folder and backup folder; its commands run as processes."""

    counter = 0

    def __init__(self, root, **env):
        Machine.counter += 1
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.database_name = f"clinic_backups_test_{os.getpid()}_{Machine.counter}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "clinic.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_ALLOWED_HOSTS": "testserver,localhost",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": self.database_url(),
            "DJANGO_MEDIA_ROOT": str(root / "media"),
            "BACKUP_DIR": str(root / "backups"),
            "BACKUP_KEY": BACKUP_KEY,
            **env,
        }
        self.env.pop("REDIS_URL", None)

    def database_url(self):
        if ON_POSTGRES:
            return urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{self.database_name}"))
        return f"sqlite:///{self.root / 'db.sqlite3'}"

    def manage(self, *args, check=True, **env):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        return result

    def django(self, code):
        result = subprocess.run(
            [PYTHON, "-c", "import django\ndjango.setup()\n" + code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip()

    def enquiry_names(self):
        return self.django(NAMES)

    def erase(self, pk):
        self.django(
            "from intake.actions import erase\nfrom intake.models import Enquiry\n"
            f"erase(Enquiry.objects.get(pk={pk}), None)"
        )

    def site_answers(self):
        return self.django(
            "from django.test import Client\nclient = Client()\n"
            "print(client.get('/').status_code, client.get('/healthz').status_code)"
        )

    def state(self):
        """A fingerprint of the database and media, to show that nothing changed."""
        if ON_POSTGRES:
            database = self.django(
                "from django.db import connection\nc = connection.cursor()\n"
                "c.execute('SELECT count(*), max(id) FROM intake_enquiry')\nprint(c.fetchone())"
            )
        else:
            database = sha256(self.root / "db.sqlite3")
        return database, media_fingerprint(self.root / "media")

    def copy_to(self, root):
        """Another machine with exactly this one's data."""
        copy = Machine(root)
        for folder in ("media", "backups"):
            if (self.root / folder).exists():
                shutil.copytree(self.root / folder, root / folder)
        if ON_POSTGRES:
            postgres(f'CREATE DATABASE "{copy.database_name}" TEMPLATE "{self.database_name}"')
        else:
            shutil.copy(self.root / "db.sqlite3", root / "db.sqlite3")
        return copy


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def media_fingerprint(folder):
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def postgres(statement):
    import psycopg

    parts = urlsplit(POSTGRES_URL)
    with psycopg.connect(
        dbname="postgres",
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=unquote(parts.username or "") or None,
        password=unquote(parts.password or "") or None,
        autocommit=True,
    ) as connection:
        connection.execute(statement)


@pytest.fixture(scope="module")
def source_machine(tmp_path_factory):
    """The demo site with three enquiries (one closed 400 days ago, past its retention),
    built once for the module; tests work on copies of it."""
    machine = Machine(tmp_path_factory.mktemp("source"))
    if ON_POSTGRES:
        postgres(f'CREATE DATABASE "{machine.database_name}"')
    machine.manage("migrate", "--no-input")
    machine.manage("setup_demo", "--english-only")
    machine.enquiry_ids = [int(pk) for pk in machine.django(SET_UP_ENQUIRIES).split()]
    yield machine
    drop_databases()


def drop_databases():
    if not ON_POSTGRES:
        return
    for number in range(1, Machine.counter + 1):
        postgres(
            f'DROP DATABASE IF EXISTS "clinic_backups_test_{os.getpid()}_{number}" WITH (FORCE)'
        )


@pytest.fixture
def live_site(source_machine, tmp_path):
    return source_machine.copy_to(tmp_path / "live")


@pytest.fixture
def empty_machine(tmp_path):
    return Machine(tmp_path / "empty")


def test_a_backup_without_a_key_is_refused_naming_BACKUP_KEY_and_writes_nothing(
    live_site, tmp_path
):
    archive = tmp_path / "clinic.age"

    result = live_site.manage("backup", str(archive), check=False, BACKUP_KEY="")
    scheduled = live_site.manage("backup", check=False, BACKUP_KEY="")

    for refused in (result, scheduled):
        assert refused.returncode != 0
        assert "BACKUP_KEY is not set" in refused.stderr
    assert list(tmp_path.glob("clinic.age*")) == []
    assert not (live_site.root / "backups").exists()
    assert '"status": "none"' in live_site.django(
        "from django.test import Client\nprint(Client().get('/healthz').content.decode())"
    )


def test_a_backup_restores_onto_an_empty_machine_and_the_site_answers(
    live_site, empty_machine, tmp_path
):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))

    empty_machine.manage("restore", str(archive))

    restored_media = media_fingerprint(empty_machine.root / "media")
    assert restored_media == media_fingerprint(live_site.root / "media")
    assert restored_media  # the demo's images were there to copy
    # The enquiry past its retention was purged right after the restore.
    assert empty_machine.enquiry_names() == "['Jules Ferreira', 'Morgan Achebe']"
    assert empty_machine.site_answers() == "200 200"
    sealed = archive.read_bytes()
    assert b"Morgan Achebe" not in sealed
    assert sealed.startswith(b"age-encryption.org/v1")


def test_backup_verify_accepts_an_intact_archive_and_refuses_a_damaged_one(live_site, tmp_path):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))
    damaged = tmp_path / "damaged.age"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    cut_short = tmp_path / "cut-short.age"
    cut_short.write_bytes(archive.read_bytes()[: len(data) - 100])

    intact = live_site.manage("backup", "--verify", str(archive))
    flipped = live_site.manage("backup", "--verify", str(damaged), check=False)
    short = live_site.manage("backup", "--verify", str(cut_short), check=False)

    assert "is intact" in intact.stdout
    for refused in (flipped, short):
        assert refused.returncode != 0
        assert "damaged or incomplete" in refused.stderr


def test_a_wrong_key_is_refused_clearly_and_changes_nothing(live_site, tmp_path):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))
    before = live_site.state()

    result = live_site.manage(
        "restore", "--force", str(archive), check=False, BACKUP_KEY=str(keys.new_identity())
    )

    assert result.returncode != 0
    assert "BACKUP_KEY does not open this archive" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert live_site.state() == before
    assert not (live_site.root / "backups").exists()  # not even a safety backup


def test_an_old_key_kept_in_BACKUP_OLD_KEYS_still_opens_old_archives(live_site, tmp_path):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))

    result = live_site.manage(
        "backup",
        "--verify",
        str(archive),
        BACKUP_KEY=str(keys.new_identity()),
        BACKUP_OLD_KEYS=BACKUP_KEY,
    )

    assert "is intact" in result.stdout


def test_a_restore_over_a_site_with_data_is_refused_without_force(live_site, tmp_path):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))
    before = live_site.state()

    result = live_site.manage("restore", str(archive), check=False)

    assert result.returncode != 0
    assert "--force" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert live_site.state() == before


def test_a_forced_restore_replaces_the_data_and_backs_up_what_it_replaced(live_site, tmp_path):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))
    live_site.django(SET_UP_ENQUIRIES.replace("Morgan Achebe", "Written After The Backup"))

    result = live_site.manage("restore", "--force", str(archive))

    assert "Written After The Backup" not in live_site.enquiry_names()
    (safety,) = (live_site.root / "backups").glob("clinic-backup-*-before-restore.age")
    assert str(safety) in result.stdout
    assert "is intact" in live_site.manage("backup", "--verify", str(safety)).stdout


def test_an_enquiry_erased_after_a_backup_stays_erased_when_the_live_site_restores_it(
    live_site, source_machine, tmp_path
):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))
    live_site.erase(source_machine.enquiry_ids[0])  # Morgan Achebe asks to be erased

    live_site.manage("restore", "--force", str(archive))

    assert live_site.enquiry_names() == "['Jules Ferreira']"


def test_an_enquiry_erased_after_a_backup_stays_erased_on_a_new_machine(
    live_site, source_machine, empty_machine, tmp_path
):
    archive = tmp_path / "clinic.age"
    live_site.manage("backup", str(archive))
    live_site.erase(source_machine.enquiry_ids[0])
    # The new machine gets the backup folder, ledger included, as it was copied off-site.
    shutil.copytree(live_site.root / "backups", empty_machine.root / "backups")

    empty_machine.manage("restore", str(archive))

    assert empty_machine.enquiry_names() == "['Jules Ferreira']"


def test_a_scheduled_backup_goes_to_BACKUP_DIR_and_rotates_out_old_ones(live_site):
    backups = live_site.root / "backups"
    backups.mkdir(exist_ok=True)
    old = backups / "clinic-backup-20260101T031500Z.age"
    old.write_bytes(b"an archive from long ago")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))

    result = live_site.manage("backup", BACKUP_KEEP_DAYS="1")

    (new,) = backups.glob("clinic-backup-*.age")
    assert new != old
    assert "Deleted 1 backups older than 1 days" in result.stdout
    health = live_site.django(
        "from django.test import Client\nprint(Client().get('/healthz').json()['backup'])"
    )
    assert "'status': 'ok'" in health


def test_an_archive_from_a_newer_version_of_the_site_is_refused(live_site, tmp_path):
    archive = tmp_path / "future.age"
    live_site.django(
        "import json\nfrom backups import archive, keys\n"
        "manifest = {'format': archive.FORMAT, 'format_version': 1, 'created_at': 'soon',\n"
        "  'versions': {'django': '9.0', 'wagtail': '12.0'}, 'database': {'vendor': "
        f"'{'postgresql' if ON_POSTGRES else 'sqlite'}'}},\n"
        "  'migrations': ['intake.9999_from_the_future'], 'media': {'storage': 'local'}}\n"
        "archive.write(" + repr(str(archive)) + ", keys.current_identity().to_public(),\n"
        "  lambda w: w.add_bytes(archive.MANIFEST, json.dumps(manifest).encode()))"
    )
    before = live_site.state()

    result = live_site.manage("restore", "--force", str(archive), check=False)

    assert result.returncode != 0
    assert "newer version of the site" in result.stderr
    assert "intake.9999_from_the_future" in result.stderr
    assert live_site.state() == before
