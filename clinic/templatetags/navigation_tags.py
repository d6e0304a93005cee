"""Navigation helpers: the primary menu, breadcrumbs, and the page in other languages."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site

from caching.site_urls import absolute_url

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
            translated.locale.language_code: translated
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }
        urls = {
            code: translated_url(request, translated, code)
            for code, translated in translations.items()
        }
    else:
        urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
    versions = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": urls[code],
            # On the site's own root URL, never the request's host (caching/site_urls.py).
            "full_url": absolute_url(request, urls[code]),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
        if urls.get(code)
    ]
    # The head's alternates and the header's switch both ask, in one request.
    request._language_versions = (page, versions)
    return versions


def translated_url(request, translated, language_code):
    """The URL of `translated` (a version of the page being served) in its language, at the
    same sub-page: the Spanish thank-you page for the English one, not the empty form."""
    url = translated.get_url(request)
    match = getattr(request, "routable_resolver_match", None)
    if not url or match is None or not match.url_name:
        return url
    specific = translated.specific
    if not isinstance(specific, RoutablePageMixin):
        return url
    with translation.override(language_code):
        subpage = specific.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    return url + subpage


def carried_query(request, language_code):
    """The query string the language switch keeps: what the reader searched for (?q=) and the
    page they came from (?from=, as that page's version in `language_code`)."""
    carried = {}
    if request.GET.get("q"):
        carried["q"] = request.GET["q"]
    source = request.GET.get("from", "")
    if source.isdecimal() and len(source) <= 10:
        translated = source_in_language(int(source), language_code)
        if translated is not None:
            carried["from"] = translated.pk
    return f"?{urlencode(carried)}" if carried else ""


def source_in_language(page_id, language_code):
    page = Page.objects.filter(pk=page_id).live().first()
    if page is None:
        return None
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    translated = page.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else None


@register.simple_tag(takes_context=True)
def other_language_links(context):
    """Where the language switch leads: the same page in each other language (the same
    sub-page, the same ?from= and ?q=), or, where the page has no version in that language,
    that language's home page with a note in that language that says so."""
    request = context["request"]
    versions = {version["code"]: version for version in language_versions(context)}
    site = Site.find_for_request(request)
    links = []
    for code, _name in settings.LANGUAGES:
        if code == get_language():
            continue
        link = {"code": code, "name": get_language_info(code)["name_local"]}
        version = versions.get(code)
        if version:
            links.append({**link, "url": version["url"] + carried_query(request, code)})
            continue
        url = home_url_in(site, code, request)
        if url:
            with translation.override(code):
                note = _("This page is not available in this language: go to the home page")
            links.append({**link, "url": url, "untranslated_note": note})
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
