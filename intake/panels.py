"""The intake panel on the admin dashboard: how many enquiries wait, and the newest five."""

from wagtail.admin.ui.components import Component

from intake.choices import Status
from intake.models import Enquiry

NEWEST_COUNT = 5


class EnquiriesPanel(Component):
    name = "intake_enquiries"
    template_name = "intake/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: an urgent enquiry matters more than drafts

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = Enquiry.objects.triage_counts()
        context["newest"] = list(
            Enquiry.objects.exclude(status=Status.SPAM)
            .only("pk", "received_at", "topic", "status", "urgent")
            .order_by("-received_at")[:NEWEST_COUNT]
        )
        return context
