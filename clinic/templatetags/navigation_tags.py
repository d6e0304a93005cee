"""Navigation helpers: the primary menu, breadcrumbs, and the page in other languages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from clinic.site_urls import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def primary_menu_pages(context):
    """Live, public children of the site root that editors marked 'show in menus'."""
    root = site_root(context)
    if root is None:
        return []
    return list(root.get_children().live().public().in_menu().order_by("path"))


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the language being read (the English one where there is no other)."""
    site = Site.find_for_request(context["request"])
    return site.root_page.localized if site else None


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """Ancestors of `page` below the tree root, from the home page down (page excluded)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    # Breadcrumbs and structured data both ask; remember the answer on the page object.
    if not hasattr(page, "_breadcrumb_ancestors"):
        page._breadcrumb_ancestors = list(
            page.get_ancestors().filter(depth__gte=2).specific(defer=True)
        )
    return page._breadcrumb_ancestors


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each of the site's languages, as {code, name, url, full_url, current}: a
    page's
    own live translations (none where it has no translation), or, for a page that is not a
    CMS page (search), its address under the other language's prefix."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    remembered = getattr(request, "_language_versions", None)
    if remembered is not None and remembered[0] is page:
        return remembered[1]
    if isinstance(page, Page):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
        urls = {code: translation.get_url(request) for code, translation in translations.items()}
    else:
        urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
    versions = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": urls[code],
            # On the site's own root URL, never the request's host (clinic/site_urls.py).
            "full_url": absolute_url(request, urls[code]),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
        if urls.get(code)
    ]
    # The head's alternates and the header's switch both ask, in one request.
    request._language_versions = (page, versions)
    return versions


@register.simple_tag(takes_context=True)
def other_language_links(context):
    """Where the language switch leads: the same page in each other language, or that
    language's home page when the page has no version in it."""
    versions = {version["code"]: version for version in language_versions(context)}
    site = Site.find_for_request(context["request"])
    links = []
    for code, _name in settings.LANGUAGES:
        if code == get_language():
            continue
        version = versions.get(code)
        url = version["url"] if version else home_url_in(site, code, context["request"])
        if url:
            links.append({"code": code, "name": get_language_info(code)["name_local"], "url": url})
    return links


def home_url_in(site, language_code, request):
    if site is None:
        return None
    home = (
        site.root_page.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code=language_code)
        .first()
    )
    return home.get_url(request) if home else None
