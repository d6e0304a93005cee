"""The backup key: an age X25519 secret key ("AGE-SECRET-KEY-1..."), from BACKUP_KEY.

age (through pyrage, the Rust implementation) gives streaming authenticated encryption:
64 KiB chunks of ChaCha20-Poly1305, each checked before it is used, and a cut-off archive is
refused. The secret key opens archives; its public half, derived from it, seals them.
"""

from django.conf import settings
from django.core.management.base import CommandError
from pyrage import IdentityError, x25519

MISSING_KEY = (
    "BACKUP_KEY is not set: backups are encrypted with it and cannot be written or read "
    "without it. Make one with `python manage.py new_backup_key`, keep a copy where the "
    'clinic keeps its other secrets (docs/deploy.md, "Backups"), and set BACKUP_KEY. '
    "Nothing was written."
)


def current_identity():
    """The identity of BACKUP_KEY; a CommandError naming BACKUP_KEY when it is missing."""
    if not settings.BACKUP_KEY:
        raise CommandError(MISSING_KEY)
    return parse_identity(settings.BACKUP_KEY, "BACKUP_KEY")


def all_identities():
    """BACKUP_KEY and BACKUP_OLD_KEYS: every key that may open an archive."""
    identities = [current_identity()]
    for position, key in enumerate(settings.BACKUP_OLD_KEYS, start=1):
        identities.append(parse_identity(key, f"BACKUP_OLD_KEYS (key {position})"))
    return identities


def parse_identity(text, where):
    try:
        return x25519.Identity.from_str(text.strip())
    except (IdentityError, ValueError) as error:
        raise CommandError(
            f"{where} is not an age secret key (it starts with AGE-SECRET-KEY-1). "
            "Make one with `python manage.py new_backup_key`. Nothing was written."
        ) from error


def new_identity():
    return x25519.Identity.generate()
