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


def autosaves(response):
    html = response.content.decode()
    return 'data-w-autosave-interval-value="' in html or 'id="w-autosave-indicator"' in html


def test_a_new_page_is_not_autosaved_before_it_is_first_saved(editor_client, articles_index):
    """A new article cannot be saved until its required fields are filled: autosaving it
    would say "Autosave is paused" from the first keystroke. Its form is saved by the editor
    once; a page that exists autosaves."""
    add_url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", articles_index.pk))
    new_page = editor_client.get(add_url)
    assert new_page.status_code == 200
    assert not autosaves(new_page)

    existing = ArticlePage.objects.child_of(articles_index).first()
    edit_page = editor_client.get(reverse("wagtailadmin_pages:edit", args=(existing.pk,)))
    assert edit_page.status_code == 200
    assert autosaves(edit_page)


def test_a_new_snippet_is_not_autosaved_before_it_is_first_saved(admin_client, clinician):
    add = admin_client.get(reverse("wagtailsnippets_articles_clinician:add"))
    edit = admin_client.get(
        reverse("wagtailsnippets_articles_clinician:edit", args=(clinician.pk,))
    )

    assert add.status_code == 200 and not autosaves(add)
    assert edit.status_code == 200 and autosaves(edit)
