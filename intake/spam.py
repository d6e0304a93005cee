"""Spam defences of the contact form that never lose a real patient's message.

Only a filled honeypot (a field people never see) is discarded, and never when the message
holds crisis language (intake.views). Everything else that looks automated is stored with
status "spam" for staff to glance at, and the sender sees the ordinary thank-you page either
way, so a bot learns nothing. The rate limit's counts live in the database, where every server
process sees them.
"""

import math
import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from intake.choices import SpamReason
from intake.models import SubmissionWindow

FORM_STARTED_SALT = "intake.form-started"
FORM_STARTED_VALUE = "contact-form"
CLIENT_IP_SALT = "intake.client-ip"

LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
LINK_IN_NAME = re.compile(r"https?:|www\.|://", re.IGNORECASE)
MARKUP = re.compile(r"<a\s+href|\[url[=\]]|\[link[=\]]", re.IGNORECASE)


def form_started_token(request=None):
    """A signed timestamp for the form's hidden field, checked when the form comes back.

    The page cache calls it with the request for every visitor of a cached form page."""
    return signing.TimestampSigner(salt=FORM_STARTED_SALT).sign(FORM_STARTED_VALUE)


def fill_time_reason(token):
    """Why the form's timestamp looks automated, or None when it looks human.

    A person may leave the form open for hours, so only a *young* token is suspicious
    (the page cache gives every visitor a fresh one). Unsigning with the minimum fill time
    as max_age turns that around: "expired" means enough time has passed.
    """
    signer = signing.TimestampSigner(salt=FORM_STARTED_SALT)
    try:
        value = signer.unsign(token or "", max_age=settings.INTAKE_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return None
    except signing.BadSignature:
        return SpamReason.BAD_TIMESTAMP
    return SpamReason.TOO_FAST if value == FORM_STARTED_VALUE else SpamReason.BAD_TIMESTAMP


def content_reasons(name, message):
    reasons = []
    if len(LINK.findall(message)) > settings.INTAKE_SPAM_MAX_LINKS:
        reasons.append(SpamReason.MANY_LINKS)
    if LINK_IN_NAME.search(name):
        reasons.append(SpamReason.LINK_IN_NAME)
    if MARKUP.search(message):
        reasons.append(SpamReason.MARKUP)
    return reasons


def spam_reasons(started_token, name, message):
    """Every reason to file a valid submission as spam; empty when it looks genuine."""
    reasons = content_reasons(name, message)
    if timing := fill_time_reason(started_token):
        reasons.insert(0, timing)
    return reasons


def client_ip(request):
    """The client's address, for the rate limit here and the sign-in lockout (django-axes).

    Behind N proxies of ours (settings.TRUSTED_PROXY_COUNT) it is the Nth X-Forwarded-For
    entry from the right: each proxy appends the address it was sent the request from, and
    whatever stands further left the client wrote itself. With fewer entries than proxies (a
    request that skipped one) the leftmost is the farthest address known. With no proxy the
    header is the client's to forge, so only the connection's address counts."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if proxies <= 0 or not entries:
        return request.META.get("REMOTE_ADDR", "")
    return entries[-min(proxies, len(entries))]


def hash_client_ip(ip):
    """HMAC of the address with the site's secret: comparable, but not reversible offline."""
    return salted_hmac(CLIENT_IP_SALT, ip, algorithm="sha256").hexdigest()


def seconds_until_allowed(ip_hash, now=None):
    """0 when this address may send now, else how long until its window ends."""
    now = now or timezone.now()
    window = SubmissionWindow.objects.filter(client_ip_hash=ip_hash).first()
    if window is None or window.count < settings.INTAKE_RATE_LIMIT_SUBMISSIONS:
        return 0
    ends_at = window.started_at + timedelta(seconds=settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS)
    return max(0, math.ceil((ends_at - now).total_seconds()))


def count_submission(ip_hash, now=None):
    """Count one submission in the address's window, which starts with its first one.

    One conditional UPDATE, so concurrent requests in any number of processes each count."""
    now = now or timezone.now()
    window_start = now - timedelta(seconds=settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS)
    counted = SubmissionWindow.objects.filter(
        client_ip_hash=ip_hash, started_at__gt=window_start
    ).update(count=F("count") + 1)
    if counted:
        return
    # No window yet, or an ended one: this submission opens a new window.
    SubmissionWindow.objects.update_or_create(
        client_ip_hash=ip_hash, defaults={"started_at": now, "count": 1}
    )


def prune_submission_windows(now=None):
    """Delete ended windows (housekeeping); returns how many."""
    now = now or timezone.now()
    window_start = now - timedelta(seconds=settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS)
    deleted, _ = SubmissionWindow.objects.filter(started_at__lte=window_start).delete()
    return deleted
