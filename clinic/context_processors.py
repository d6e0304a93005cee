"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from clinic import page_cache


def content_version(request):
    """`content_version`, for the keys of fragments that show pages, snippets or settings.

    The page cache's version moves on every publish, unpublish, move, snippet or settings
    edit, so a fragment keyed by it is never stale. Read from the cache only when a template
    uses it."""
    return {"content_version": SimpleLazyObject(lambda: page_cache.current_version(request))}
