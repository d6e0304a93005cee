"""Admin views of the triage workspace: listing and export, the enquiry page, notes and
outcomes, erasure and history.

They extend Wagtail's snippet views through their public hooks; `viewsets.py` puts them
together. Everything a person typed is rendered through Django's autoescaping (nothing here
is marked safe). Staff read the clinic's words here, never Wagtail's ("Inspect", "snippet").
"""

import re

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst, slugify
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.history import LogEntryUserColumn
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    UsageView,
)

from clinic.site_settings import ClinicSettings
from clinic.spreadsheets import FormulaSafeExportMixin
from intake import actions, history
from intake.choices import CallOutcome, CrisisCategory, DeliveryStatus, Status, Topic
from intake.columns import ClinicTimeColumn, EnquiryTable, readable_phone
from intake.filters import SHOW_ALL, SHOW_OPEN, intake_staff
from intake.models import NOTE_MAX_LENGTH, Enquiry, staff_name
from intake.response_time import overdue_cut_off
from intake.staff_time import ago_and_clock, in_clinic_zone, naive_clinic_time, zone_note
from staff_access.middleware import TwoFactorRequiredMixin

# Excel opens a CSV as UTF-8 only when it starts with a byte-order mark ("Peña", not "PeÃ±a").
UTF8_BYTE_ORDER_MARK = "\ufeff".encode()
XLSX_DATE_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_SHEET_TITLE_MAX = 31  # Excel's limit
XLSX_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
MIN_PHONE_DIGITS = 4
# Deleting an enquiry is erasure on request, and says so with its consequence.
ERASE_LABEL = "Erase this enquiry"
ERASE_CONSEQUENCE = "Deletes the message and its notes for good"
# Wagtail shows a yes/no filter's value as Python's True/False; the audit log says yes or no.
BOOLEAN_LABELS = {"True": "Yes", "False": "No"}
SAME_PERSON_SHOWN = 10
# Without a chosen order: urgent first, then whoever has waited longest.
TRIAGE_ORDER = ("-urgent", "received_at", "pk")


class StaffSpreadsheetMixin(FormulaSafeExportMixin):
    """Exports that open right in the spreadsheets staff use (with SpreadsheetExportMixin):
    a CSV starts with a byte-order mark and neutralises formulas (FormulaSafeExportMixin);
    an XLSX has typed dates and a sheet titled with what it holds; both are named for what
    they hold and the day ("open-enquiries-2026-12-04.csv"). Views say what they hold in
    `export_description()`."""

    def export_description(self):
        raise NotImplementedError

    def stream_csv(self, queryset):
        yield UTF8_BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)

    @cached_property
    def export_date(self):
        return in_clinic_zone(timezone.now()).date().isoformat()

    def get_filename(self):
        return f"{slugify(self.export_description())}-{self.export_date}"

    def export_sheet_title(self):
        description = XLSX_SHEET_TITLE_FORBIDDEN.sub("", capfirst(self.export_description()))
        room = XLSX_SHEET_TITLE_MAX - len(self.export_date) - 1
        if len(description) > room:
            description = description[: room - 1].rstrip() + "…"
        return f"{description} {self.export_date}"

    def write_xlsx(self, queryset, output):
        # Wagtail's own writer names its sheet "Sheet1" and dates in the server's locale.
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        sheet = workbook.create_sheet(title=self.export_sheet_title())
        sheet.append(self.get_heading(queryset, field) for field in self.list_export)
        for item in queryset:
            row = self.to_row_dict(item)
            sheet.append(self.generate_xlsx_row(sheet, row, date_format=XLSX_DATE_FORMAT))
        workbook.save(output)


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


def clinic_time_text(value):
    """A moment as a spreadsheet's text reads it: the clinic's time, to the minute."""
    return in_clinic_zone(value).strftime("%Y-%m-%d %H:%M") if value else ""


def yes_no(value):
    return "Yes" if value else "No"


def in_both_formats(function):
    formats = (SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX)
    return dict.fromkeys(formats, function)


def listing_description(data, search_query=""):
    """What a listing of enquiries holds, in words, from its filters' cleaned data:
    "open enquiries", "urgent new and in progress enquiries assigned to Ivy Marsh". A search's
    words are left out: they may be a patient's name, and file names end up in lists of
    recent files."""
    words = []
    flags = {"urgent": ("urgent", "not urgent"), "overdue": ("overdue", "not overdue")}
    for name, (yes, no) in flags.items():
        if data.get(name) is not None:
            words.append(yes if data[name] else no)
    if statuses := data.get("status"):
        words.append(" and ".join(Status(status).label.lower() for status in statuses))
    elif data.get("show") == SHOW_OPEN:
        words.append("open")
    if topics := data.get("topic"):
        words.append(" and ".join(Topic(topic).label.lower() for topic in topics))
    if languages := data.get("language"):
        names = dict(settings.LANGUAGES)
        words.append(" and ".join(names.get(code, code) for code in languages))
    words.append("enquiries")
    words.extend(listing_qualifiers(data, search_query))
    if words == ["enquiries"] and data.get("show") == SHOW_ALL:
        return "all enquiries"
    return " ".join(words)


def listing_qualifiers(data, search_query):
    qualifiers = []
    assignee = data.get("assigned_to")
    if assignee == "none":
        qualifiers.append("assigned to nobody")
    elif assignee:
        qualifiers.append(f"assigned to {staff_name(assignee)}")
    if received := data.get("received_at"):
        start, stop = received.start, received.stop
        if start and stop:
            qualifiers.append(f"received {start:%Y-%m-%d} to {stop:%Y-%m-%d}")
        elif start or stop:
            qualifiers.append(f"received {'from' if start else 'until'} {start or stop:%Y-%m-%d}")
    if data.get("undelivered") is not None:
        qualifiers.append(f"with{'' if data['undelivered'] else 'out'} an undelivered notice")
    if search_query:
        qualifiers.append("found by a search")
    return qualifiers


class EnquiryIndexView(
    TwoFactorRequiredMixin, ForbiddenResponseMixin, StaffSpreadsheetMixin, IndexView
):
    paginator_class = CappedCountPaginator
    table_class = EnquiryTable
    # Exports read as the admin does: the clinic's time (a real date in XLSX), Yes/No,
    # statuses by their names (the viewset's list_export takes the display values), and the
    # number as it is dialled.
    custom_field_preprocess = {
        "received_at": {
            SpreadsheetExportMixin.FORMAT_CSV: clinic_time_text,
            SpreadsheetExportMixin.FORMAT_XLSX: naive_clinic_time,
        },
        "urgent": in_both_formats(yes_no),
        "phone": in_both_formats(readable_phone),
    }

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        queryset = queryset.select_related("assigned_to", "source_page", "earlier_urgent")
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

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "row_buttons": self.get_list_buttons}

    def get_list_more_buttons(self, instance):
        # The name opens the enquiry page, where its status and assignee change too.
        history_url = self.history_url(instance)
        buttons = [Button("History", url=history_url, icon_name="history", priority=20)]
        if delete_url := self.get_delete_url(instance):
            buttons.append(erase_button(delete_url))
        return buttons

    def history_url(self, instance):
        return reverse("enquiries:history", args=[quote(instance.pk)])

    # --- What the listing holds, in words: its count, its exports ---

    def export_description(self):
        data = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        return listing_description(data, self.search_query)

    @cached_property
    def show_export_buttons(self):
        return self.user_has_permission("view")

    def export_url(self, export_format, everything=False):
        params = {"show": SHOW_ALL} if everything else self.request.GET.copy()
        params["export"] = export_format
        return f"{self.index_url}?{urlencode(params, doseq=True)}"

    @cached_property
    def header_more_buttons(self):
        # Named for what they hold, next to all enquiries: an export of the filtered listing
        # is no longer a surprise that leaves out what was handled a minute ago.
        if not self.show_export_buttons:
            return []
        described = capfirst(self.export_description())
        buttons = [
            self.export_button(f"{described} as CSV", self.export_url("csv"), 90),
            self.export_button(f"{described} as Excel (XLSX)", self.export_url("xlsx"), 91),
        ]
        if described != "All enquiries":
            buttons += [
                self.export_button("All enquiries as CSV", self.export_url("csv", True), 92),
                self.export_button(
                    "All enquiries as Excel (XLSX)", self.export_url("xlsx", True), 93
                ),
            ]
        return buttons

    def export_button(self, label, url, priority):
        return Button(label, url=url, icon_name="download", priority=priority)

    @cached_property
    def no_results_message(self):
        if self.export_description() == "open enquiries":
            return "No open enquiries: nobody is waiting for a reply."
        return "No enquiries with these filters."

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["zone_note"] = zone_note()
        return context

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


def erase_button(url):
    label = format_html(
        '{}<span class="intake-menu-note">{}</span>', ERASE_LABEL, ERASE_CONSEQUENCE
    )
    return Button(label, url=url, icon_name="bin", priority=30)


def enquiry_page_url(enquiry, section=""):
    url = reverse("enquiries:inspect", args=[quote(enquiry.pk)])
    return f"{url}#{section}" if section else url


class EnquiryBreadcrumbsMixin:
    """Enquiries › the person (› this screen): the person's page is the enquiry page."""

    breadcrumb_label = ""

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("enquiries:list"), "label": "Enquiries"},
            {"url": enquiry_page_url(self.object), "label": str(self.object)},
        ]
        if self.breadcrumb_label:
            items.append({"url": "", "label": self.breadcrumb_label})
        else:
            items[-1] = {"url": "", "label": str(self.object)}
        return items


class EnquiryInspectView(EnquiryBreadcrumbsMixin, ForbiddenResponseMixin, InspectView):
    """The enquiry page: what staff act on first (who, why urgent, how to reach them, what
    they wrote, what happened), then the rest."""

    def get(self, request, *args, **kwargs):
        actions.record_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return ""

    @cached_property
    def header_more_buttons(self):
        history_url = reverse("enquiries:history", args=[quote(self.object.pk)])
        buttons = [Button("History", url=history_url, icon_name="history", priority=20)]
        if delete_url := self.get_delete_url():
            buttons.append(erase_button(delete_url))
        return buttons

    def get_fields_context(self):
        # The template lays the enquiry out itself, in the order staff act on it.
        return []

    @cached_property
    def can_change(self):
        return self.user_has_permission("change")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enquiry = self.object
        notes = list(enquiry.notes.select_related("author"))
        context.update(
            zone_note=zone_note(),
            received=ago_and_clock(enquiry.received_at),
            urgency=urgency(enquiry),
            reach=reach(enquiry),
            earlier_urgent=earlier_urgent(enquiry),
            notes=notes,
            last_contact=last_outcome(notes, spoke=True),
            last_attempt=last_outcome(notes, spoke=False),
            same_person=same_person(enquiry),
            details=details(enquiry, self.request),
            emails=emails(enquiry),
            history=history.story(enquiry),
            audit_log_url=reverse("enquiries:history", args=[quote(enquiry.pk)]),
        )
        if self.can_change:
            context.update(workspace_forms(enquiry))
        return context


# Categories that are reasons in their own right (Enquiry.crisis_reasons), not kinds of words.
REASON_CATEGORIES = {
    CrisisCategory.SELF_REPORTED,
    CrisisCategory.READS_LIKE_CRISIS,
    CrisisCategory.EARLIER_URGENT,
}


def urgency(enquiry):
    """Why the enquiry is urgent, in plain words, beside the spam signals; None if it isn't."""
    if not enquiry.urgent:
        return None
    reasons = list(enquiry.crisis_reasons)
    codes = [code for code in enquiry.crisis_categories.split(",") if code]
    if enquiry.urgent_for_earlier_message_only:
        where = "above" if enquiry.earlier_urgent_id else "no longer kept"
        reasons.append(
            f"This message reads as an ordinary one, but the same person sent an urgent "
            f"message before ({where})"
        )
    elif not reasons:
        reasons.append(
            "The message has words that may point to a crisis"
            if codes
            else "Marked urgent by staff (why is in the notes)"
        )
    labels = dict(CrisisCategory.choices)
    kinds = [labels.get(code, code) for code in codes if code not in REASON_CATEGORIES]
    return {"reasons": reasons, "kinds": kinds, "spam": enquiry.spam_reason_labels}


def reach(enquiry):
    """How to reach the person: the number to tap, text and email, and when and how they
    would like it."""
    return {
        "phone": readable_phone(enquiry.phone),
        "dial": enquiry.phone.as_e164 if enquiry.phone else "",
        "email": enquiry.email,
        "method": enquiry.get_contact_method_display(),
        "best_time": enquiry.get_best_time_display(),
        "language": enquiry.get_language_display(),
    }


def earlier_urgent(enquiry):
    earlier = enquiry.earlier_urgent
    if earlier is None:
        return None
    return {"enquiry": earlier, "received": ago_and_clock(earlier.received_at)}


def last_outcome(notes, *, spoke):
    """The latest note of a call that reached the person (spoke) or of one that did not."""
    for note in reversed(notes):
        if note.outcome and (note.outcome == CallOutcome.SPOKE) == spoke:
            return {
                "label": note.get_outcome_display(),
                "who": staff_name(note.author) or "a former member of staff",
                "when": ago_and_clock(note.created_at),
            }
    return None


def same_person(enquiry):
    others = Enquiry.objects.same_person_as(enquiry)[:SAME_PERSON_SHOWN]
    return [{"enquiry": other, "received": ago_and_clock(other.received_at)} for other in others]


CONSENT_NOT_RECORDED = "Not recorded (received before consent was stored)"


def details(enquiry, request):
    """The rest of what is known about the enquiry, label and value."""
    consent = ago_and_clock(enquiry.consented_at) or CONSENT_NOT_RECORDED
    return [
        ("Received", ago_and_clock(enquiry.received_at)),
        ("Topic", enquiry.get_topic_display()),
        ("Language", enquiry.get_language_display()),
        ("Came from", source_link(enquiry, request)),
        ("Consent given", consent),
        ("First opened by staff", ago_and_clock(enquiry.opened_at) or "Not yet"),
    ]


def source_link(enquiry, request):
    page = enquiry.source_page
    if page is None:
        return "The contact page directly"
    url = page.get_url(request=request)
    return format_html('<a href="{}">{}</a>', url, page.title) if url else page.title


EMAIL_STATES = {
    DeliveryStatus.NOT_NEEDED: "none needed",
    DeliveryStatus.PENDING: "on its way",
    DeliveryStatus.SENDING: "on its way",
    DeliveryStatus.SENT: "sent",
    DeliveryStatus.FAILED: "not delivered yet, will be retried",
}
UNDELIVERED = {DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.FAILED}


def emails(enquiry):
    """The emails about the enquiry, as one line ("Emails sent: …", and what is not sent
    yet) and the details behind it. Never what the person wrote: what was sent, and when."""
    kinds = [
        ("notice to the team", enquiry.notification_status, enquiry.notified_at),
        ("acknowledgement to the person", enquiry.acknowledgement_status, None),
        ("escalation alert", enquiry.escalation_status, enquiry.escalated_at),
    ]
    sent, not_sent, details = [], [], []
    for name, status, at in kinds:
        when = ago_and_clock(at)
        if status == DeliveryStatus.SENT:
            sent.append(f"{name}, {when}" if when else name)
        elif status in UNDELIVERED:
            not_sent.append(f"{name} ({EMAIL_STATES[status]})")
        details.append(f"{capfirst(name)}: {EMAIL_STATES[status]}{f', {when}' if when else ''}")
    tries = enquiry.notification_attempts
    if tries:
        details[0] += f"; {tries} {'try' if tries == 1 else 'tries'}"
    if enquiry.notification_error:
        details[0] += f"; last problem: {enquiry.notification_error}"
    return {"sent": sent, "not_sent": not_sent, "details": details}


def workspace_forms(enquiry):
    """The enquiry page's forms, for those who may change enquiries."""
    pk = quote(enquiry.pk)
    return {
        "note_form": NoteBoxForm(),
        "note_url": reverse("enquiries:add_note", args=[pk]),
        "outcome_url": reverse("enquiries:record_outcome", args=[pk]),
        "outcomes": CallOutcome.choices,
        "triage_form": TriageForm(
            initial={"status": enquiry.status, "assigned_to": enquiry.assigned_to_id}
        ),
        "triage_url": reverse("enquiries:update_triage", args=[pk]),
        "urgent_form": UrgentFlagForm(initial={"urgent": "0" if enquiry.urgent else "1"}),
        "urgent_url": reverse("enquiries:set_urgent", args=[pk]),
    }


class EnquiryEditView(ForbiddenResponseMixin, EditView):
    """Status and assignee: the enquiry page has their form, so this view only saves."""

    def get(self, request, *args, **kwargs):
        return redirect(enquiry_page_url(self.object, "status-and-assignee"))

    def save_instance(self):
        # Through intake/actions.py, so each change is logged as what it is ("Status changed
        # from New to In progress", "Assigned to Ivy"), not as Wagtail's "Edited". The form's
        # instance already holds the new values: the actions compare with a fresh copy.
        enquiry = Enquiry.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        actions.set_status(enquiry, data["status"], self.request.user)
        actions.assign(enquiry, data["assigned_to"], self.request.user)
        return enquiry

    def form_invalid(self, form):
        # Back to the form staff used, with what was wrong, not Wagtail's edit screen.
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(self.request, " ".join(errors))
        return redirect(enquiry_page_url(self.object, "status-and-assignee"))

    def get_success_message(self, instance=None):
        # Wagtail's own message ignores `success_message` on this view.
        return f"{instance or self.object}: status and assignee saved."

    def get_success_url(self):
        return enquiry_page_url(self.object)


class EnquiryEraseView(ForbiddenResponseMixin, DeleteView):
    page_title = ERASE_LABEL
    success_message = "The enquiry from %(object)s was erased."

    def get_usage_url(self):
        # Nothing may refer to an enquiry (no reference index): no "referenced 0 times".
        return None

    @property
    def confirmation_message(self):
        return (
            "Erase this enquiry for good? Its message and notes will be deleted; its history "
            "will only keep that it was erased, by whom and when."
        )


class EnquiryCreateView(ForbiddenResponseMixin, CreateView):
    """Only there to refuse: enquiries arrive through the contact form (see the policy)."""


class AuditLogPaginator(WagtailPaginator):
    verbose_name, verbose_name_plural = "entry in the audit log", "entries in the audit log"


class EnquiryHistoryView(EnquiryBreadcrumbsMixin, ForbiddenResponseMixin, HistoryView):
    """Every audit log entry of one enquiry; the enquiry page tells the same as a story."""

    paginator_class = AuditLogPaginator
    verbose_name_plural = AuditLogPaginator.verbose_name_plural
    breadcrumb_label = "History"

    @cached_property
    def columns(self):
        # Wagtail's date column reads in each viewer's own time zone and says "Just now";
        # here times are the clinic's, named once in the column's heading.
        ours = {
            "timestamp": ClinicTimeColumn(
                "timestamp", label=f"When (clinic time, {settings.TIME_ZONE})"
            ),
            "user": LogEntryUserColumn("user", label="By", width="25%"),
        }
        return [ours.get(column.name, column) for column in super().columns]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                "Back to the enquiry", url=enquiry_page_url(self.object), icon_name="arrow-left"
            )
        ]


class EnquiryUsageView(ForbiddenResponseMixin, UsageView):
    """Nothing refers to an enquiry: its "usage" is its page."""

    def get(self, request, *args, **kwargs):
        return redirect(enquiry_page_url(self.object))


class NoteBoxForm(forms.Form):
    """The enquiry page's one note box: saved alone, or with an outcome button beside it."""

    text = forms.CharField(
        label="Note",
        required=False,
        max_length=NOTE_MAX_LENGTH - 30,  # an outcome's note starts with its name
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happened, or anything the team should know. Optional with an "
        "outcome. Seen by intake staff only, and kept with the enquiry.",
    )


class EnquiryNoteForm(forms.Form):
    text = forms.CharField(
        label="Note",
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": "Write the note first, then save it."},
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
    text = NoteBoxForm.base_fields["text"]
    # Set by "Record it again" once staff have confirmed a repeat within the minute.
    again = forms.BooleanField(required=False, widget=forms.HiddenInput)


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
    """POST-only: one small form of the enquiry page; back to that page either way (unless
    the form needs a question answered first)."""

    model = Enquiry
    permission_required = "change"
    http_method_names = ["post"]
    form_class = None

    def post(self, request, pk):
        enquiry = get_object_or_404(Enquiry, pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            response = self.form_valid(enquiry, form)
            if response is not None:
                return response
        else:
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            messages.error(request, " ".join(errors))
        return redirect(enquiry_page_url(enquiry))

    def form_valid(self, enquiry, form):
        raise NotImplementedError


class AddNoteView(EnquiryFormView):
    form_class = EnquiryNoteForm

    def form_valid(self, enquiry, form):
        actions.add_note(enquiry, form.cleaned_data["text"], self.request.user)
        messages.success(self.request, "Note saved.")


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
    """ "Called – spoke", "Left voicemail"…: a note and the status change in one step. The
    same outcome again within a minute asks first: a double click is not a second call."""

    form_class = CallOutcomeForm

    def form_valid(self, enquiry, form):
        outcome, text = form.cleaned_data["outcome"], form.cleaned_data["text"]
        if not form.cleaned_data["again"]:
            earlier = actions.recent_outcome(enquiry, outcome)
            if earlier is not None:
                return self.ask_again(enquiry, form, earlier)
        actions.record_outcome(enquiry, outcome, text, self.request.user)
        messages.success(self.request, f"{enquiry}: {CallOutcome(outcome).label} recorded.")
        return None

    def ask_again(self, enquiry, form, earlier):
        context = {
            "enquiry": enquiry,
            "outcome": form.cleaned_data["outcome"],
            "label": CallOutcome(form.cleaned_data["outcome"]).label,
            "who": staff_name(earlier.author) or "someone",
            "when": ago_and_clock(earlier.created_at),
            "note_form": NoteBoxForm(initial={"text": form.cleaned_data["text"]}),
            "outcome_url": reverse("enquiries:record_outcome", args=[quote(enquiry.pk)]),
            "enquiry_url": enquiry_page_url(enquiry),
        }
        return TemplateResponse(self.request, "intake/admin/record_again.html", context)


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
