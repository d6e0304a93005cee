from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic site"

    def ready(self):
        from caching.signals import count_as_content
        from clinic import (
            links,  # noqa: F401  (refuses pages with unsafe links, however saved)
            translations,  # noqa: F401  (guards translations like originals)
        )
        from clinic.site_settings import ClinicSettings

        count_as_content(ClinicSettings)  # every page shows the clinic's settings
