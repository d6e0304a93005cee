"""The translation editor's way into review (clinic.translations)."""

from django import template

from clinic import translations

register = template.Library()


@register.inclusion_tag("clinic/admin/submit_translation_for_review.html", takes_context=True)
def translation_review_form(context, page):
    """ "Submit to <workflow>" under the translation editor, for a page with a workflow that
    the user may submit and that is not in review already."""
    request = context["request"]
    workflow = page.get_workflow()
    can_submit = (
        workflow is not None
        and not page.workflow_in_progress
        and page.permissions_for_user(request.user).can_submit_for_moderation()
    )
    return {
        "request": request,
        "workflow": workflow if can_submit else None,
        "in_review": page.workflow_in_progress,
        "submit_action": translations.SUBMIT_ACTION,
    }
