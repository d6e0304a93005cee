"""The archive: one tar stream, encrypted with age as it is written, so nothing is held in
memory and no plaintext copy of the whole is ever on disk.

Members, in order: `manifest.json` (what, when, versions, migrations), `erasures.jsonl` (the
erasure ledger), the database (`database/...`), the media files (`media/...`), and last
`checksums.json`, the SHA-256 and size of every member before it (media are hashed as they
stream, so the list can only come at the end).

tarfile writes into one end of a pipe while pyrage encrypts from the other in a thread (and
the reverse for reading); each side stops the other when it fails.
"""

import hashlib
import io
import json
import os
import tarfile
import threading
import time
from pathlib import Path, PurePosixPath

import pyrage
from django.core.management.base import CommandError

MANIFEST = "manifest.json"
LEDGER = "erasures.jsonl"
CHECKSUMS = "checksums.json"
DATABASE_PREFIX = "database/"
MEDIA_PREFIX = "media/"
FORMAT = "clinic-backup"
FORMAT_VERSION = 1
CHUNK = 1 << 20

WRONG_KEY = (
    "BACKUP_KEY does not open this archive: it was sealed with another key. If the key was "
    "rotated since, put the old one in BACKUP_OLD_KEYS. Nothing was changed."
)
DAMAGED = "The archive is damaged or incomplete ({reason}). Nothing was changed."


class ArchiveWriter:
    """Adds members to the tar stream and remembers each one's checksum."""

    def __init__(self, tar):
        self.tar = tar
        self.checksums = {}

    def add_bytes(self, name, data, mtime=None):
        self.add_stream(name, io.BytesIO(data), len(data), mtime)

    def add_file(self, name, path):
        stat = os.stat(path)
        with open(path, "rb") as source:
            self.add_stream(name, source, stat.st_size, stat.st_mtime)

    def add_stream(self, name, stream, size, mtime=None):
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(mtime if mtime is not None else time.time())
        info.mode = 0o600
        hashing = HashingReader(stream)
        self.tar.addfile(info, hashing)
        self.checksums[name] = {"sha256": hashing.hexdigest(), "size": size}

    def finish(self):
        data = json.dumps(self.checksums, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(CHECKSUMS)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()


class HashingReader:
    def __init__(self, stream):
        self.stream = stream
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.sha256.update(data)
        return data

    def hexdigest(self):
        return self.sha256.hexdigest()


def write(destination, recipient, add_members):
    """Write the archive to `destination` (a new file), sealed for `recipient`;
    `add_members(writer)` adds everything but the checksums."""
    read_end, write_end = os.pipe()
    failures = []

    def encrypt():
        try:
            with (
                os.fdopen(read_end, "rb", buffering=CHUNK) as plain,
                open(destination, "xb") as sealed,
            ):
                os.fchmod(sealed.fileno(), 0o600)
                pyrage.encrypt_io(plain, sealed, [recipient])
        except BaseException as error:  # reported in the calling thread below
            failures.append(error)

    thread = threading.Thread(target=encrypt, name="backup-encrypt")
    thread.start()
    try:
        with (
            os.fdopen(write_end, "wb", buffering=CHUNK) as plain,
            tarfile.open(fileobj=plain, mode="w|", format=tarfile.PAX_FORMAT) as tar,
        ):
            writer = ArchiveWriter(tar)
            add_members(writer)
            writer.finish()
    except BrokenPipeError:
        pass  # the encryption stopped: its own error, below, says why
    finally:
        thread.join()
    if failures:
        raise failures[0]
    return writer.checksums


class ArchiveReader:
    """Reads every member, checks it against `checksums.json`, and gives the members to
    `keep(name, stream)` to store (or to nobody, for `backup --verify`)."""

    def __init__(self, keep=None):
        self.keep = keep
        self.manifest = None
        self.ledger_lines = []
        self.hashes = {}
        self.checksums = None

    def read_member(self, member, stream):
        name = member.name
        if not member.isfile():
            raise CommandError(DAMAGED.format(reason=f"unexpected entry {name!r}"))
        if name == CHECKSUMS:
            self.checksums = json.loads(stream.read())
            return
        check_member_name(name)
        hashing = HashingReader(stream)
        if name == MANIFEST:
            self.manifest = json.loads(hashing.read())
        elif name == LEDGER:
            self.ledger_lines = hashing.read().decode().splitlines()
        elif self.keep is not None:
            self.keep(name, hashing)
        else:
            while hashing.read(CHUNK):
                pass
        self.hashes[name] = {"sha256": hashing.hexdigest(), "size": member.size}

    def check(self):
        if self.manifest is None or self.manifest.get("format") != FORMAT:
            raise CommandError(DAMAGED.format(reason="it is not a backup of this site"))
        if self.checksums is None:
            raise CommandError(DAMAGED.format(reason="its list of checksums is missing"))
        if self.checksums != self.hashes:
            wrong = sorted(set(self.checksums.items()) ^ set(self.hashes.items()))
            names = sorted({name for name, _ in wrong})[:5]
            raise CommandError(DAMAGED.format(reason=f"checksums differ: {', '.join(names)}"))


def check_member_name(name):
    """Only plain relative paths inside the archive's own folders: nothing may be written
    outside the restore's staging folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "" in path.parts:
        raise CommandError(DAMAGED.format(reason=f"unsafe path {name!r}"))
    if name in (MANIFEST, LEDGER) or name.startswith((DATABASE_PREFIX, MEDIA_PREFIX)):
        return
    raise CommandError(DAMAGED.format(reason=f"unexpected entry {name!r}"))


def read(source, identities, reader):
    """Decrypt `source` and pass every member to `reader`; then check the checksums."""
    read_end, write_end = os.pipe()
    failures = []

    def untar():
        try:
            with os.fdopen(read_end, "rb", buffering=CHUNK) as plain:
                with tarfile.open(fileobj=plain, mode="r|") as tar:
                    for member in tar:
                        reader.read_member(member, tar.extractfile(member))
                while plain.read(CHUNK):  # tar's padding: decryption must finish writing
                    pass
        except BaseException as error:
            failures.append(error)

    thread = threading.Thread(target=untar, name="backup-untar")
    thread.start()
    decrypt_error = None
    try:
        with open(source, "rb") as sealed, os.fdopen(write_end, "wb", buffering=CHUNK) as out:
            pyrage.decrypt_io(sealed, out, identities)
    except (pyrage.DecryptError, OSError) as error:
        decrypt_error = error
    finally:
        thread.join()  # the pipe is closed: the reading side sees its end and stops
    raise_read_failure(decrypt_error, failures[0] if failures else None)
    reader.check()
    return reader


def raise_read_failure(decrypt_error, read_error):
    """One clear message for whichever side failed first. The reading side's own refusals
    (an unsafe path) stop decryption with a broken pipe, so they win; otherwise decryption's
    error is the cause and the reading side only saw the stream end early."""
    if isinstance(read_error, CommandError):
        raise read_error
    if isinstance(decrypt_error, pyrage.DecryptError) and "No matching keys" in str(decrypt_error):
        raise CommandError(WRONG_KEY) from decrypt_error
    if decrypt_error is not None:
        reason = f"it could not be decrypted: {decrypt_error}"
        raise CommandError(DAMAGED.format(reason=reason)) from decrypt_error
    if read_error is not None:
        reason = f"{type(read_error).__name__}: {read_error}"
        raise CommandError(DAMAGED.format(reason=reason)) from read_error


def open_source(path):
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"There is no backup file at {path}. Nothing was changed.")
    return path
