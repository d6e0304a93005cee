"""Search in the reader's language: /es/buscar/ finds the Spanish pages, stemmed as Spanish on
PostgreSQL, and never the English ones (nor /search/ the Spanish ones)."""

import pytest
from django.db import connection

from tests.search.helpers import main_content

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): site search is the
# database's own full-text search.
pytestmark = pytest.mark.backend_specific

SPANISH_TITLE = "¿Pueden los problemas de salud mental causar dolor de espalda?"
ENGLISH_TITLE = "Can mental health issues cause back pain?"


def found_titles(client, path, query):
    return main_content(client.get(path, {"q": query}))


def test_spanish_search_finds_spanish_pages_only(client, bilingual_demo_site):
    html = found_titles(client, "/es/buscar/", "espalda")

    assert SPANISH_TITLE in html
    assert ENGLISH_TITLE not in html


def test_english_search_finds_english_pages_only(client, bilingual_demo_site):
    html = found_titles(client, "/search/", "pain")

    assert ENGLISH_TITLE in html
    assert SPANISH_TITLE not in html


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="language-aware stemming is PostgreSQL's text search (SQLite's FTS5 stems English)",
)
@pytest.mark.parametrize(
    "query",
    [
        "caminando",  # the article says "caminar": one Spanish stem, two English words
        "preocupado",  # the article says "preocupación"
        "depresion",  # typed without its accent, as on many phones
    ],
)
def test_spanish_words_are_stemmed_as_spanish(client, bilingual_demo_site, query):
    assert SPANISH_TITLE in found_titles(client, "/es/buscar/", query), query


def test_did_you_mean_suggests_words_of_the_readers_language(client, bilingual_demo_site):
    # Each language has its own vocabulary: a misspelt Spanish word is corrected from the
    # Spanish pages, even right after an English search filled the English one.
    client.get("/search/", {"q": "bakc"})

    html = main_content(client.get("/es/buscar/", {"q": "espladas"}))

    assert "espalda" in html
