from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Patient intake"

    def ready(self):
        from intake import (
            erasure_ledger,
            pages,  # noqa: F401  (the contact page type: kept out of models.py, see its docstring)
            signals,  # noqa: F401  (titles enquiries' log entries by number)
            tasks,  # noqa: F401  (queues a received enquiry's emails)
        )

        erasure_ledger.register()
