"""Dates that mean what they say (issue #21, item 7): readers see the review date, and "Last
updated" only on that day; editors are told of changes since the last medical review and of
an overdue review; readers are promised no review date that has passed."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.review import publish_reviewed
from treatments.models import TreatmentPage


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def edit_view(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def test_last_updated_is_hidden_when_it_is_not_the_review_date(client, make_article):
    article = make_article(
        "Reviewed earlier", publication_date=date(2024, 1, 5), last_reviewed=days_ago(10)
    )
    html = client.get(article.url).content.decode()

    assert article.last_updated == timezone.localdate()  # published today
    assert "Last updated" not in html
    assert f'on <time datetime="{days_ago(10):%Y-%m-%d}">' in html  # the review date


def test_last_updated_is_shown_on_the_review_date(client, make_article):
    article = make_article("Reviewed today", publication_date=date(2024, 1, 5))
    html = client.get(article.url).content.decode()

    assert f'Last updated <time datetime="{timezone.localdate():%Y-%m-%d}">' in html


def test_a_treatment_page_shows_no_last_updated_beside_an_older_review(client, demo_site):
    page = TreatmentPage.objects.get(slug="ketamine-treatment")
    # Published again today with a review of 12 days ago (the demo reviews it on the day it is
    # built).
    publish_reviewed(page, page.medical_reviewer, reviewed_on=days_ago(12))
    page.refresh_from_db()
    html = client.get(page.url).content.decode()

    assert page.last_reviewed < page.last_updated
    assert "Last updated" not in html and "Medically reviewed by" in html


def test_editors_see_changes_since_the_last_medical_review_on_a_draft(admin_client, make_article):
    article = make_article("Has a draft")
    assert "Changes since the last medical review" not in edit_view(admin_client, article)

    draft = article.get_latest_revision_as_object()
    draft.summary = "A change nobody has reviewed."
    draft.save_revision()
    html = edit_view(admin_client, article)

    assert "Changes since the last medical review" in html
    assert f"/admin/pages/{article.pk}/revisions/compare/live...latest/" in html


@pytest.fixture
def overdue_article(make_article):
    return make_article(
        "Overdue",
        publication_date=date(2024, 1, 5),
        last_reviewed=days_ago(400),
        next_review_due=days_ago(35),
    )


def test_staff_see_review_overdue(admin_client, overdue_article):
    assert overdue_article.review_is_overdue
    assert "Review overdue" in edit_view(admin_client, overdue_article)


def test_readers_are_promised_no_review_date_that_has_passed(client, overdue_article):
    html = client.get(overdue_article.url).content.decode()

    assert "Next review due" not in html
    assert "Review overdue" not in html  # a staff notice, not a reader's


def test_a_review_on_time_shows_no_overdue_notice(admin_client, make_article):
    article = make_article("On time")

    assert "Review overdue" not in edit_view(admin_client, article)
