"""Navigation helpers: the primary menu and breadcrumbs."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def primary_menu_pages(context):
    """Live, public children of the site root that editors marked 'show in menus'."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().order_by("path"))


@register.simple_tag(takes_context=True)
def site_root(context):
    site = Site.find_for_request(context["request"])
    return site.root_page if site else None


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
