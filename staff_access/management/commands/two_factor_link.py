"""Print a link with which one person can set up their first two-factor device.

    python manage.py two_factor_link USERNAME

For the first administrator of a new site (nobody can send them one from the admin yet), or
after `reset_two_factor`. Administrators send links from the admin otherwise (Settings,
Users, Two-factor sign-in). The link works once, for that person after their password, for
STAFF_2FA_SETUP_LINK_HOURS; it replaces any earlier link and is recorded in their history.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff_access import devices, setup_links


class Command(BaseCommand):
    help = "Print a single-use link with which a user sets up their first two-factor device."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user with the username {username!r}.") from error
        if devices.has_confirmed_device(user):
            raise CommandError(
                f"{username} has two-factor sign-in set up already. After a lost phone, run "
                f"`manage.py reset_two_factor {username}` first."
            )
        new_link = setup_links.create_link(user)
        hours = settings.STAFF_2FA_SETUP_LINK_HOURS
        self.stdout.write(
            f"Set-up link for {username} (works once, for {hours} hours, after their "
            f"password):\n{new_link.url}"
        )
