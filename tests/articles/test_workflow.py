"""Medical review through the real Wagtail admin: editors write and submit articles, only a
medical reviewer's approval publishes them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from articles.demo import MEDICAL_REVIEWERS
from articles.models import ArticlePage, ClinicianAccount, MedicalReviewTask, months_after
from clinic.blocks import PARAGRAPH_FEATURES
from clinic.site_settings import ClinicSettings
from tests.fixtures.staff import logged_in_client, user_in_group

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
                "sources": streamfield([]),
                "key_points": streamfield([]),
                "authorships": inline_formset([{"clinician": clinicians["ellery"].pk}], min=1),
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
    reviewer_client, submitted_article, clinician, client
):
    response = approve(reviewer_client, submitted_article)

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.live
    assert article.medical_reviewer == clinician
    assert article.last_reviewed == timezone.localdate()
    page = client.get(article.url).content.decode()
    assert "Medically reviewed by" in page
    assert ">Noor Ellery, MD</a>, Pain physician, on" in page


@pytest.fixture
def reviewer_without_clinician(demo_site, django_user_model):
    return user_in_group(django_user_model, "unlinked-reviewer", MEDICAL_REVIEWERS)


@pytest.mark.parametrize("who", ["reviewer_without_clinician", "admin_user"])
def test_only_a_clinicians_account_may_approve_and_others_are_told_why(
    who, request, submitted_article
):
    client = logged_in_client(request.getfixturevalue(who))
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,))

    edit_page = client.get(edit_url, follow=True).content.decode()
    response = approve(client, submitted_article)

    assert "Only a clinician can approve a medical review" in edit_page
    assert "data-workflow-action-url" not in edit_page or "/approve/" not in edit_page
    assert response.status_code == 302  # refused: Wagtail sends the user back to the dashboard
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert not article.live
    assert article.workflow_in_progress
    assert article.last_reviewed is None


def test_the_author_of_an_article_may_not_approve_its_review(
    reviewer, submitted_article, clinicians
):
    marcus = clinicians["ellery"]  # the article's author
    ClinicianAccount.objects.filter(clinician=marcus).delete()  # the demo's own account
    ClinicianAccount.objects.filter(user=reviewer).update(clinician=marcus)
    client = logged_in_client(reviewer)

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,)))

    assert "You wrote this article" in edit_page.content.decode()
    approve(client, submitted_article)
    assert not ArticlePage.objects.get(pk=submitted_article.pk).live


def test_a_clinician_quoted_in_the_article_may_not_approve_its_review(
    editor_client, reviewer_client, articles_index, article_form_data
):
    data = article_form_data("action-submit")
    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        ("heading", {"text": "Before you start", "level": "h2"}),
                        ("quote", {"text": "Go slowly.", "attribution": "Dr. Noor Ellery, MD"}),
                    ]
                )
            }
        )
    )
    response = create_article(editor_client, articles_index, data)
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(slug=SLUG)

    edit_page = reviewer_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))

    assert "The article quotes you" in edit_page.content.decode()
    approve(reviewer_client, article)
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_approval_sets_the_next_review_from_the_clinics_interval(
    reviewer_client, submitted_article, demo_site
):
    clinic_settings = ClinicSettings.for_site(demo_site.get_site())
    clinic_settings.review_interval_months = 6
    clinic_settings.save()

    approve(reviewer_client, submitted_article)

    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.next_review_due == months_after(timezone.localdate(), 6)


def test_a_reviewer_may_choose_another_next_review_date_and_an_editor_may_not(
    editor_client, reviewer_client, submitted_article, article_form_data
):
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted_article.pk,))
    chosen = timezone.localdate() + timedelta(days=90)
    data = article_form_data("action-workflow-action")
    data["workflow-action-name"] = "approve"
    data["next_review_due"] = chosen.isoformat()

    editor_form = editor_client.get(edit_url).content.decode()
    reviewer_form = reviewer_client.get(edit_url).content.decode()
    response = reviewer_client.post(edit_url, data)

    assert 'name="next_review_due"' not in editor_form  # shown to editors read-only
    assert "Next review due" in editor_form
    assert 'name="next_review_due"' in reviewer_form
    assert 'name="medical_reviewer"' not in reviewer_form  # the approval records it
    assert response.status_code == 302, form_errors(response)
    article = ArticlePage.objects.get(pk=submitted_article.pk)
    assert article.live
    assert article.next_review_due == chosen


def test_an_editor_cannot_set_the_review_fields(editor_client, make_article, clinicians):
    article = make_article(live=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "",
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Text.</p>", features=PARAGRAPH_FEATURES))]
            ),
            "sources": streamfield([]),
            "key_points": streamfield([]),
            "authorships": inline_formset([{"clinician": clinicians["farrow"].pk}], min=1),
            "medical_reviewer": clinicians["ellery"].pk,
            "last_reviewed": "2026-01-01",
            "next_review_due": "2030-01-01",
            "publication_date": "2026-11-02",
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )
    data["action-save"] = "action"

    response = editor_client.post(edit_url, data)

    assert response.status_code == 302, form_errors(response)
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.medical_reviewer is None
    assert draft.last_reviewed is None
    assert draft.next_review_due is None


def test_a_rejection_records_no_review(reviewer_client, submitted_article, clinician):
    task_state = submitted_article.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted_article.pk, "reject", task_state.pk)
    )

    reviewer_client.post(url, {"comment": "Please cite the trial."})

    revision = ArticlePage.objects.get(pk=submitted_article.pk).get_latest_revision()
    assert revision.content["last_reviewed"] is None
    assert revision.as_object().medical_reviewer != clinician
