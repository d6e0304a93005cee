"""Spelling suggestions: misspelt and joined words lead to the pages that use the right ones."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import PageViewRestriction, Site

from search.suggestions import vocabulary_key
from tests.search.helpers import body_with, main_content

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): suggestions come
# from the database's search index.
pytestmark = pytest.mark.backend_specific

DEPRESSION_ARTICLE = "Living with depression"


def search(client, query, **params):
    return main_content(client.get("/search/", {"q": query, **params}))


def test_a_misspelt_word_that_finds_nothing_shows_the_corrected_results(client, make_article):
    make_article(DEPRESSION_ARTICLE, body=body_with("Depression is common and treatable."))
    main = search(client, "depresion")
    assert "Showing results for" in main and ">depression</a>" in main
    assert DEPRESSION_ARTICLE in main
    assert "Nothing matched" not in main


def test_the_corrected_results_link_to_a_search_for_the_words_as_typed(client, make_article):
    make_article(DEPRESSION_ARTICLE, body=body_with("Depression is common and treatable."))
    main = search(client, "depresion")
    assert 'Search instead for <a href="/search/?q=depresion&amp;exact=1">depresion</a>' in main
    exact = search(client, "depresion", exact=1)
    assert "Nothing matched “depresion”" in exact and DEPRESSION_ARTICLE not in exact
    assert 'Did you mean <a href="/search/?q=depression">depression</a>?' in exact


def test_joined_words_are_split_into_known_words(client, make_article):
    make_article("Easing back pain at your desk", body=body_with("Back pain eases with movement."))
    main = search(client, "backpain")
    assert ">back pain</a>" in main and "Easing back pain at your desk" in main


def test_swapped_letters_are_corrected(client, make_article):
    make_article("Calming anxiety", body=body_with("Anxiety is the body's alarm."))
    main = search(client, "anxeity")
    assert ">anxiety</a>" in main and "Calming anxiety" in main


def test_swapped_letters_in_a_short_word_are_corrected(client, make_article):
    make_article("Easing knee pain", body=body_with("Knee pain often eases with rest."))
    main = search(client, "knee pian")
    assert ">knee pain</a>" in main and "Easing knee pain" in main


def test_a_correction_that_finds_nothing_either_is_offered_as_a_link(client, make_article):
    make_article(DEPRESSION_ARTICLE, body=body_with("Depression is common and treatable."))
    main = search(client, "depresion xylophone")
    assert "Nothing matched “depresion xylophone”" in main
    assert (
        'Did you mean <a href="/search/?q=depression+xylophone">depression xylophone</a>?' in main
    )


def test_other_forms_of_a_word_the_site_uses_find_its_pages(client, make_article):
    # PostgreSQL's search finds "juggles" by its stem, SQLite's through the correction:
    # either way the visitor sees the article, and is not asked whether they meant it.
    make_article("Calm hands", body=body_with("Juggle three balls each evening."))
    for query in ("juggle", "juggles", "juggled"):
        main = search(client, query)
        assert "Calm hands" in main and "Did you mean" not in main


def test_words_only_in_drafts_are_never_suggested(client, make_article):
    make_article("Unpublished idea", body=body_with("quillwort"), live=False)
    main = search(client, "quillwart")
    assert "quillwort" not in main and "Nothing matched “quillwart”" in main


def test_words_only_in_private_pages_are_never_suggested(client, make_article):
    private = make_article("Staff notes", body=body_with("quillwort"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    main = search(client, "quillwart")
    assert "quillwort" not in main and "Nothing matched “quillwart”" in main


def test_a_newly_published_word_is_suggested_at_once(client, make_article):
    assert "Did you mean" not in search(client, "quillwart")  # the vocabulary is now cached
    make_article("Gentle stretches", body=body_with("Try the quillwort pose daily."))
    main = search(client, "quillwart")
    assert ">quillwort</a>" in main and "Gentle stretches" in main


def test_the_vocabulary_is_cached_under_a_key_that_a_publish_changes(client, make_article):
    request = RequestFactory().get("/search/")
    site = Site.objects.get(is_default_site=True)
    search(client, "quillwart")
    before = vocabulary_key(request, site)
    assert cache.get(before) is not None
    make_article("Gentle stretches")
    assert vocabulary_key(RequestFactory().get("/search/"), site) != before
