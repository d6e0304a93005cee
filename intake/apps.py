from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Patient intake"

    def ready(self):
        from intake import signals  # noqa: F401  (titles enquiries' log entries by number)
