"""Columns of the enquiry listing: a call list, read at a glance."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column


def waited(since, now):
    """How long ago, as a front desk says it: "12 min", "3 h", "2 days"."""
    seconds = max(0, (now - since).total_seconds())
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 2 * 86400:
        return f"{int(seconds // 3600)} h"
    return f"{int(seconds // 86400)} days"


class WaitingColumn(Column):
    """How long the enquiry has been in, marked overdue past the clinic's promised reply
    (the listing annotates `is_overdue`)."""

    cell_template_name = "intake/admin/cells/waiting.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["waited"] = waited(instance.received_at, timezone.now())
        context["overdue"] = getattr(instance, "is_overdue", False)
        return context


class UrgentColumn(Column):
    cell_template_name = "intake/admin/cells/urgent.html"


class ContactColumn(Column):
    """The preferred contact method, with the phone number to dial."""

    cell_template_name = "intake/admin/cells/contact.html"
