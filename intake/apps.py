from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Patient intake"

    def ready(self):
        from intake import (
            erasure_ledger,
            signals,  # noqa: F401  (titles enquiries' log entries by number)
        )

        erasure_ledger.register()
