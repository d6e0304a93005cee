"""The "Enquiries by source article" report: which articles lead readers to get in touch."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from intake.admin_views import ForbiddenResponseMixin, StaffSpreadsheetMixin
from intake.choices import Status
from intake.models import Enquiry
from staff_access.middleware import TwoFactorRequiredMixin

PERIODS = [("30", "Last 30 days"), ("90", "Last 90 days")]
DEFAULT_PERIOD = "30"
NO_SOURCE = "No article (came to the contact page directly)"


class PeriodFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label="Period",
        choices=PERIODS,
        empty_label=None,
        method="filter_period",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Enquiry
        fields = []

    def filter_period(self, queryset, name, value):
        since = timezone.now() - timedelta(days=int(value or DEFAULT_PERIOD))
        return queryset.filter(received_at__gte=since)


class SourceArticlePaginator(WagtailPaginator):
    # Each row is a source article, not an enquiry.
    verbose_name, verbose_name_plural = "source article", "source articles"


class EnquiriesBySourceView(
    TwoFactorRequiredMixin, ForbiddenResponseMixin, StaffSpreadsheetMixin, ReportView
):
    page_title = "Enquiries by source article"
    header_icon = "mail"
    model = Enquiry  # for the permission policy
    permission_required = "view"
    index_url_name = "intake_reports:enquiries_by_source"
    index_results_url_name = "intake_reports:enquiries_by_source_results"
    filterset_class = PeriodFilterSet
    paginator_class = SourceArticlePaginator
    paginate_by = 100
    columns = [
        Column("source", label="Source article"),
        NumberColumn("enquiries", label="Enquiries"),
        NumberColumn("urgent", label="Urgent"),
    ]
    list_export = ["source", "enquiries", "urgent"]
    export_headings = {"source": "Source article", "enquiries": "Enquiries", "urgent": "Urgent"}
    results_template_name = "intake/admin/report_results.html"

    def get_filterset_kwargs(self):
        # No period chosen yet means the shorter one, so the filter always applies.
        data = self.request.GET.copy()
        data["period"] = self.period
        return {**super().get_filterset_kwargs(), "data": data}

    def export_description(self):
        period = dict(PERIODS)[self.period]
        return f"enquiries by source article, {period.lower()}"

    @cached_property
    def period(self):
        chosen = self.request.GET.get("period")
        return chosen if chosen in dict(PERIODS) else DEFAULT_PERIOD

    def get_queryset(self):
        # Spam says nothing about which articles help people; it is left out.
        return Enquiry.objects.exclude(status=Status.SPAM)

    def get_filtered_queryset(self):
        # Count per source only after the period filter has chosen the enquiries.
        # The label is computed here, not in decorate_paginated_queryset: Wagtail builds the
        # HTML table before it decorates the page of rows, so only the export would see it.
        enquiries = self.filter_queryset(self.get_queryset())
        return (
            enquiries.values("source_page_id")
            .annotate(
                source=Coalesce("source_page__title", Value(NO_SOURCE)),
                enquiries=Count("pk"),
                urgent=Count("pk", filter=Q(urgent=True)),
            )
            .order_by("-enquiries", "source")
        )
