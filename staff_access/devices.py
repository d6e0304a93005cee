"""A staff member's two-factor devices (django-otp): who needs one, enrolment and code checks.

Each person has at most one authenticator app (django-otp's TOTPDevice) and one set of
single-use backup codes (our BackupCodeDevice, which keeps them hashed).
"""

import enum
import logging
import math
from base64 import b32encode, b64encode
from dataclasses import dataclass

import django_otp
import qrcode
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from staff_access import backup_codes, health_data
from staff_access.models import BackupCode, BackupCodeDevice

logger = logging.getLogger(__name__)

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
APP_CODE_DIGITS = 6


def can_reach_health_data(user):
    """Whether the user holds any permission on a model of health data (health_data.py);
    superusers hold them all."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return not health_data.permissions().isdisjoint(user.get_all_permissions())


def must_use_two_factor(user):
    """Whether the user may not use the admin at all without a confirmed device."""
    return settings.STAFF_REQUIRE_2FA and can_reach_health_data(user)


def has_confirmed_device(user):
    return django_otp.user_has_device(user, confirmed=True)


def pending_app_device(user):
    """The authenticator being set up: the same one until confirmed, so a reload of the page
    shows the QR code the person may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def device_being_set_up(user, posted_id, verified_device):
    """The authenticator a set-up form was for: the one it names, if it is still being set up
    or it is the one this session just signed in with (a second click on the button, after
    the first confirmed it), else the one being set up now."""
    if posted_id and str(posted_id).isdigit():
        device = TOTPDevice.objects.filter(user=user, pk=posted_id).first()
        if device is not None and (not device.confirmed or device == verified_device):
            return device
    return pending_app_device(user)


def qr_code_data_uri(device):
    """The device's otpauth:// address as an SVG QR code inline, so no request leaves the site.

    The white background keeps it scannable in the admin's dark theme.
    """
    svg = qrcode.make(device.config_url, image_factory=SvgPathFillImage).to_string()
    return "data:image/svg+xml;base64," + b64encode(svg).decode("ascii")


def secret_key_text(device):
    """The secret in base32, in groups of four, for typing into an app that can't scan."""
    key = b32encode(device.bin_key).decode("ascii")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def is_app_code(code):
    return len(code) == APP_CODE_DIGITS and code.isdigit()


def device_for_code(user, code):
    """The confirmed device that would check this code: six digits are for the app, anything
    else is a backup code, so a mistyped app code never slows down the backup codes."""
    model = TOTPDevice if is_app_code(code) else BackupCodeDevice
    return model.objects.filter(user=user, confirmed=True).first()


def seconds_until_allowed(device):
    """How long the device refuses every code after wrong ones (django-otp doubles the wait
    after each failure), or 0 when it accepts codes now."""
    if device is None:
        return 0
    allowed, details = device.verify_is_allowed()
    if allowed or not details or "locked_until" not in details:
        return 0
    return max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))


class Check(enum.Enum):
    """What checking a code found."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    # A right code that was used already (an app code within its 30 seconds, a backup code
    # ever): refused, but it says nothing about guessing, so it doesn't add to the wait.
    ALREADY_USED = "already used"
    THROTTLED = "throttled"


def app_code_was_used(device, code):
    """Whether the code is one the app showed at a time step already used to sign in or set
    up, among the steps django-otp would otherwise accept now (it refuses any step at or
    before the last one used)."""
    if device.last_t < 0 or not code.isdigit():
        return False
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    last_step = min(device.last_t, now + device.tolerance)
    used = False
    for step in range(now - device.tolerance, last_step + 1):
        expected = f"{hotp(device.bin_key, step, device.digits):0{device.digits}d}"
        used |= constant_time_compare(expected, code)
    return used


def was_used(device, code):
    if isinstance(device, TOTPDevice):
        return app_code_was_used(device, code)
    return device.was_used(code)


@dataclass(frozen=True)
class CodeCheck:
    result: Check
    wait_seconds: int = 0  # when THROTTLED


def check(device, code):
    """Check the code with the device; locks the device row so a code can't be used twice at
    once. A code used already is told apart from a wrong one."""
    if device is None:
        return CodeCheck(Check.WRONG)
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        wait = seconds_until_allowed(locked)
        if wait:
            return CodeCheck(Check.THROTTLED, wait)
        if was_used(locked, code):
            return CodeCheck(Check.ALREADY_USED)
        if locked.verify_token(code):
            return CodeCheck(Check.ACCEPTED)
    logger.warning("Wrong two-factor code for user %s", device.user_id)
    return CodeCheck(Check.WRONG)


def confirm_app_device(device):
    """Make the device the user's authenticator (replacing any earlier one) and issue new
    backup codes, which are returned to be shown once. Call inside a transaction."""
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = replace_backup_codes(device.user)
    logger.info("Two-factor sign-in set up for user %s", device.user_id)
    return codes


def replace_backup_codes(user):
    BackupCodeDevice.objects.filter(user=user).delete()
    device = BackupCodeDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [backup_codes.new_code() for _ in range(BACKUP_CODE_COUNT)]
    BackupCode.objects.bulk_create(
        BackupCode(device=device, hashed=backup_codes.hash_code(code)) for code in codes
    )
    return codes


def backup_codes_left(user):
    return BackupCode.objects.filter(
        device__user=user, device__confirmed=True, used_at__isnull=True
    ).count()


def remove_devices(user):
    """Delete every two-factor device of the user (a lost phone); returns how many."""
    removed = 0
    with transaction.atomic():
        for device in list(django_otp.devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    logger.info("Removed %s two-factor devices of user %s", removed, user.pk)
    return removed
