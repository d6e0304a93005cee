"""Remove a staff member's two-factor devices, e.g. after a lost phone.

    python manage.py reset_two_factor USERNAME

They are signed out of two-factor at once (their current sessions stop counting as verified).
A new authenticator needs a set-up link, as a first one does: an administrator sends one from
the admin (Settings, Users), or `manage.py two_factor_link USERNAME` prints one.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff_access.devices import remove_devices


class Command(BaseCommand):
    help = "Remove every two-factor device (authenticator app, backup codes) of one user."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user with the username {username!r}.") from error
        removed = remove_devices(user)
        self.stdout.write(
            f"Removed {removed} two-factor device(s) of user #{user.pk}. For a new one they need "
            f"a set-up link: send one from the admin (Settings, Users), or run "
            f"`manage.py two_factor_link {username}`."
        )
