"""Set-up links: what a person needs, besides their password, to set up a first device.

Someone who has stolen a password must not be able to attach their own authenticator to the
account (and from then on pass the second factor as its owner). So a first device can only
be set up after opening a link an administrator created for that person: it works once, for
its owner only, for STAFF_2FA_SETUP_LINK_HOURS, and only after the person has signed in with
their password. Opening it lets the session set up a device; confirming the device uses it.
Replacing a device needs the current one instead (see views.SetupView).
"""

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from staff_access.models import SetupLink, token_digest

logger = logging.getLogger(__name__)

SESSION_KEY = "two_factor:setup_link"
# Audit log actions, kept under the app label: the log holds entries written with them.
LOG_LINK_CREATED = "staff_sign_in.setup_link"
LOG_SET_UP = "staff_sign_in.set_up"


@dataclass(frozen=True)
class NewLink:
    link: SetupLink
    url: str


def link_url(token):
    path = reverse("two_factor:setup_link", kwargs={"token": token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def create_link(user, created_by=None):
    """A new set-up link for the user, replacing any unused one, logged on the user.

    `created_by` is the administrator, or None for a command run on the server."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        SetupLink.objects.filter(user=user, used_at__isnull=True).delete()
        link = SetupLink.objects.create(
            user=user,
            token_hash=token_digest(token),
            created_by=created_by,
            created_at=now,
            expires_at=now + timedelta(hours=settings.STAFF_2FA_SETUP_LINK_HOURS),
        )
        log(
            instance=user,
            action=LOG_LINK_CREATED,
            user=created_by,
            data={"expires_at": link.expires_at.isoformat()},
        )
    logger.info("Two-factor set-up link created for user %s", user.pk)
    return NewLink(link=link, url=link_url(token))


def find_link(token):
    return SetupLink.objects.filter(token_hash=token_digest(token)).first()


def allow_setup(request, link):
    """Let this session set up a device with the link (it is used when the device is
    confirmed)."""
    request.session[SESSION_KEY] = link.pk


def granted_link(request):
    """The usable link this session opened for the signed-in person, or None."""
    link_id = request.session.get(SESSION_KEY)
    if link_id is None:
        return None
    return SetupLink.objects.usable().filter(pk=link_id, user=request.user).first()


def use_granted_link(request):
    """Mark the session's link used, inside the transaction confirming the device. False if
    it is no longer usable (used in another session meanwhile, or expired)."""
    link_id = request.session.pop(SESSION_KEY, None)
    if link_id is None:
        return False
    used = (
        SetupLink.objects.usable()
        .filter(pk=link_id, user=request.user)
        .update(used_at=timezone.now())
    )
    return used == 1


def log_set_up(user):
    log(instance=user, action=LOG_SET_UP, user=user)


def email_link(new_link, sent_by):
    """Email the link to its owner. Returns None when sent, else the reason it was not (for
    the administrator, who can then hand the link over another way)."""
    user = new_link.link.user
    if not user.email:
        return "They have no email address."
    context = {
        "name": user.get_full_name() or user.get_username(),
        "sent_by": sent_by.get_full_name() or sent_by.get_username(),
        "url": new_link.url,
        "expires_at": new_link.link.expires_at,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    body = render_to_string("staff_access/setup_link_email.txt", context)
    try:
        send_mail(
            f"Set up two-factor sign-in for {settings.WAGTAIL_SITE_NAME}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    except (smtplib.SMTPException, OSError) as error:
        logger.warning(
            "Two-factor set-up link for user %s not emailed: %s", user.pk, type(error).__name__
        )
        return f"The email could not be sent ({type(error).__name__})."
    return None
