"""The "Articles due for medical review" report: live articles whose last medical review is
older than the review interval (or that were never reviewed), oldest first."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from articles.models import ArticlePage


def articles_due_for_review(today=None):
    today = today or timezone.localdate()
    stale_since = today - timedelta(days=settings.ARTICLES_REVIEW_INTERVAL_DAYS)
    due = (
        Q(last_reviewed__isnull=True)
        | Q(last_reviewed__lt=stale_since)
        | Q(next_review_due__lt=today)
    )
    return (
        ArticlePage.objects.live()
        .filter(due)
        .defer_streamfields()
        .select_related("medical_reviewer")
        .order_by(F("last_reviewed").asc(nulls_first=True), "title")
    )


class ArticlesDueForReviewView(ReportView):
    page_title = "Articles due for medical review"
    header_icon = "doc-full"
    index_url_name = "articles_reports:due_for_review"
    index_results_url_name = "articles_reports:due_for_review_results"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label="Article",
            url_name="wagtailadmin_pages:edit",
        ),
        Column("reviewer", label="Medical reviewer"),
        Column("last_reviewed", label="Last reviewed"),
        Column("review_due_date", label="Review due"),
    ]
    list_export = ["title", "reviewer", "last_reviewed", "review_due_date", "full_url"]
    export_headings = {
        "title": "Article",
        "reviewer": "Medical reviewer",
        "last_reviewed": "Last reviewed",
        "review_due_date": "Review due",
        "full_url": "URL",
    }
    export_filename = "articles-due-for-medical-review"

    def get_queryset(self):
        return articles_due_for_review()

    def decorate_paginated_queryset(self, object_list):
        for article in object_list:
            reviewer = article.medical_reviewer
            article.reviewer = reviewer.display_name if reviewer else "Not reviewed yet"
        return object_list
