"""Registers the articles app's admin pieces: the Topics and Clinicians snippets, the
"Articles due for medical review" report, and a warning when an article lacks a summary."""

from django.contrib import messages
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.models import (
    ArticlePage,
    Clinician,
    ClinicianAccount,
    MedicalReviewTask,
    Topic,
    approval_refusal,
)
from articles.reports import ArticlesDueForReviewView
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


@hooks.register("before_edit_page")
def explain_why_approval_is_not_offered(request, page):
    """A reviewer who may not approve the article's medical review is told why, instead of
    finding the Approve button missing."""
    task = page.current_workflow_task
    if request.method != "GET" or not isinstance(task, MedicalReviewTask):
        return
    if not task.get_actions(page, request.user):
        return  # not a reviewer of this task
    refusal = approval_refusal(page, request.user)
    if refusal is not None:
        messages.warning(request, refusal)


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return MenuItem(
        "Articles due for medical review",
        reverse("articles_reports:due_for_review"),
        name="articles-due-for-review",
        icon_name="doc-full",
        order=1400,
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls(
        ArticlesDueForReviewView,
        "reports/articles-due-for-review/",
        "articles_reports",
        "due_for_review",
    )
