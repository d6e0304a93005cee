"""Admin views of the triage workspace: listing and export, detail, edit, notes and erasure.

They extend Wagtail's snippet views; `viewsets.py` puts them together. Everything a person
typed is rendered through Django's autoescaping (nothing here is marked safe).
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    UsageView,
)

from clinic.models import ClinicSettings
from clinic.spreadsheets import FormulaSafeExportMixin
from clinic.staff_sign_in.middleware import TwoFactorRequiredMixin
from intake import actions, history
from intake.choices import CallOutcome, Status
from intake.filters import SHOW_OPEN, intake_staff
from intake.models import NOTE_MAX_LENGTH, Enquiry, staff_name
from intake.response_time import overdue_cut_off

MIN_PHONE_DIGITS = 4
ERASE_LABEL = "Erase"  # deleting an enquiry is erasure on request, and says so
# Wagtail shows a yes/no filter's value as Python's True/False; the audit log says yes or no.
BOOLEAN_LABELS = {"True": "Yes", "False": "No"}


def forbidden(request):
    return TemplateResponse(request, "intake/admin/forbidden.html", status=403)


class ForbiddenResponseMixin:
    """Answer a refused request with 403 instead of Wagtail's redirect to the dashboard.

    For personal health data an unambiguous 403 is what access logs, audits and tests
    should see; the page still explains itself and links back to the dashboard.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)


class CappedCountPaginator(WagtailPaginator):
    """Counts matching enquiries only up to a cap. An exact count reads every matching row
    (PostgreSQL has no cheap COUNT(*)), and the archive only grows; beyond the cap the
    listing says "10,000+" and staff narrow it with filters, search or the other order."""

    count_cap = 10_000

    @cached_property
    def uncapped_count_exceeds_cap(self):
        return self.object_list[self.count_cap : self.count_cap + 1].exists()

    @cached_property
    def count(self):
        if self.uncapped_count_exceeds_cap:
            return self.count_cap
        return super().count

    @cached_property
    def items_count_label(self):
        if self.uncapped_count_exceeds_cap:
            return f"{self.count_cap:,}+ {self.verbose_name_plural}"
        return super().items_count_label


def clinic_time(value):
    """A moment as the clinic reads it: its own time zone (TIME_ZONE), to the minute."""
    return localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def yes_no(value):
    return "Yes" if value else "No"


def in_both_formats(function):
    formats = (SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX)
    return dict.fromkeys(formats, function)


SAME_PERSON_SHOWN = 10

# Without a chosen order: urgent first, then whoever has waited longest.
TRIAGE_ORDER = ("-urgent", "received_at", "pk")


class EnquiryIndexView(
    TwoFactorRequiredMixin, ForbiddenResponseMixin, FormulaSafeExportMixin, IndexView
):
    paginator_class = CappedCountPaginator
    # Exports read as the admin does: the clinic's time, Yes/No, statuses by their names
    # (the viewset's list_export takes the display values).
    custom_field_preprocess = {
        "received_at": in_both_formats(clinic_time),
        "urgent": in_both_formats(yes_no),
    }

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("assigned_to", "source_page")
        return queryset.with_overdue(self.overdue_cut_off)

    @cached_property
    def overdue_cut_off(self):
        return overdue_cut_off(ClinicSettings.for_request(self.request))

    def get_filterset_kwargs(self):
        """Open enquiries unless staff chose what to show, a status, or searched."""
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"]
        if not any(name in data for name in ("show", "status", "q")):
            kwargs["data"] = data.copy()
            kwargs["data"]["show"] = SHOW_OPEN
        return kwargs

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        return queryset.order_by(*TRIAGE_ORDER)

    def search_queryset(self, queryset):
        results = super().search_queryset(queryset)
        digits = "".join(ch for ch in self.search_query or "" if ch.isdigit())
        if len(digits) < MIN_PHONE_DIGITS or digits == self.search_query:
            return results
        # Numbers are stored as E.164 ("+15035550199"): "(503) 555-0199" finds it by its digits.
        return results | queryset.filter(phone__contains=digits)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The name opens the detail view (with notes and history), not the edit form.
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
            **kwargs,
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for button in buttons:
            if button.url == self.get_delete_url(instance):
                button.label = ERASE_LABEL
        return buttons

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            # Exports hold personal data: only users who may view enquiries take a copy,
            # and each copy is written into every exported enquiry's history.
            if not self.user_has_permission("view"):
                raise PermissionDenied
            export_format = self.request.GET.get("export")
            actions.record_export(context["object_list"], self.request.user, export_format)
        else:
            # Every look at the list (the page, each search-as-you-type refresh, each page of
            # results) is one entry; an export is recorded above, per enquiry, instead.
            actions.record_listing(
                self.request.user,
                query=self.search_query,
                filters=self.filters_as_shown(),
                page=page_number(context),
            )
        return super().render_to_response(context, **response_kwargs)

    def filters_as_shown(self):
        """The filters in force, in the order the filter pills show them: [[label, [values]]].
        A list, not a mapping: PostgreSQL's JSON reorders an object's keys."""
        filters = {}
        for active in self.active_filters:
            value = BOOLEAN_LABELS.get(str(active.value), str(active.value))
            filters.setdefault(str(active.field_label), []).append(value)
        return [[label, values] for label, values in filters.items()]


class EnquiryInspectView(ForbiddenResponseMixin, InspectView):
    template_name = "intake/admin/enquiry_inspect.html"

    def get(self, request, *args, **kwargs):
        actions.record_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = []
        history_url = reverse("enquiries:history", args=[quote(self.object.pk)])
        buttons.append(Button("History", url=history_url, icon_name="history", priority=20))
        if delete_url := self.get_delete_url():
            buttons.append(Button(ERASE_LABEL, url=delete_url, icon_name="bin", priority=30))
        return buttons

    def get_received_at_display_value(self):
        return display_time(self.object.received_at)

    def get_consented_at_display_value(self):
        consented_at = self.object.consented_at
        if consented_at is None:
            return "Not recorded (received before consent was stored)"
        return display_time(consented_at)

    def get_urgent_display_value(self):
        return "Yes" if self.object.urgent else "No"

    def get_crisis_categories_display_value(self):
        return "; ".join(self.object.crisis_category_labels) or "-"

    def get_notified_at_display_value(self):
        return display_time(self.object.notified_at)

    def get_opened_at_display_value(self):
        return display_time(self.object.opened_at)

    def get_escalated_at_display_value(self):
        return display_time(self.object.escalated_at)

    def get_email_display_value(self):
        return format_html('<a href="mailto:{0}">{0}</a>', self.object.email)

    def get_phone_display_value(self):
        phone = self.object.phone
        if not phone:
            return "-"
        return format_html(
            '<a href="tel:{0}">{1}</a> (<a href="sms:{0}">text</a>)',
            phone.as_e164,
            phone.as_international,
        )

    def get_source_page_display_value(self):
        page = self.object.source_page
        if page is None:
            return "-"
        url = page.get_url(request=self.request)
        return format_html('<a href="{}">{}</a>', url, page.title) if url else page.title

    def get_assigned_to_display_value(self):
        return self.object.assignee_name or "Nobody yet"

    def get_spam_reasons_display_value(self):
        return "; ".join(self.object.spam_reason_labels) or "-"

    def get_notification_error_display_value(self):
        return self.object.notification_error or "-"

    @cached_property
    def can_add_note(self):
        return self.user_has_permission("change")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["same_person"] = Enquiry.objects.same_person_as(self.object)[:SAME_PERSON_SHOWN]
        context["notes"] = self.object.notes.select_related("author")
        context["history"] = history.story(self.object)
        context["audit_log_url"] = reverse("enquiries:history", args=[quote(self.object.pk)])
        context["note_form"] = EnquiryNoteForm() if self.can_add_note else None
        context["note_url"] = reverse("enquiries:add_note", args=[quote(self.object.pk)])
        if self.can_add_note:
            pk = quote(self.object.pk)
            context["outcome_form"] = CallOutcomeForm()
            context["outcome_url"] = reverse("enquiries:record_outcome", args=[pk])
            context["outcomes"] = CallOutcome.choices
            context["triage_form"] = TriageForm(
                initial={"status": self.object.status, "assigned_to": self.object.assigned_to_id}
            )
            context["triage_url"] = reverse("enquiries:update_triage", args=[pk])
            context["urgent_form"] = UrgentFlagForm(
                initial={"urgent": "0" if self.object.urgent else "1"}
            )
            context["urgent_url"] = reverse("enquiries:set_urgent", args=[quote(self.object.pk)])
        return context


class EnquiryEditView(ForbiddenResponseMixin, EditView):
    delete_item_label = ERASE_LABEL

    def get_success_message(self, instance=None):
        # Wagtail's own message ignores `success_message` on this view.
        return f"{instance or self.object}: status and assignee saved."

    def get_success_url(self):
        return reverse("enquiries:inspect", args=[quote(self.object.pk)])


class EnquiryEraseView(ForbiddenResponseMixin, DeleteView):
    page_title = ERASE_LABEL
    success_message = "The enquiry from %(object)s was erased."

    @property
    def confirmation_message(self):
        return (
            "Erase this enquiry for good? Its content and notes will be deleted; its history "
            "will only keep that it was erased, by whom and when."
        )


class EnquiryCreateView(ForbiddenResponseMixin, CreateView):
    """Only there to refuse: enquiries arrive through the contact form (see the policy)."""


class AuditLogPaginator(WagtailPaginator):
    verbose_name, verbose_name_plural = "entry in the audit log", "entries in the audit log"


class EnquiryHistoryView(ForbiddenResponseMixin, HistoryView):
    """Every audit log entry of one enquiry; the enquiry page tells the same as a story."""

    paginator_class = AuditLogPaginator
    verbose_name_plural = AuditLogPaginator.verbose_name_plural


class EnquiryUsageView(ForbiddenResponseMixin, UsageView):
    pass


class EnquiryNoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Visible to intake staff only, and kept with the enquiry.",
    )


class UrgentFlagForm(forms.Form):
    urgent = forms.TypedChoiceField(
        choices=[("1", "Mark urgent"), ("0", "Clear the urgent flag")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label="Why?",
        max_length=NOTE_MAX_LENGTH - 50,  # the note adds "Marked urgent: " before it
        widget=forms.TextInput(),
        help_text='A few words for the team, e.g. "Spoke to her, safe with family tonight". '
        "Kept as a note and in the history.",
        error_messages={"required": "Say briefly why you are changing the urgent flag."},
    )


class CallOutcomeForm(forms.Form):
    """The enquiry page's one-click outcomes: each button submits its own `outcome`."""

    outcome = forms.ChoiceField(
        choices=CallOutcome.choices,
        error_messages=dict.fromkeys(("required", "invalid_choice"), "Choose what happened."),
    )
    details = forms.CharField(
        label="What happened (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH - 30,  # the note starts with the outcome's name
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept as a note with the outcome.",
    )


class TriageForm(forms.Form):
    """Status and assignee, on the enquiry page itself."""

    status = forms.ChoiceField(choices=Status.choices)
    assigned_to = forms.ModelChoiceField(
        label="Assigned to", queryset=None, required=False, empty_label="Nobody"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = intake_staff(None)
        self.fields["assigned_to"].label_from_instance = staff_name


class EnquiryFormView(ForbiddenResponseMixin, PermissionCheckedMixin, View):
    """POST-only: one small form of the enquiry page; back to that page either way."""

    model = Enquiry
    permission_required = "change"
    http_method_names = ["post"]
    form_class = None

    def post(self, request, pk):
        enquiry = get_object_or_404(Enquiry, pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            self.form_valid(enquiry, form)
        else:
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            messages.error(request, " ".join(errors))
        return redirect("enquiries:inspect", quote(enquiry.pk))

    def form_valid(self, enquiry, form):
        raise NotImplementedError


class AddNoteView(EnquiryFormView):
    form_class = EnquiryNoteForm

    def form_valid(self, enquiry, form):
        actions.add_note(enquiry, form.cleaned_data["text"], self.request.user)
        messages.success(self.request, "Note added.")


class SetUrgentView(EnquiryFormView):
    """Marks an enquiry urgent or clears the flag, with a reason."""

    form_class = UrgentFlagForm

    def form_valid(self, enquiry, form):
        urgent = form.cleaned_data["urgent"]
        if actions.set_urgent(enquiry, urgent, form.cleaned_data["reason"], self.request.user):
            messages.success(self.request, "Marked urgent." if urgent else "Urgent flag cleared.")
        else:
            state = "urgent" if urgent else "not urgent"
            messages.info(self.request, f"Nothing changed: this enquiry is already {state}.")


class RecordOutcomeView(EnquiryFormView):
    """ "Called – spoke", "Left voicemail"…: a note and the status change in one step."""

    form_class = CallOutcomeForm

    def form_valid(self, enquiry, form):
        outcome = form.cleaned_data["outcome"]
        details = form.cleaned_data["details"]
        actions.record_outcome(enquiry, outcome, details, self.request.user)
        messages.success(self.request, f"{enquiry}: {CallOutcome(outcome).label} recorded.")


class UpdateTriageView(EnquiryFormView):
    """Status and assignee from the enquiry page; "Assign to me" is a button of its own."""

    form_class = TriageForm

    def form_valid(self, enquiry, form):
        user = self.request.user
        assignee = user if "assign_to_me" in self.request.POST else form.cleaned_data["assigned_to"]
        changed = actions.set_status(enquiry, form.cleaned_data["status"], user)
        changed = actions.assign(enquiry, assignee, user) or changed
        if changed:
            messages.success(self.request, f"{enquiry}: status and assignee saved.")
        else:
            messages.info(self.request, "Nothing changed.")


def page_number(context):
    page = context.get("page_obj")
    return page.number if page is not None else 1


def display_time(value):
    """A moment in the clinic's time zone, which it names ("Dec. 1, 2026, 4:42 a.m. PST")."""
    if not value:
        return "-"
    local = localtime(value)
    return f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"
