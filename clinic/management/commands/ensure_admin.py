"""Make sure a superuser `admin` exists, for `make run`.

The password comes from DJANGO_SUPERUSER_PASSWORD; otherwise one is generated, printed once
and kept in var/admin-password.txt (git-ignored) so the next run reuses it.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


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
            return

        password = from_env or read_or_generate(password_file)
        if user is None:
            user = User.objects.create_superuser(USERNAME, "admin@example.com", password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        shown = "from DJANGO_SUPERUSER_PASSWORD" if from_env else password
        self.stdout.write(self.style.SUCCESS(f"Admin login: {USERNAME} / {shown}"))
        self.stdout.write(f"Log in at {settings.WAGTAILADMIN_BASE_URL}/admin/")


def settings_password():
    # Read here, not in settings: it is a one-off bootstrap input, not configuration.
    return os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")


def read_or_generate(path):
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password
