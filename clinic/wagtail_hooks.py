"""Admin and serving hooks of the site-wide app."""

from wagtail import hooks

from clinic import page_cache


# Runs inside Wagtail's own view-restriction check (order 0), so a private page is never
# served from the cache to someone who may not see it.
@hooks.register("on_serve_page", order=100)
def serve_from_page_cache(serve):
    return page_cache.serve_with_cache(serve)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def invalidate_page_cache_after_snippet_change(request, instance_or_instances):
    page_cache.invalidate_all()
