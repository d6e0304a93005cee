"""The sitemap of every language's pages, each listing its versions in the other languages
(hreflang alternates, English as x-default), which Wagtail's own sitemap leaves out."""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_home = Q()
        for home in homes:
            in_any_home |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_any_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    # Neither Django nor Wagtail offers a public hook for one entry's alternates (Django's
    # i18n alternates assume one object per language under translation.override), so this
    # overrides the private `_urls` that Django's get_urls calls and that Wagtail overrides
    # itself. tests/test_private_upstream_apis.py fails when either changes: re-read this then.
    def _urls(self, page, protocol, domain):
        """Wagtail's own listing, with each page's own URL given its alternates."""
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            own_url = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                if url_info["location"] == own_url:
                    url_info["alternates"] = alternates(item, self.request)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def alternates(page, request):
    """[{lang_code, location}] of the page's live versions, when it has more than one."""
    versions = page.get_translations(inclusive=True).live().select_related("locale")
    locations = {
        version.locale.language_code: version.get_full_url(request) for version in versions
    }
    if len(locations) < 2:
        return []
    links = [{"lang_code": code, "location": url} for code, url in sorted(locations.items())]
    default = locations.get(settings.LANGUAGE_CODE)
    return links + ([{"lang_code": "x-default", "location": default}] if default else [])
