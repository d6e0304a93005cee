"""Build the fictional demo clinic. Safe to run again: existing content is left as it is."""

from django.core.management.base import BaseCommand
from django.db import transaction

from clinic import demo_translations
from clinic.demo import app_demo_modules, build_site


class Command(BaseCommand):
    help = "Create the demo clinic (settings, pages, articles, contact page). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--english-only",
            action="store_true",
            help="Skip the Spanish pages (the test suite's quicker demo).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        home = build_site()
        # Each app adds its own demo content through an optional `<app>.demo.build(home)`,
        # in INSTALLED_APPS order, so this command needs no knowledge of what they make.
        for module in app_demo_modules():
            module.build(home)
        # Last, once every English page exists: their Spanish versions.
        if not options["english_only"]:
            demo_translations.build(home)
        self.stdout.write(self.style.SUCCESS("Demo site is ready."))
