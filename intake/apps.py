from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Patient intake"

    def ready(self):
        from intake import (
            checks,  # noqa: F401  (the crisis model loads where the site is deployed)
            erasure_ledger,
            pages,  # noqa: F401  (the contact page type: kept out of models.py, see its docstring)
            signals,  # noqa: F401  (titles enquiries' log entries by number)
            tasks,  # noqa: F401  (queues a received enquiry's emails)
        )
        from intake.models import Enquiry
        from staff_access import health_data

        erasure_ledger.register()
        # Enquiries are health information. Any permission on the model lets a person into the
        # workspace where they are read (changing or erasing one means opening it first), so
        # every permission of it counts, including any added later, not only "view".
        health_data.register(Enquiry)
