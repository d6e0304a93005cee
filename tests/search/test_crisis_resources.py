"""A search in crisis language puts the crisis resources first, whatever else it finds."""

import pytest

from tests.search.helpers import body_with, main_content

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): site search is the
# database's own full-text search.
pytestmark = pytest.mark.backend_specific

CRISIS_QUERIES = ["I want to die", "i dont want to live anymore", "kms", "quiero morir"]


def crisis_links_come_first(main):
    """The 988 and 911 links are in the page's main content, before any result or summary."""
    assert 'href="tel:988"' in main and 'href="tel:911"' in main
    assert main.index('href="tel:988"') < main.index('class="search-summary"')


@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_a_crisis_search_with_no_results_shows_the_crisis_resources(client, demo_site, query):
    main = main_content(client.get("/search/", {"q": query}))
    crisis_links_come_first(main)


@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_a_crisis_search_with_no_results_is_not_told_to_try_other_words(client, demo_site, query):
    main = main_content(client.get("/search/", {"q": query}))
    assert "Try fewer or different words" not in main


def test_a_crisis_search_that_finds_articles_shows_the_resources_above_them(client, make_article):
    make_article(
        "When thoughts of suicide come",
        body=body_with("Some people tell us: I want to die. If that is you, you are not alone."),
    )
    main = main_content(client.get("/search/", {"q": "I want to die"}))
    crisis_links_come_first(main)
    assert "When thoughts of suicide come" in main
    assert main.index('href="tel:988"') < main.index("When thoughts of suicide come")


def test_the_clinics_own_crisis_phrases_count_too(client, clinic_settings):
    clinic_settings.crisis_phrases = "lost all hope"
    clinic_settings.save()
    crisis_links_come_first(main_content(client.get("/search/", {"q": "lost all hope"})))


def test_a_misspelt_crisis_phrase_is_caught_through_its_correction(
    client, clinic_settings, make_article
):
    clinic_settings.crisis_phrases = "hopelessness"
    clinic_settings.save()
    make_article("Low mood", body=body_with("Hopelessness can be a symptom of depression."))
    crisis_links_come_first(main_content(client.get("/search/", {"q": "hopelesness"})))


@pytest.mark.parametrize("query", ["back pain", "depression", "kill the pain", "die hard"])
def test_an_ordinary_search_does_not_show_the_crisis_resources(client, demo_site, query):
    main = main_content(client.get("/search/", {"q": query}))
    assert 'href="tel:988"' not in main and 'href="tel:911"' not in main
