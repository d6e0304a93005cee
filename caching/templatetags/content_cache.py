"""`{% contentcache %}`: a rendered fragment kept under the content version.

    {% load content_cache %}
    {% contentcache article_content page.pk %}...{% endcontentcache %}

The fragment's name (a bare word) and the values after it make its key, with the content
version always added, so no fragment can miss a change to the pages, snippets or settings it
shows. Entries never change under their key, so each process keeps its own (the "versioned"
cache). Like Wagtail's `{% wagtailcache %}`, it renders afresh in previews and wherever the
request is unknown.
"""

from django import template
from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

from caching import content_version, site_urls

register = template.Library()


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, fragment_name, vary_on):
        self.nodelist = nodelist
        self.fragment_name = fragment_name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        # Each language renders its own copy (the site's own words are translated).
        vary_on = [get_language(), *(variable.resolve(context) for variable in self.vary_on)]
        key = content_version.fragment_key(self.fragment_name, vary_on, request=request)
        cache = caches["versioned"]
        fragment = cache.get(key)
        if fragment is None:
            fragment = self.nodelist.render(context)
            # Kept only when asked for by the site's own host (and not on an error page):
            # other requests must not fill the cache everyone renders from.
            if site_urls.may_fill_shared_caches(request):
                cache.set(key, fragment, timeout=settings.PAGE_CACHE_SECONDS)
        return fragment


@register.tag
def contentcache(parser, token):
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'contentcache' needs a fragment name.")
    return ContentCacheNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
