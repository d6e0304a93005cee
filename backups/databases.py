"""Copying the database out and back: SQLite through its online backup API, PostgreSQL
through pg_dump and pg_restore. Both take a consistent snapshot while the site keeps serving.

django-dbbackup's connectors were considered (docs/deploy.md, "Backups"): its SQLite
connector restores by writing over the live file, beside the old database's WAL, and its
PostgreSQL one does not create a missing database; what is left is a few lines of each.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connections

CHUNK = 1 << 20


def for_connection(alias="default"):
    connection = connections[alias]
    if connection.vendor == "sqlite":
        return SQLiteDatabase(connection)
    if connection.vendor == "postgresql":
        return PostgreSQLDatabase(connection)
    raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


class SQLiteDatabase:
    vendor = "sqlite"
    member_name = "database/db.sqlite3.gz"

    def __init__(self, connection):
        self.connection = connection
        self.path = Path(connection.settings_dict["NAME"])

    def describe(self):
        return {"vendor": self.vendor, "sqlite_version": sqlite3.sqlite_version}

    def has_data(self):
        """Whether the file holds a migrated database (an empty file is no data)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return False
        with sqlite3.connect(self.path) as database:
            found = database.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        database.close()
        return found is not None

    def snapshot(self, folder):
        """A consistent copy, compressed, in `folder`. The online backup API copies the pages
        in one step: in WAL mode a read transaction, which never blocks the site's writers."""
        if not self.has_data():
            raise CommandError(f"There is no database to back up at {self.path}.")
        copy = folder / "db.sqlite3"
        source = sqlite3.connect(self.path, timeout=30)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        compressed = folder / "db.sqlite3.gz"
        with copy.open("rb") as plain, gzip.open(compressed, "wb", compresslevel=1) as out:
            shutil.copyfileobj(plain, out, CHUNK)
        copy.unlink()
        return compressed

    def load(self, member_path):
        """Copy the archive's database into the live file through the same API, so any
        connection still open sees either the old database or the new one, never a torn
        file, and the old WAL can never be replayed onto the new pages."""
        staged = member_path.with_suffix("")  # db.sqlite3.gz -> db.sqlite3
        with gzip.open(member_path, "rb") as packed, staged.open("wb") as plain:
            shutil.copyfileobj(packed, plain, CHUNK)
        self.connection.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(staged)
        target = sqlite3.connect(self.path, timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        staged.unlink()


class PostgreSQLDatabase:
    vendor = "postgresql"
    member_name = "database/clinic.pgdump"

    def __init__(self, connection):
        self.connection = connection
        self.settings_dict = connection.settings_dict
        self.name = self.settings_dict["NAME"]

    def describe(self):
        return {"vendor": self.vendor, "pg_dump": tool_version("pg_dump")}

    def environment(self):
        """Password, TLS and service options as libpq variables, exactly as `dbshell` passes
        them (Django's own client code)."""
        _, env = self.connection.client.settings_to_cmd_args_env(self.settings_dict, [])
        return {**os.environ, **(env or {})}

    def connection_args(self, dbname):
        args = [f"--dbname={dbname}"]
        if self.settings_dict.get("USER"):
            args.append(f"--username={self.settings_dict['USER']}")
        if self.settings_dict.get("HOST"):
            args.append(f"--host={self.settings_dict['HOST']}")
        if self.settings_dict.get("PORT"):
            args.append(f"--port={self.settings_dict['PORT']}")
        return args

    def run(self, command):
        try:
            result = subprocess.run(  # noqa: S603 (our own arguments, no shell)
                command, env=self.environment(), capture_output=True, text=True, check=False
            )
        except FileNotFoundError as error:
            raise CommandError(
                f"{command[0]} is not installed: install PostgreSQL's client tools "
                "(Debian: apt-get install postgresql-client)."
            ) from error
        if result.returncode != 0:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")
        return result.stdout

    def admin_connection(self, dbname):
        """psycopg, with the site's own connection settings, to `dbname`."""
        import psycopg

        params = {**self.connection.get_connection_params(), "dbname": dbname}
        params.pop("cursor_factory", None)
        params.pop("context", None)
        return psycopg.connect(**params, autocommit=True)

    def database_exists(self):
        with self.admin_connection("postgres") as admin:
            found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
            return found.fetchone() is not None

    def has_data(self):
        if not self.database_exists():
            return False
        with self.admin_connection(self.name) as database:
            found = database.execute("SELECT to_regclass('public.django_migrations')")
            return found.fetchone()[0] is not None

    def snapshot(self, folder):
        """pg_dump's custom format (compressed; pg_dump reads one consistent snapshot and
        blocks no writer)."""
        dump = folder / "clinic.pgdump"
        self.run(["pg_dump", *self.connection_args(self.name), "--format=custom", f"--file={dump}"])
        return dump

    def load(self, member_path):
        """Into a new database on an empty machine; over an existing one, its schema is
        emptied first so tables of a later version cannot linger beside the restored ones.
        pg_restore runs in one transaction: a failure leaves the schema empty, not half full
        (the restore took a safety backup first)."""
        from psycopg import sql

        self.connection.close()
        if self.database_exists():
            with self.admin_connection(self.name) as database, database.transaction():
                database.execute("DROP SCHEMA public CASCADE")
                database.execute("CREATE SCHEMA public")
        else:
            with self.admin_connection("postgres") as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        self.run(
            [
                "pg_restore",
                *self.connection_args(self.name),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                str(member_path),
            ]
        )


def tool_version(program):
    try:
        found = subprocess.run([program, "--version"], capture_output=True, text=True)  # noqa: S603
        return found.stdout.strip()
    except FileNotFoundError:
        return "not installed"
