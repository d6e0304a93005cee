"""Move the content version whenever what pages show changes: cached pages, routes, settings
and fragments (navigation, footer, rendered articles) are all keyed by it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from clinic import page_cache
from clinic.models import ClinicSettings


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def on_page_tree_change(sender, **kwargs):
    page_cache.invalidate_all()


@receiver(post_delete)
def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.invalidate_all()


@receiver(post_save, sender=ClinicSettings)
@receiver(post_delete, sender=ClinicSettings)
def on_clinic_settings_change(sender, instance, **kwargs):
    page_cache.invalidate_all()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_change(sender, instance, **kwargs):
    # Cache hits are answered before Wagtail's privacy check: a page that has just become
    # private must not stay in the cache.
    page_cache.invalidate_all()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def on_site_change(sender, instance, **kwargs):
    # Cached pages and routes are per host name and root page.
    page_cache.invalidate_all()
