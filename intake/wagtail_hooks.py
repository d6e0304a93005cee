"""Registers the intake app's admin pieces: the enquiry workspace, its actions and audit log
entries, bulk actions, the dashboard panel, the "Enquiries by source article" report and the
crisis text permission in the group editor; and keeps enquiries out of wagtail-localize."""

from django.contrib.auth.models import Permission
from django.http import Http404
from django.templatetags.static import static
from django.urls import re_path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from clinic.admin_reports import report_urls
from intake import actions, notifications
from intake.bulk_actions import (
    AssignToMeBulkAction,
    EraseBulkAction,
    MarkContactedBulkAction,
    MarkSpamBulkAction,
)
from intake.models import Enquiry
from intake.pages import CRISIS_TEXT_PERMISSION
from intake.panels import EnquiriesPanel
from intake.reports import EnquiriesBySourceView
from intake.viewsets import EnquiryPermissionPolicy, EnquiryViewSet

# Before the viewset: it looks the policy up when it is registered.
register_permission_policy(Enquiry, EnquiryPermissionPolicy(Enquiry))
register_snippet(EnquiryViewSet)


def user_can_view_enquiries(user):
    return policy_registry.get_by_type(Enquiry).user_has_permission(user, "view")


@hooks.register("register_actions")
def register_enquiry_actions(registry):
    # Edits go through intake/actions.py from EnquiryEditView.save_instance, each logged as
    # what it is (a status change, an assignment); erasure through this action.
    registry.register(Enquiry, actions.EraseEnquiryAction)


@hooks.register("register_log_actions")
def register_enquiry_log_actions(registry):
    registry.register_action(actions.LOG_VIEW, "View enquiry", "Viewed")
    registry.register_action(actions.LOG_NOTE, "Add note", "Note added")
    registry.register_action(actions.LOG_EXPORT, "Export enquiries", "Exported")
    registry.register_action(actions.LOG_ERASE, "Erase enquiry", "Erased on request")
    registry.register_action(actions.LOG_STATUS)(actions.StatusChangeFormatter)
    registry.register_action(actions.LOG_ASSIGN)(actions.AssignmentFormatter)
    registry.register_action(actions.LOG_URGENT)(actions.UrgentFlagFormatter)
    registry.register_action(actions.LOG_LIST)(actions.ListingFormatter)
    registry.register_action(
        notifications.LOG_ESCALATE, "Escalate", "Escalation alert sent: not opened in time"
    )


def not_found(request, *args, **kwargs):
    raise Http404


@hooks.register("register_admin_urls", order=-1)
def keep_enquiries_out_of_translation():
    """wagtail-localize's URLs that take any registered snippet by app and model name (its
    snippets API, which would list every enquiry by name, and "Translate") answer 404 for
    the intake app's models, whatever the id and whoever asks: an enquiry is never
    translated, and no answer may tell which enquiry ids exist.

    wagtail-localize has no setting or hook to leave a snippet model out, so these patterns
    come first in the admin's URLs (intake's hooks load before wagtail_localize's, and
    order=-1 says so) and shadow its own; tests/intake/test_no_translation.py fails if they
    stop doing so. Django looks an app up by its exact label, so "intake/" is the only
    spelling that reaches these models; the model name is matched in any case, as Django
    does."""
    return [
        re_path(r"^localize/(?:api/snippets|submit/snippet)/intake/", not_found),
    ]


for bulk_action in (AssignToMeBulkAction, MarkContactedBulkAction, MarkSpamBulkAction):
    hooks.register("register_bulk_action", bulk_action)
# After Wagtail's own snippet bulk delete (order 0), so this one replaces it for enquiries.
hooks.register("register_bulk_action", EraseBulkAction, order=1)


@hooks.register("register_permissions")
def register_crisis_text_permission():
    # Listed in Settings > Groups, so an administrator can give it to a group of their own.
    app_label, codename = CRISIS_TEXT_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("construct_homepage_panels")
def add_enquiries_panel(request, panels):
    if user_can_view_enquiries(request.user):
        panels.append(EnquiriesPanel())


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_enquiries(request.user)


@hooks.register("register_reports_menu_item")
def register_enquiries_by_source_menu_item():
    return ReportMenuItem(
        "Enquiries by source article",
        reverse("intake_reports:enquiries_by_source"),
        name="enquiries-by-source",
        icon_name="mail",
        order=1500,
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls(
        EnquiriesBySourceView,
        "reports/enquiries-by-source/",
        "intake_reports",
        "enquiries_by_source",
    )


@hooks.register("insert_global_admin_css")
def intake_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("intake/admin.css"))
