"""Registers the articles app's admin pieces: the Topics and Clinicians snippets, the
"Pages due for medical review" report, and what editors are told on an article or treatment
page: a missing summary, changes since the last medical review, a review overdue."""

from django.contrib import messages
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.models import (
    APPROVED_PARAMETER,
    ArticlePage,
    Clinician,
    ClinicianAccount,
    MedicalPage,
    MedicalReviewTask,
    ReviewApproval,
    Topic,
    approval_refusal,
)
from articles.reports import PagesDueForReviewView
from articles.review import ParentOfReviewedPagesMixin, ReviewedContentMixin
from clinic.admin_reports import report_urls

MISSING_SUMMARY_WARNING = (
    "“{title}” has no summary and no meta description: listings and search engines will show "
    "no description of it. Add a summary under Content."
)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    copy_view_enabled = False


class ClinicianViewSet(SnippetViewSet):
    model = Clinician
    icon = "user"
    list_display = ["name", "credentials", "specialty"]
    search_fields = ["name"]
    inspect_view_enabled = True


class ClinicianAccountViewSet(ModelViewSet):
    """Settings › Clinicians' accounts: which staff account is which clinician. Only people
    with its permissions (administrators) see it, or the list of accounts its form offers;
    Wagtail records every link made, changed or removed in the audit log."""

    model = ClinicianAccount
    icon = "user"
    menu_label = "Clinicians' accounts"
    add_to_settings_menu = True
    form_fields = ["clinician", "user"]
    list_display = ["clinician", "user"]
    copy_view_enabled = False
    inspect_view_enabled = False


clinician_account_viewset = ClinicianAccountViewSet("clinician_accounts")


@hooks.register("register_admin_viewset")
def register_clinician_accounts():
    return clinician_account_viewset


class ArticlePeopleAndTopicsGroup(SnippetViewSetGroup):
    menu_label = "Article data"
    menu_icon = "doc-full"
    menu_order = 250
    items = (ClinicianViewSet, TopicViewSet)


register_snippet(ArticlePeopleAndTopicsGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_missing_summary(request, page):
    page = page.specific
    if isinstance(page, ArticlePage) and not page.meta_description.strip():
        messages.warning(request, MISSING_SUMMARY_WARNING.format(title=page.title))


def is_reviewed(context):
    """The page or snippet being edited (or a new child of a page whose children all are)
    goes live only through Medical review."""
    obj = context.get("page") or context.get("instance")
    if isinstance(obj, ReviewedContentMixin):
        return True
    model = context.get("model")
    if isinstance(model, type) and issubclass(model, ReviewedContentMixin):
        return True
    parent = context.get("parent_page")
    return parent is not None and isinstance(parent.specific_deferred, ParentOfReviewedPagesMixin)


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def offer_review_before_anything_else(menu_items, request, context):
    """For reviewed content the editor's main button is "Submit to Medical review", and there
    is no "Publish", for administrators either: review publishes it."""
    if not is_reviewed(context):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    submit = [item for item in menu_items if item.name == "action-submit"]
    if submit:
        menu_items.remove(submit[0])
        menu_items.insert(0, submit[0])


@hooks.register("before_edit_page")
@hooks.register("before_edit_snippet")
def say_what_the_approval_did(request, obj):
    """After approving in the workflow's confirmation, the reviewer lands on the edit page
    (MedicalReviewTask.on_action): say what happened, from the approval itself."""
    approval_id = request.GET.get(APPROVED_PARAMETER, "")
    if request.method != "GET" or not approval_id.isdigit():
        return
    approval = ReviewApproval.objects.filter(pk=approval_id, approved_by=request.user).first()
    if approval is not None and approval.revision.object_id == str(obj.pk):
        messages.success(request, approval_message(approval))


@hooks.register("after_edit_page")
@hooks.register("after_edit_snippet")
def say_what_the_approval_from_the_editor_did(request, obj):
    """The same, when the reviewer approves from the edit form (with their own changes)."""
    if request.POST.get("workflow-action-name") != "approve":
        return
    approval = (
        ReviewApproval.objects.filter(approved_by=request.user, revision__object_id=str(obj.pk))
        .order_by("-recorded_at")
        .first()
    )
    if approval is not None:
        messages.success(request, approval_message(approval))


def approval_message(approval):
    obj = approval.revision.content_object
    date = formats.date_format(approval.reviewed_on, "M j, Y")
    reviewer = approval.clinician.display_name if approval.clinician else "you"
    if obj.live and obj.live_revision_id == approval.revision_id:
        state = "this version is live now"
    elif approval.revision.approved_go_live_at:
        when = formats.date_format(
            timezone.localtime(approval.revision.approved_go_live_at), "M j, Y, P"
        )
        state = f"this version goes live on {when}"
    else:
        state = "this version is approved"
    return f"You approved “{obj}”: {state}, reviewed by {reviewer} on {date}."


@hooks.register("before_edit_page")
@hooks.register("before_edit_snippet")
def explain_why_approval_is_not_offered(request, obj):
    """A reviewer who may not approve the medical review is told why, instead of finding the
    Approve button missing."""
    task = getattr(obj, "current_workflow_task", None)
    if request.method != "GET" or not isinstance(task, MedicalReviewTask):
        return
    if not task.get_actions(obj, request.user):
        return  # not a reviewer of this task
    refusal = approval_refusal(obj, request.user)
    if refusal is not None:
        messages.warning(request, refusal)


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return MenuItem(
        "Pages due for medical review",
        reverse("articles_reports:due_for_review"),
        name="pages-due-for-review",
        icon_name="doc-full",
        order=1400,
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls(
        PagesDueForReviewView,
        "reports/due-for-medical-review/",
        "articles_reports",
        "due_for_review",
    )


@hooks.register("before_edit_page")
def say_where_the_page_stands_with_its_review(request, page):
    """On a medical page's edit view: whether the draft differs from the reviewed version
    readers see (with a link to the differences), and whether its review is overdue."""
    page = page.specific
    if request.method != "GET" or not isinstance(page, MedicalPage):
        return
    if page.has_changes_since_review:
        messages.info(request, changes_since_review_message(page))
    if page.review_is_overdue:
        messages.warning(request, review_overdue_message(page))


def changes_since_review_message(page):
    compare_url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "live", "latest"))
    reviewed = formats.date_format(page.last_reviewed, "M j, Y") if page.last_reviewed else ""
    seen = f"the version reviewed on {reviewed}" if reviewed else "the live version"
    return format_html(
        "Changes since the last medical review: readers see {} until a clinician approves "
        'this draft. <a href="{}">Compare the draft with the live version</a>.',
        seen,
        compare_url,
    )


def review_overdue_message(page):
    due = formats.date_format(page.review_due_date, "M j, Y")
    return (
        f"Review overdue: “{page.title}” was due for medical review on {due}. Readers are no "
        "longer told when its next review is due. Submit it to Medical review."
    )
