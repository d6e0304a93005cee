"""Make sure a superuser `admin` exists, for `make run`.

The password comes from DJANGO_SUPERUSER_PASSWORD, refused if Django's password validators
would refuse it; otherwise one is generated, printed once and kept in var/admin-password.txt
(git-ignored) so the next run reuses it.

Two-factor sign-in is required of `admin` as of everyone who can read enquiries, and a first
authenticator needs a set-up link besides the password. While `admin` has none, each run
prints a new link (replacing the last one), valid for STAFF_2FA_SETUP_LINK_HOURS.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from staff_access import devices, setup_links

USERNAME = "admin"
EMAIL = "admin@example.com"


class Command(BaseCommand):
    help = "Create the superuser 'admin' if missing and say how to log in."

    def handle(self, *args, **options):
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        from_env = settings_password()

        if user is not None and not from_env:
            where = password_file.relative_to(settings.BASE_DIR)
            self.stdout.write(
                f"Admin login: {USERNAME} (password in {where})"
                if password_file.exists()
                else f"Admin login: {USERNAME} (password unchanged)"
            )
            self.print_setup_link(user)
            return

        if from_env:
            check_strength(from_env, user or User(username=USERNAME, email=EMAIL))
        password = from_env or read_or_generate(password_file)
        if user is None:
            user = User.objects.create_superuser(USERNAME, EMAIL, password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        shown = "from DJANGO_SUPERUSER_PASSWORD" if from_env else password
        self.stdout.write(self.style.SUCCESS(f"Admin login: {USERNAME} / {shown}"))
        self.stdout.write(f"Log in at {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.print_setup_link(user)

    def print_setup_link(self, user):
        if devices.has_confirmed_device(user):
            return
        new_link = setup_links.create_link(user)
        hours = settings.STAFF_2FA_SETUP_LINK_HOURS
        self.stdout.write(
            f"Two-factor sign-in is needed to read enquiries. To set it up, open this link "
            f"within {hours} hours and sign in as {USERNAME} (it works once):\n  {new_link.url}"
        )


def settings_password():
    # Read here, not in settings: it is a one-off bootstrap input, not configuration.
    return os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")


def check_strength(password, user):
    """Refuse a password Django's validators (AUTH_PASSWORD_VALIDATORS) would refuse in the
    admin: this account can read every enquiry. Never repeats the password."""
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        reasons = " ".join(error.messages)
        raise CommandError(
            f"DJANGO_SUPERUSER_PASSWORD is too weak for the {USERNAME} account: {reasons} "
            "Choose a longer, less common password (or leave the variable empty to have one "
            "generated); the account was left as it was."
        ) from None


def read_or_generate(path):
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password
