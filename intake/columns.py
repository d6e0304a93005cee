"""Columns of the enquiry listing: a call list, read at a glance."""

import phonenumbers
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, Table, TitleColumn

from intake.staff_time import ago_and_clock


def readable_phone(phone):
    """A number as the front desk dials it: "(503) 555-0199" in the clinic's own country
    (PHONENUMBER_DEFAULT_REGION), "+44 20 7946 0958" from abroad; "" for none."""
    if not phone:
        return ""
    if phonenumbers.region_code_for_number(phone) == settings.PHONENUMBER_DEFAULT_REGION:
        return phone.as_national
    return phone.as_international


def enquiry_url(enquiry):
    return reverse("enquiries:inspect", args=[enquiry.pk])


class EnquiryTable(Table):
    """The listing's table, carrying the listing's menu of actions for a row (its
    `get_list_buttons`) to the column that shows it."""

    def __init__(self, *args, row_buttons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_buttons = row_buttons


class PersonColumn(ButtonsColumnMixin, TitleColumn):
    """The person's name, leading to the enquiry page (its notes, outcomes and history), with
    the row's menu of other actions beside it (in an EnquiryTable)."""

    def __init__(self, name="name", **kwargs):
        super().__init__(
            name,
            get_url=enquiry_url,
            # The bulk-selection checkbox is described by this element (screen readers); the
            # snippet listing's checkbox column looks for "snippet_<id>_title".
            get_title_id=lambda enquiry: f"snippet_{enquiry.pk}_title",
            **kwargs,
        )

    def get_buttons(self, instance, parent_context):
        # A cell is rendered with its table's context ("table", "request"): Wagtail's public
        # Table API. If that changes, the row menu test in tests/intake/test_front_desk.py
        # (erase offered in the listing) fails.
        row_buttons = getattr(parent_context["table"], "row_buttons", None)
        return row_buttons(instance) if row_buttons else []


class ReceivedColumn(Column):
    """When the enquiry came in ("10 min ago (09:42)"), marked overdue past the clinic's
    promised reply (the listing annotates `is_overdue`)."""

    cell_template_name = "intake/admin/cells/received.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["received"] = ago_and_clock(instance.received_at, timezone.now())
        context["overdue"] = getattr(instance, "is_overdue", False)
        return context


class ClinicTimeColumn(Column):
    """A moment as "10 min ago (09:42)", in the clinic's zone whoever looks."""

    def get_value(self, instance):
        return ago_and_clock(super().get_value(instance))


class UrgentColumn(Column):
    """ "Urgent", and the same person's earlier urgent message when there was one."""

    cell_template_name = "intake/admin/cells/urgent.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        earlier = instance.earlier_urgent
        if earlier is not None:
            context["earlier"] = earlier
            context["earlier_received"] = ago_and_clock(earlier.received_at, timezone.now())
        return context


class ContactColumn(Column):
    """The preferred contact method, with the phone number to dial."""

    cell_template_name = "intake/admin/cells/contact.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["phone"] = readable_phone(instance.phone)
        return context
