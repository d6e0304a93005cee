"""Spam defences of the contact form that never lose a real patient's message.

Only a filled honeypot (a field people never see) is discarded. Everything else that looks
automated is stored with status "spam" for staff to glance at, and the sender sees the
ordinary thank-you page either way, so a bot learns nothing.
"""

import re

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from intake.choices import SpamReason

FORM_STARTED_SALT = "intake.form-started"
FORM_STARTED_VALUE = "contact-form"
CLIENT_IP_SALT = "intake.client-ip"
RATE_LIMIT_KEY = "intake:rate:{}"

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
    if settings.INTAKE_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last_hop = forwarded.rsplit(",", 1)[-1].strip()
        if last_hop:
            return last_hop
    return request.META.get("REMOTE_ADDR", "")


def hash_client_ip(ip):
    """HMAC of the address with the site's secret: comparable, but not reversible offline."""
    return salted_hmac(CLIENT_IP_SALT, ip, algorithm="sha256").hexdigest()


def is_rate_limited(ip_hash):
    return cache.get(RATE_LIMIT_KEY.format(ip_hash), 0) >= settings.INTAKE_RATE_LIMIT_SUBMISSIONS


def count_submission(ip_hash):
    """Count one submission in the address's window, which starts with its first one."""
    key = RATE_LIMIT_KEY.format(ip_hash)
    window = settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(): this submission opens a new one.
        cache.set(key, 1, timeout=window)
