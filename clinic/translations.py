"""Translated pages go live the way their originals do: through the page's workflow.

wagtail-localize's translation editor, which replaces a translated page's edit view, offers
only "Publish" (to those who may publish) and no way into a workflow, and its "Sync translated
pages" can publish every translation at once, and its "Convert to alias" can put the
original's text live in the translation's place. Here the editor gets "Submit to <workflow>",
which saves the translation as a new revision and starts the workflow; "Publish immediately"
in the sync form and "Convert to alias" are kept for those who may publish.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail.signals import copy_for_translation_done
from wagtail_localize.models import OverridableSegment, Translation
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from clinic.links import override_refusal

SUBMIT_ACTION = "action-submit"


def synced_translation(page):
    """The wagtail-localize translation `page` is the target of, or None."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def untranslated_count(translation):
    segments = translation.source.stringsegment_set.all()
    return (
        segments.annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .count()
    )


def why_not_submittable(page, translation):
    """Why the translated `page` can't be submitted to its workflow now; None when it can."""
    workflow = page.get_workflow()
    if workflow is None:
        return f"“{page.title}” has no review workflow: someone who may publish publishes it."
    if page.workflow_in_progress:
        return f"“{page.title}” is already in {workflow.name}."
    missing = untranslated_count(translation)
    if missing:
        return (
            f"{missing} part(s) of “{page.title}” are not translated yet: translate them, "
            f"then submit it to {workflow.name}."
        )
    return None


@transaction.atomic
def save_as_draft(translation, page, user):
    """The translation's text as a new revision of `page`, what is live left as it is.

    wagtail-localize writes a translation into the page's own row, which visitors are served,
    and then makes a revision of it: for a live page, unreviewed text would go live (and the
    review rule, articles.review, refuses that). So it is made in a savepoint that is rolled
    back, on the row taken offline there, and only its content kept, as a revision."""
    savepoint = transaction.savepoint()
    Page.objects.filter(pk=page.pk).update(live=False)
    translation.save_target(user=user, publish=False)
    content = Page.objects.get(pk=page.pk).specific.serializable_data()
    transaction.savepoint_rollback(savepoint)
    current = Page.objects.get(pk=page.pk).specific
    return current.with_content_json(content).save_revision(user=user)


def submit_translation_for_review(request, page):
    """The translation editor's "Submit to <workflow>": the translation saved as the page's
    new revision, and the workflow started on it."""
    translation = synced_translation(page)
    if translation is None:
        return None  # not a translation: Wagtail's own edit view takes the submit
    if not page.permissions_for_user(request.user).can_submit_for_moderation():
        raise PermissionDenied
    refusal = why_not_submittable(page, translation)
    if refusal is not None:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    try:
        save_as_draft(translation, page, request.user)
    except ValidationError as error:
        messages.error(request, f"“{page.title}” was not submitted: {' '.join(error.messages)}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    workflow.start(page, request.user)
    messages.success(request, f"“{page.title}” was submitted to {workflow.name}.")
    return redirect("wagtailadmin_pages:edit", page.pk)


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", whose "Publish immediately" only someone who
    may publish every translated page can tick: for the others the translations stay drafts,
    to go through review."""

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_every_translation():
            field = form.fields["publish_translations"]
            field.disabled = True
            field.help_text = (
                "Only someone who may publish the translated pages can publish them here; "
                "the updated translations go through review as drafts."
            )
        return form

    def may_publish_every_translation(self):
        targets = (
            translation.get_target_instance()
            for translation in self.object.translations.filter(enabled=True)
        )
        return all(
            target.permissions_for_user(self.request.user).can_publish()
            for target in targets
            if isinstance(target, Page)
        )


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias", for those who may publish the page only: an alias
    takes its original's content and live status, reviewed in this language or not."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


@receiver(copy_for_translation_done)
def guard_translation_like_original(sender, source_obj, target_obj, **kwargs):
    if isinstance(source_obj, Page):
        guard_like_original(source_obj, target_obj)


def guard_like_original(original, translation):
    """A page's translation is guarded as the page is: by the workflow set on it (Medical
    review on the articles index) and with each group's rights there, so translated articles
    are reviewed, and by the same people, as their originals are."""
    own_workflow = WorkflowPage.objects.filter(page=original).first()
    if own_workflow is not None:
        WorkflowPage.objects.get_or_create(
            page=translation, defaults={"workflow": own_workflow.workflow}
        )
    for right in GroupPagePermission.objects.filter(page=original):
        GroupPagePermission.objects.get_or_create(
            group_id=right.group_id, page=translation, permission_id=right.permission_id
        )


@receiver(pre_save)
def keep_aliases_offline(sender, instance, raw=False, **kwargs):
    """No page goes live by being made an alias or by its original being published: an alias
    shows another page's text (in a translation's place, the English text under /es/), which
    nobody reviewed or approved there. wagtail-localize makes aliases of untranslated parents
    and Wagtail publishes every alias with its original; both stay drafts here, and a
    translation made from one starts as a draft for its page's workflow."""
    if raw or not isinstance(instance, Page) or not instance.alias_of_id:
        return
    instance.live = False
    instance.has_unpublished_changes = True
    instance.live_revision = None


def edit_override(request, translation_id, overridable_segment_id):
    """wagtail-localize's "override" of a link, an email address or a chosen item in a
    translation, refused with the reason unless it keeps its kind: a link stays a web (or
    mailto:/tel:) link, as everywhere on the site (clinic.links)."""
    if request.method == "PUT":
        segment = get_object_or_404(OverridableSegment, id=overridable_segment_id)
        value = QueryDict(request.body).get("value", "")
        refusal = override_refusal(segment.data, value)
        if refusal is not None:
            return JsonResponse({"error": refusal}, status=400)
    return edit_translation.edit_override(request, translation_id, overridable_segment_id)
