"""Compile the site's translation catalogues (locale/*/LC_MESSAGES/*.po) to .mo files.

    python manage.py compile_catalogue

Django's own `compilemessages` needs GNU gettext on the machine; this uses polib (pure Python,
already installed for wagtail-localize), so `make run` and `make test` need nothing but
Python. The compiled .mo files are committed; tests/test_spanish_catalogue.py fails when one
is older than its .po. Fuzzy and untranslated entries are left out, as msgfmt does.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_paths():
    """Every .po file under the project's LOCALE_PATHS, in a stable order."""
    paths = []
    for locale_path in settings.LOCALE_PATHS:
        paths.extend(sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")))
    return paths


def compile_catalogue(po_path):
    """Write the .mo beside `po_path`; True when it changed (an unchanged one is not
    rewritten, so a clean checkout stays clean)."""
    mo_path = po_path.with_suffix(".mo")
    compiled = polib.pofile(str(po_path)).to_binary()
    if mo_path.exists() and mo_path.read_bytes() == compiled:
        return False
    mo_path.write_bytes(compiled)
    return True


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo with polib (no system gettext needed)."

    def handle(self, *args, **options):
        paths = catalogue_paths()
        if not paths:
            self.stdout.write("No .po files under LOCALE_PATHS.")
        for po_path in paths:
            changed = compile_catalogue(po_path)
            state = "compiled" if changed else "up to date"
            self.stdout.write(f"{po_path.with_suffix('.mo')}: {state}")
