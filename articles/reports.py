"""The "Pages due for medical review" report: every live page reviewed like an article
(articles, treatments: `medical_page_models`) whose review is overdue, was never done, or falls
due within the month, overdue ones first, with each one's kind, language (each version is
reviewed on its own) and reading grade against the clinic's target."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from articles.models import medical_page_models
from articles.readability import grade_against_target
from clinic.site_settings import ClinicSettings
from clinic.spreadsheets import FormulaSafeExportMixin

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewStatus:
    label: str
    rank: int  # overdue first, then never reviewed, then due soon
    due: date | None

    @property
    def sort_key(self):
        return (self.rank, self.due or date.min)


def review_status(article, today):
    """Overdue, never reviewed, due soon, or None when the review is not yet due."""
    due = article.review_due_date
    if article.last_reviewed is None:
        return ReviewStatus("Never reviewed", 1, due)
    if due < today:
        return ReviewStatus(f"Overdue since {due:%b} {due.day}, {due.year}", 0, due)
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return ReviewStatus(f"Due {due:%b} {due.day}, {due.year}", 2, due)
    return None


def pages_due_for_review(today=None):
    """The live medical pages to review, most pressing first, each with its `review_status`."""
    today = today or timezone.localdate()
    due = []
    for model in medical_page_models():
        pages = (
            model.objects.live()
            .defer_streamfields()
            .select_related("medical_reviewer", "locale")
            .order_by("title")
        )
        for page in pages:
            page.review_status = review_status(page, today)
            if page.review_status is not None:
                due.append(page)
    return sorted(due, key=lambda page: (page.review_status.sort_key, page.title))


class PagesDueForReviewView(FormulaSafeExportMixin, ReportView):
    page_title = "Pages due for medical review"
    header_icon = "doc-full"
    index_url_name = "articles_reports:due_for_review"
    index_results_url_name = "articles_reports:due_for_review_results"
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
        Column("kind", label="Kind"),
        Column("language", label="Language"),
        Column("status", label="Review"),
        Column("reviewer", label="Last reviewed by"),
        Column("last_reviewed", label="Last reviewed"),
        Column("reading_grade_verdict", label="Reading grade"),
    ]
    list_export = [
        "title",
        "kind",
        "language",
        "status",
        "reviewer",
        "last_reviewed",
        "review_due_date",
        "reading_grade",
        "full_url",
    ]
    export_headings = {
        "title": "Page",
        "kind": "Kind",
        "language": "Language",
        "status": "Review",
        "reviewer": "Last reviewed by",
        "last_reviewed": "Last reviewed",
        "review_due_date": "Review due",
        "reading_grade": "Reading grade",
        "full_url": "URL",
    }
    export_filename = "pages-due-for-medical-review"

    def get_queryset(self):
        return pages_due_for_review()

    def decorate_paginated_queryset(self, object_list):
        target = ClinicSettings.for_request(self.request).reading_grade_target
        for article in object_list:
            article.kind = capfirst(article._meta.verbose_name)
            reviewer = article.medical_reviewer
            article.reviewer = reviewer.display_name if reviewer else "Not reviewed yet"
            article.status = article.review_status.label
            # Each language's version is reviewed on its own.
            article.language = article.locale.get_display_name()
            article.reading_grade_verdict = grade_against_target(article.reading_grade, target)
        return object_list
