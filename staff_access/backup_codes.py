"""Backup codes: made at random, kept only as a salted HMAC-SHA256 of the code.

A code is 8 base32 characters (40 bits), typed by hand from paper. Its hash is keyed with the
site's secret key, so a copy of the database alone is not enough to try codes offline; the
per-code salt keeps two equal codes from looking equal. Django's password hashers would
cost half a second a code, and a sign-in checks all ten. Codes hashed under a key that was
moved to SECRET_KEY_FALLBACKS still match.

No model imports here: the migration that hashed the old plain-text codes uses this too.
"""

import secrets
from base64 import b32encode

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALGORITHM = "hmac-sha256"
# Named after the module's old place (clinic/staff_sign_in/). Every stored code is hashed
# with it: a new salt would turn every backup code people hold into a wrong one.
KEY_SALT = "clinic.staff_sign_in.backup_code"
CODE_BYTES = 5  # 8 base32 characters


def new_code():
    return b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii").lower()


def hash_code(code, salt=None, secret=None):
    """The stored form of a code: "hmac-sha256$<salt>$<hex digest>"."""
    salt = salt or secrets.token_hex(16)
    digest = salted_hmac(KEY_SALT, f"{salt}${code}", secret=secret, algorithm="sha256")
    return f"{ALGORITHM}${salt}${digest.hexdigest()}"


def code_matches(code, hashed):
    """Whether the code is the one hashed, in constant time, under the secret key or any
    fallback key."""
    algorithm, salt, _ = hashed.split("$", 2)
    if algorithm != ALGORITHM:
        return False
    matched = False
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        # No early return: the time taken doesn't tell which key matched.
        matched |= constant_time_compare(hash_code(code, salt, secret), hashed)
    return matched
