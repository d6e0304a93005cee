"""Site search at /search/: what it finds, in what order, and how it copes with any input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.forms import MAX_QUERY_LENGTH
from search.views import RESULTS_PER_PAGE
from tests.search.helpers import body_with

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): site search is the
# database's own full-text search.
pytestmark = pytest.mark.backend_specific

BODY_ONLY_WORD = "quillwort"  # a word that appears nowhere but in the articles a test makes


def test_search_finds_an_article_by_a_word_only_in_its_body(client, make_article):
    make_article("Gentle stretches", body=body_with(f"Try the {BODY_ONLY_WORD} pose daily."))
    make_article("Sleep hygiene")
    html = client.get("/search/", {"q": BODY_ONLY_WORD}).content.decode()
    assert "Gentle stretches" in html and "Sleep hygiene" not in html
    assert "1 result for" in html


def test_search_finds_words_in_title_and_summary(client, make_article):
    make_article("Pacing your day", summary="How to plan activity around flare-ups.")
    assert "Pacing your day" in client.get("/search/", {"q": "pacing"}).content.decode()
    assert "Pacing your day" in client.get("/search/", {"q": "flare-ups"}).content.decode()


def test_search_leaves_out_drafts(client, make_article):
    make_article("Unpublished idea", body=body_with(BODY_ONLY_WORD), live=False)
    html = client.get("/search/", {"q": BODY_ONLY_WORD}).content.decode()
    assert "Unpublished idea" not in html and "Nothing matched" in html


def test_search_has_clear_empty_and_no_result_states(client, demo_site):
    empty = client.get("/search/").content.decode()
    assert "Type a word or two" in empty and "result" not in empty.split("<main")[1]
    nothing = client.get("/search/", {"q": "xylophone"}).content.decode()
    assert "Nothing matched “xylophone”" in nothing
    assert (
        'href="/articles/">browse all articles</a>' in nothing or "browse all articles" in nothing
    )


def test_search_results_are_not_indexed_by_search_engines(client, demo_site):
    html = client.get("/search/", {"q": "pain"}).content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_search_results_are_paginated(client, make_article):
    for number in range(RESULTS_PER_PAGE + 2):
        make_article(f"Walking guide {number}", body=body_with(BODY_ONLY_WORD))
    first = client.get("/search/", {"q": BODY_ONLY_WORD}).content.decode()
    assert first.count('class="article-card"') == RESULTS_PER_PAGE
    assert f'href="?q={BODY_ONLY_WORD}&amp;page=2"' in first
    second = client.get("/search/", {"q": BODY_ONLY_WORD, "page": 2}).content.decode()
    assert second.count('class="article-card"') == 2


@pytest.mark.parametrize(
    "query",
    [
        "\x00pain",
        "a" * 5000,
        "-",
        "- -",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "   ",
        "%",
        "pain\u202e",
    ],
)
def test_odd_search_input_never_breaks_the_page(client, demo_site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_still_reads_the_first_words_of_an_over_long_query(client, make_article):
    make_article("Gentle stretches", body=body_with(f"Try the {BODY_ONLY_WORD} pose daily."))
    html = client.get("/search/", {"q": BODY_ONLY_WORD + " " + "x" * 500}).content.decode()
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in html
    assert "Search results" in html and "Nothing matched" in html  # searched, not refused


@pytest.mark.parametrize(
    "params",
    [
        {"q": "pain", "page": "abc"},
        {"q": "pain", "page": "999"},
        {"q": "pain", "exact": "banana"},
        {"q": "depresion", "exact": "1", "page": "-1"},
        {"q": "kms\x00", "page": "2"},
        {"q": "backpain" * 20},
        {"q": "ÿÿÿÿÿ ŋŋŋŋ 中文搜索 🙂🙂🙂"},
    ],
)
def test_odd_search_parameters_never_break_the_page(client, demo_site, params):
    assert client.get("/search/", params).status_code == 200


# --- Order of results -------------------------------------------------------------------


def test_articles_come_before_other_pages_that_match_better(
    client, make_article, make_standard_page
):
    # The About-type page names the word in its title and intro, which ranks it higher
    # than the article's single mention in its body.
    make_standard_page(
        f"{BODY_ONLY_WORD.title()} and our team",
        intro=f"Why we care about {BODY_ONLY_WORD}.",
        body=[("paragraph", f"<p>{BODY_ONLY_WORD} {BODY_ONLY_WORD}</p>")],
    )
    make_article("Stretches for stiff backs", body=body_with(f"The {BODY_ONLY_WORD} pose helps."))
    html = client.get("/search/", {"q": BODY_ONLY_WORD}).content.decode()
    assert "2 results for" in html
    assert html.index("Stretches for stiff backs") < html.index("Quillwort and our team")


def test_articles_keep_their_relevance_order(client, make_article):
    make_article("Passing mention", body=body_with(f"The {BODY_ONLY_WORD} pose."))
    make_article(
        f"All about {BODY_ONLY_WORD}",
        summary=f"Everything on {BODY_ONLY_WORD}.",
        body=body_with(f"{BODY_ONLY_WORD} {BODY_ONLY_WORD} {BODY_ONLY_WORD}"),
    )
    html = client.get("/search/", {"q": BODY_ONLY_WORD}).content.decode()
    assert html.index(f"All about {BODY_ONLY_WORD}") < html.index("Passing mention")


def test_pages_other_than_articles_follow_on_the_next_results_page(
    client, make_article, make_standard_page
):
    make_standard_page(f"{BODY_ONLY_WORD.title()} at the clinic")
    for number in range(RESULTS_PER_PAGE):
        make_article(f"Walking guide {number}", body=body_with(BODY_ONLY_WORD))
    first = client.get("/search/", {"q": BODY_ONLY_WORD}).content.decode()
    second = client.get("/search/", {"q": BODY_ONLY_WORD, "page": 2}).content.decode()
    assert "11 results for" in first and "Quillwort at the clinic" not in first
    assert "Quillwort at the clinic" in second and "Walking guide" not in second


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, make_article, make_standard_page, image
):
    picture = {"hero_image": image, "hero_image_alt": "A path", "body": body_with(BODY_ONLY_WORD)}
    make_article("Guide 0", **picture)
    make_standard_page(f"{BODY_ONLY_WORD.title()} 0", intro="About us.")
    few = search_queries(client, BODY_ONLY_WORD)
    for number in range(1, 6):
        make_article(f"Guide {number}", **picture)
        make_standard_page(f"{BODY_ONLY_WORD.title()} {number}", intro="About us.")
    many = search_queries(client, BODY_ONLY_WORD)
    assert many == few


def search_queries(client, query):
    """Queries of a search once image renditions exist (a first view creates them)."""
    assert client.get("/search/", {"q": query}).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(queries)
