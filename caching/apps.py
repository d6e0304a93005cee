from django.apps import AppConfig


class CachingConfig(AppConfig):
    """What the site keeps to answer fast (whole pages, routes, fragments, settings) and the
    one content version that retires it all. Infrastructure: it imports no feature app; each
    app names what it shows visitors (`caching.signals.count_as_content`)."""

    name = "caching"
    verbose_name = "Caching"

    def ready(self):
        from caching import signals  # noqa: F401  (retires cached copies on every change)
