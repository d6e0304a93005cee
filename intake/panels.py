"""The intake panel on the admin dashboard: how many enquiries wait, how long the oldest has
waited and how many are overdue, and the newest five."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from clinic.models import ClinicSettings
from intake.choices import Status
from intake.columns import waited
from intake.models import Enquiry
from intake.response_time import overdue_cut_off

NEWEST_COUNT = 5


class EnquiriesPanel(Component):
    name = "intake_enquiries"
    template_name = "intake/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: an urgent enquiry matters more than drafts

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = Enquiry.objects.triage_counts()
        cut_off = overdue_cut_off(ClinicSettings.for_request(parent_context["request"]))
        waiting = Enquiry.objects.waiting_summary(cut_off)
        context["overdue"] = waiting["overdue"]
        context["oldest_waited"] = waiting["oldest"] and waited(waiting["oldest"], timezone.now())
        context["newest"] = list(
            Enquiry.objects.exclude(status=Status.SPAM)
            .only("pk", "received_at", "topic", "status", "urgent")
            .order_by("-received_at")[:NEWEST_COUNT]
        )
        return context
