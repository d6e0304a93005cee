"""The "Enquiries" triage workspace in the Wagtail admin, registered in wagtail_hooks.py."""

from django.conf import settings
from django.urls import path
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from intake.admin_views import (
    AddNoteView,
    EnquiryCreateView,
    EnquiryEditView,
    EnquiryEraseView,
    EnquiryHistoryView,
    EnquiryIndexView,
    EnquiryInspectView,
    EnquiryUsageView,
    RecordOutcomeView,
    SetUrgentView,
    UpdateTriageView,
)
from intake.columns import ContactColumn, PersonColumn, ReceivedColumn, UrgentColumn
from intake.filters import EnquiryFilterSet, intake_staff
from intake.models import Enquiry, staff_name

# Any one of these lets a user into the workspace; exports and reports need "view".
WORKSPACE_PERMISSIONS = ["view", "change", "delete"]


class EnquiryPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, except that nobody adds enquiries: they come from the form."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class EnquiryMenuItem(MenuItem):
    """ "Enquiries" with a badge counting new ones, highlighted when any is urgent."""

    def is_shown(self, request):
        policy = policy_registry.get_by_type(Enquiry)
        return policy.user_has_any_permission(request.user, WORKSPACE_PERMISSIONS)

    def render_component(self, request):
        counts = Enquiry.objects.triage_counts()
        classname, attrs = self.classname, dict(self.attrs)
        if counts["new"]:
            attrs["data-intake-badge"] = str(counts["new"])
            attrs["aria-label"] = f"{self.label}: {badge_description(counts)}"
            if counts["urgent"]:
                classname = f"{classname} intake-menu-item--urgent".strip()
        return LinkMenuItem(
            self.name,
            self.label,
            self.url,
            icon_name=self.icon_name,
            classname=classname,
            attrs=attrs,
        )


def badge_description(counts):
    text = f"{counts['new']} new"
    if counts["urgent"]:
        text += f", {counts['urgent']} urgent"
    return text


class EnquiryAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = intake_staff(None)
            self.fields["assigned_to"].label_from_instance = staff_name


class EnquiryViewSet(SnippetViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 150  # right after Pages
    add_to_admin_menu = True
    url_prefix = "enquiries"
    url_namespace = "enquiries"
    # Editors must not learn through a page's "usage" that enquiries mention it.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True

    index_view_class = EnquiryIndexView
    index_template_name = "intake/admin/enquiry_index.html"
    index_results_template_name = "intake/admin/enquiry_index_results.html"
    inspect_template_name = "intake/admin/enquiry_inspect.html"
    delete_template_name = "intake/admin/enquiry_erase.html"
    add_view_class = EnquiryCreateView
    inspect_view_class = EnquiryInspectView
    edit_view_class = EnquiryEditView
    delete_view_class = EnquiryEraseView
    history_view_class = EnquiryHistoryView
    usage_view_class = EnquiryUsageView

    # A call list. At phone widths the "secondary" columns give way (intake/admin.css).
    list_display = [
        PersonColumn("name", label="Name", sort_key="name"),
        UrgentColumn("urgent", label="Urgent", sort_key="urgent"),
        ReceivedColumn("received_at", label="Received", sort_key="received_at"),
        ContactColumn("contact_method", label="Contact"),
        Column("get_best_time_display", label="Best time", classname="intake-secondary"),
        Column("get_topic_display", label="Topic", sort_key="topic", classname="intake-secondary"),
        Column(
            "get_language_display",
            label="Language",
            sort_key="language",
            classname="intake-secondary",
        ),
        Column(
            "assignee_name",
            label="Assigned to",
            sort_key="assigned_to__first_name",
            classname="intake-secondary",
        ),
        Column("get_status_display", label="Status", sort_key="status"),
    ]
    # Without a chosen order: urgent first, then the longest waiting (EnquiryIndexView).
    ordering = None
    list_per_page = 50
    filterset_class = EnquiryFilterSet
    # Plain database search (icontains), the same on SQLite and PostgreSQL, and no copy of
    # the messages in a search index that erasure would also have to reach.
    search_fields = ["name", "email", "phone", "message"]
    search_backend_name = None

    # A call list: the message stays in the admin, which records who reads it.
    list_export = [
        "pk",
        "received_at",
        "name",
        "email",
        "phone",
        "get_contact_method_display",
        "get_best_time_display",
        "get_topic_display",
        "get_language_display",
        "get_status_display",
        "urgent",
        "assignee_name",
        "source_title",
    ]
    export_headings = {
        "pk": "Enquiry",
        "received_at": f"Received ({settings.TIME_ZONE})",
        "get_contact_method_display": "Preferred contact method",
        "get_best_time_display": "Best time to reach",
        "get_topic_display": "Topic",
        "get_language_display": "Language",
        "get_status_display": "Status",
        "assignee_name": "Assigned to",
        "source_title": "Source article",
    }

    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("assigned_to")], base_form_class=EnquiryAdminForm
    )

    @property
    def menu_item_class(self):
        return EnquiryMenuItem

    @property
    def add_note_view(self):
        return self.construct_view(AddNoteView)

    @property
    def set_urgent_view(self):
        return self.construct_view(SetUrgentView)

    @property
    def record_outcome_view(self):
        return self.construct_view(RecordOutcomeView)

    @property
    def update_triage_view(self):
        return self.construct_view(UpdateTriageView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("note/<int:pk>/", self.add_note_view, name="add_note"),
            path("urgent/<int:pk>/", self.set_urgent_view, name="set_urgent"),
            path("outcome/<int:pk>/", self.record_outcome_view, name="record_outcome"),
            path("triage/<int:pk>/", self.update_triage_view, name="update_triage"),
        ]

    def register_chooser_viewset(self):
        # No chooser: nothing may link to an enquiry, and a chooser would list enquiries
        # to any admin user, whatever their permissions.
        pass

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename="add_enquiry")
