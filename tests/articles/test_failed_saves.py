"""A save the server could not finish is never shown to the editor as a success: the form's
own save gets a page that says "Not saved", and the admin's background autosave gets JSON
that Wagtail's scripts show as a failure ("Autosave is paused: A server error occurred.")."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from clinic.blocks import PARAGRAPH_FEATURES


@pytest.fixture
def editor_browser(editor):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return client


@pytest.fixture
def article(make_article):
    return make_article()


@pytest.fixture
def locked_database(monkeypatch):
    """Saving a revision fails as SQLite did under load before WAL and IMMEDIATE."""

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ArticlePage, "save_revision", locked)


def edit_form(article, clinicians, topics):
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "Changed while the database was locked.",
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Text</p>", features=PARAGRAPH_FEATURES))]
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
    return data


def test_a_save_the_server_could_not_finish_says_nothing_was_saved(
    editor_browser, article, clinicians, topics, locked_database
):
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))

    response = editor_browser.post(url, edit_form(article, clinicians, topics))

    assert response.status_code == 503
    html = response.content.decode()
    assert "Not saved" in html
    assert "nothing you sent was saved" in html
    assert "has been updated" not in html
    assert (
        ArticlePage.objects.get(pk=article.pk).summary != "Changed while the database was locked."
    )


def test_an_autosave_the_server_could_not_finish_is_answered_as_a_failure(
    editor_browser, article, clinicians, topics, locked_database
):
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))

    response = editor_browser.post(
        url, edit_form(article, clinicians, topics), headers={"Accept": "application/json"}
    )

    assert response.status_code == 503
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "server_error"
