"""What two-factor sign-in keeps: backup codes (hashed) and the set-up links administrators send.

The authenticator app itself is django-otp's TOTPDevice. django-otp's own backup-code device
(otp_static) keeps codes in plain text and compares them as text, so the codes live here.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from staff_access import backup_codes


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's single-use backup codes, for signing in without their phone.

    A used code stays, marked used, so that entering it again can be told apart from a wrong
    code; it never works again.
    """

    class Meta(Device.Meta):
        verbose_name = "backup codes"
        verbose_name_plural = "backup codes"

    def get_throttle_factor(self):
        return settings.OTP_STATIC_THROTTLE_FACTOR

    def matching_code(self, token):
        """The code (used or not) that the token is, or None. Checks every code, so the time
        taken doesn't tell how many there are before the match."""
        found = None
        for code in self.codes.all():
            if backup_codes.code_matches(token, code.hashed) and found is None:
                found = code
        return found

    def was_used(self, token):
        code = self.matching_code(token)
        return code is not None and code.used_at is not None

    def verify_token(self, token):
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        code = self.matching_code(token)
        if code is None or code.used_at is not None:
            self.throttle_increment()
            return False
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True

    def codes_left(self):
        return self.codes.filter(used_at__isnull=True).count()


class BackupCode(models.Model):
    """One backup code, as its salted hash only."""

    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    hashed = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "backup code"

    def __str__(self):
        return f"Backup code #{self.pk}"  # never the code, nor its hash


def token_digest(token):
    """A set-up link's token as stored: its SHA-256. The token is 256 random bits, so a plain
    hash is enough to make a copy of the database useless for opening links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SetupLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SetupLink(models.Model):
    """Lets one person set up their first two-factor device: a password alone never does.

    An administrator creates it (or `ensure_admin`/`two_factor_link` on the command line); it
    works once, for its owner only, until it expires. Only the token's hash is kept.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_setup_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = SetupLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "two-factor set-up link"

    def __str__(self):
        return f"Two-factor set-up link #{self.pk}"

    @property
    def is_usable(self):
        return self.used_at is None and self.expires_at > timezone.now()
