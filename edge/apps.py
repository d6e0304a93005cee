from django.apps import AppConfig


class EdgeConfig(AppConfig):
    """The edge cache in front of the site (Varnish, deploy/varnish/): purged whenever the
    content version moves. Infrastructure: it knows no feature app."""

    name = "edge"
    verbose_name = "Edge cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from caching.content_version import content_changed
        from edge import purging

        content_changed.connect(purging.purge_after_commit, dispatch_uid="edge-purge")
