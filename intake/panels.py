"""The intake panel on the admin dashboard: how many enquiries wait, how long the oldest has
waited and how many are overdue, and five enquiries: open urgent ones first, then the
newest."""

from django.db.models import BooleanField, Case, Q, When
from django.utils import timezone
from wagtail.admin.ui.components import Component

from clinic.site_settings import ClinicSettings
from intake.choices import OPEN_STATUSES, Status
from intake.models import Enquiry
from intake.response_time import overdue_cut_off
from intake.staff_time import waited, zone_note

NEWEST_COUNT = 5

# An urgent enquiry still waiting for the team is listed first, however old.
OPEN_URGENT = Case(
    When(Q(urgent=True, status__in=OPEN_STATUSES), then=True),
    default=False,
    output_field=BooleanField(),
)


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
            .annotate(waiting_urgent=OPEN_URGENT)
            .only("pk", "name", "received_at", "topic", "status", "urgent")
            .order_by("-waiting_urgent", "-received_at")[:NEWEST_COUNT]
        )
        context["zone_note"] = zone_note()
        return context
