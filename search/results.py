"""Finding pages for a search: live public pages of the visitor's site, articles first."""

from django.utils.functional import cached_property
from wagtail.models import Locale, Page

from articles.models import ArticlePage


def live_pages(queryset, site):
    """`queryset` narrowed to the live public pages of `site` (of every site when None), in
    the language being read."""
    pages = queryset.live().public().filter(locale=Locale.get_active())
    # Each language has a home page of its own: the site's root is the English one.
    return pages.descendant_of(site.root_page.localized, inclusive=True) if site else pages


def find_pages(site, query):
    """Pages matching `query`: articles, then every other page, each group by relevance.

    Articles answer the health questions people search for; About-type pages mention the same
    words in passing and, being short, would otherwise often outrank them."""
    articles = (
        live_pages(ArticlePage.objects.all(), site)
        .defer_streamfields()
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
    )
    # specific() loads each page type in one query, so a card's summary costs nothing more.
    others = live_pages(Page.objects.not_type(ArticlePage), site).defer_streamfields().specific()
    return ResultGroups(articles.search(query), others.search(query))


class ResultGroups:
    """Search results in groups, read as one list by Django's Paginator: counting and slicing
    cost a query or two per group, however many results there are."""

    def __init__(self, *groups):
        self.groups = groups

    @cached_property
    def counts(self):
        return [group.count() for group in self.groups]

    def count(self):
        return sum(self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("ResultGroups only supports slices, as a Paginator takes them.")
        start = window.start or 0
        stop = self.count() if window.stop is None else window.stop
        items = []
        offset = 0
        for group, size in zip(self.groups, self.counts, strict=True):
            if start < offset + size and stop > offset:
                items.extend(group[max(start - offset, 0) : min(stop, offset + size) - offset])
            offset += size
        return items
