"""Move the content version whenever what pages show changes: cached pages, routes, settings
and fragments (navigation, footer, rendered articles) are all keyed by it.

Only content moves it: pages (published, unpublished, moved, renamed, deleted, made private
or public), images and documents, sites and redirects, and the models each app names with
`count_as_content` in its `ready()` (the snippets pages show, such as clinicians and topics;
the clinic's settings). Enquiries and other staff records never do. The receivers run
wherever the change is made (a web request, `import_articles`, `publish_scheduled`,
`setup_demo`), and the version is in the database, so every process sees the change; a
`migrate` moves it too, for data migrations that change content without signals.
"""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from caching import content_version
from caching.models import ContentVersion

# Fields Wagtail fills in on an image or document by itself, even while a page renders.
HOUSEKEEPING_FIELDS = {"file_size", "file_hash"}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def on_page_tree_change(sender, **kwargs):
    content_version.bump()


@receiver(post_delete)
def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_version.bump()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_change(sender, instance, **kwargs):
    # Cache hits are answered before Wagtail's privacy check: a page that has just become
    # private must not stay in the cache.
    content_version.bump()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
def on_site_wide_change(sender, instance, **kwargs):
    # Cached pages and routes are per host name and root page; settings show on every page.
    content_version.bump()


def on_content_change(sender, instance, **kwargs):
    content_version.bump()


def on_media_change(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= HOUSEKEEPING_FIELDS:
        return
    content_version.bump()


def count_as_content(*models):
    """Saving or deleting any of these models changes what visitors see (a snippet pages
    show, site-wide settings). Apps call it from their `ready()`. Pages themselves, and what
    belongs to them (an article's authors), change through Wagtail's page signals instead:
    saving a draft changes nothing visitors see."""
    for model in models:
        label = model._meta.label
        post_save.connect(on_content_change, sender=model, dispatch_uid=f"content:{label}")
        post_delete.connect(on_content_change, sender=model, dispatch_uid=f"content-:{label}")


def connect_media_models():
    for model in (get_image_model(), get_document_model()):
        post_save.connect(on_media_change, sender=model, dispatch_uid=f"media:{model}")
        post_delete.connect(on_media_change, sender=model, dispatch_uid=f"media-:{model}")


connect_media_models()


@receiver(post_migrate)
def on_migrate(sender, using, **kwargs):
    # Once per `migrate` (or `flush`), after this app's migrations: data migrations change
    # content without signals, and a flushed database has lost the row.
    if sender.label != "caching":
        return
    if ContentVersion._meta.db_table in connections[using].introspection.table_names():
        content_version.bump()
