from wagtail import hooks

from caching import page_cache


# Runs inside Wagtail's own view-restriction check (order 0), so only a page anyone may see
# is stored. (Content changes retire cached pages through caching/signals.py, wherever they
# are made; editing an enquiry, which is a snippet too, changes nothing a visitor sees.)
@hooks.register("on_serve_page", order=100)
def store_in_page_cache(serve):
    return page_cache.serve_with_cache(serve)
