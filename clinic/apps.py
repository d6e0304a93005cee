from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic site"

    def ready(self):
        from clinic import (
            links,  # noqa: F401  (refuses pages with unsafe links, however saved)
            signals,  # noqa: F401  (connects cache invalidation)
            translations,  # noqa: F401  (guards translations like originals)
        )
