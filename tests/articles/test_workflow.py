"""Medical review through the real Wagtail admin: editors write and submit articles, only a
medical reviewer's approval publishes them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from articles.models import ArticlePage, MedicalReviewTask
from clinic.blocks import PARAGRAPH_FEATURES

TITLE = "Gentle stretches for a stiff back"
SLUG = "gentle-stretches-for-a-stiff-back"


@pytest.fixture
def article_form_data(topics, clinicians):
    """What the admin's "add article" form sends for a complete, valid article."""

    def form_data(action):
        data = nested_form_data(
            {
                "title": TITLE,
                "slug": SLUG,
                "summary": "Five stretches to try when your back feels stiff in the morning.",
                "hero_image": "",
                "hero_image_alt": "",
                "body": streamfield(
                    [
                        ("heading", {"text": "Before you start", "level": "h2"}),
                        (
                            "paragraph",
                            rich_text(
                                "<p>Move slowly and stop if the pain gets sharper.</p>",
                                features=PARAGRAPH_FEATURES,
                            ),
                        ),
                    ]
                ),
                "authorships": inline_formset([{"clinician": clinicians["ellery"].pk}], min=1),
                "medical_reviewer": clinicians["farrow"].pk,
                "last_reviewed": "",
                "next_review_due": "",
                "publication_date": "2026-11-02",
                "comments": inline_formset([]),
                "seo_title": "",
                "search_description": "",
            }
        )
        data["topics"] = [topics["chronic-pain"].pk]
        data[action] = "action"
        return data

    return form_data


@pytest.fixture
def submitted_article(editor_client, articles_index, article_form_data):
    """An article an editor has written in the admin and submitted for medical review."""
    response = create_article(editor_client, articles_index, article_form_data("action-submit"))
    assert response.status_code == 302, form_errors(response)
    return ArticlePage.objects.get(slug=SLUG)


def create_article(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))
    return client.post(url, data)


def form_errors(response):
    """The admin form's error messages, to explain a failed POST in the assertion."""
    soup = WagtailTestUtils.get_soup(response.content)
    return [error.get_text(" ", strip=True) for error in soup.select(".error-message")]


def approve(client, page):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": ""})


def test_an_editors_submitted_article_waits_for_medical_review(submitted_article):
    assert not submitted_article.live
    assert submitted_article.workflow_in_progress
    assert submitted_article.current_workflow_task.name == "Medical review"
    assert submitted_article.get_latest_revision().content["title"] == TITLE


def test_an_editor_cannot_publish_a_new_article(editor_client, articles_index, article_form_data):
    response = create_article(editor_client, articles_index, article_form_data("action-publish"))

    assert response.status_code == 302, form_errors(response)
    assert not ArticlePage.objects.get(slug=SLUG).live


def test_an_editor_cannot_publish_a_submitted_article(
    editor_client, submitted_article, article_form_data
):
    url = reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,))

    response = editor_client.post(url, article_form_data("action-publish"))

    # While in review the article is locked to everyone but the medical reviewers.
    assert response.status_code == 200
    assert "could not be saved as it is locked" in response.content.decode()
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert not article.live
    assert article.workflow_in_progress


def test_an_editor_cannot_approve_their_own_article(editor_client, submitted_article):
    approve(editor_client, submitted_article)

    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert not article.live
    assert article.workflow_in_progress


def test_a_medical_reviewers_approval_publishes_the_article(
    reviewer_client, submitted_article, client
):
    response = approve(reviewer_client, submitted_article)

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.live
    assert not article.workflow_in_progress
    page_response = client.get(article.url)
    assert page_response.status_code == 200
    assert TITLE in page_response.content.decode()


def test_the_article_is_not_visible_before_approval(submitted_article, client):
    response = client.get(f"/articles/{SLUG}/")

    assert response.status_code == 404


def test_the_medical_review_task_records_the_review(articles_index):
    [task] = articles_index.get_workflow().tasks.specific()

    assert isinstance(task, MedicalReviewTask)
    assert task.name == "Medical review"


def test_approval_by_a_clinician_records_them_as_the_medical_reviewer(
    reviewer, reviewer_client, submitted_article, clinician, client
):
    clinician.user = reviewer
    clinician.save()

    response = approve(reviewer_client, submitted_article)

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.live
    assert article.medical_reviewer == clinician
    assert article.last_reviewed == timezone.localdate()
    page = client.get(article.url).content.decode()
    assert "Medically reviewed by Noor Ellery, MD, Pain physician, on" in page


def test_approval_by_a_reviewer_without_a_clinician_records_only_the_date(
    reviewer_client, submitted_article, clinicians
):
    approve(reviewer_client, submitted_article)

    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.live
    assert article.medical_reviewer == clinicians["farrow"]  # as the editor chose
    assert article.last_reviewed == timezone.localdate()


def test_approval_clears_a_next_review_date_it_has_met(
    editor_client, reviewer_client, articles_index, article_form_data
):
    data = article_form_data("action-submit")
    data["next_review_due"] = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = create_article(editor_client, articles_index, data)
    assert response.status_code == 302, form_errors(response)

    approve(reviewer_client, ArticlePage.objects.get(slug=SLUG))

    article = ArticlePage.objects.get(slug=SLUG)
    assert article.live
    assert article.next_review_due is None
    assert article.review_due_date > timezone.localdate()


def test_a_rejection_records_no_review(reviewer, reviewer_client, submitted_article, clinician):
    clinician.user = reviewer
    clinician.save()
    task_state = submitted_article.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted_article.pk, "reject", task_state.pk)
    )

    reviewer_client.post(url, {"comment": "Please cite the trial."})

    revision = ArticlePage.objects.get(pk=submitted_article.pk).get_latest_revision()
    assert revision.content["last_reviewed"] is None
    assert revision.as_object().medical_reviewer != clinician
