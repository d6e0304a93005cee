"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from caching import content_version as versions


def content_version(request):
    """`content_version` (caching/content_version.py), read only when a template uses it.
    Fragments take it through `{% contentcache %}`, which adds it to their key itself."""
    return {"content_version": SimpleLazyObject(lambda: versions.current(request))}
