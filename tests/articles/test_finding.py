"""Finding and sharing articles: site search, the RSS feed, the sitemap and robots.txt."""

from datetime import date
from xml.etree import ElementTree

import pytest

from articles.views import RESULTS_PER_PAGE

BODY_ONLY_WORD = "quillwort"  # a word that appears nowhere but in one article's body


def body_with(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


# --- Search -----------------------------------------------------------------------------


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
    ["\x00pain", "a" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", "   ", "%", "pain\u202e"],
)
def test_odd_search_input_never_breaks_the_page(client, demo_site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


# --- Feed -------------------------------------------------------------------------------


def test_feed_is_well_formed_rss_of_live_articles_with_absolute_urls(
    client, articles_index, make_article
):
    make_article("Published piece", publication_date=date(2024, 5, 6), summary="A summary.")
    make_article("Secret draft", live=False)
    response = client.get(f"{articles_index.url}feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.iter("item")]
    assert "Published piece" in titles and "Secret draft" not in titles
    item = next(
        item for item in channel.iter("item") if item.findtext("title") == "Published piece"
    )
    assert item.findtext("link").startswith("http://testserver/articles/")
    assert item.findtext("description") == "A summary."
    assert "06 May 2024" in item.findtext("pubDate")
    assert channel.findtext("link") == "http://testserver/articles/"


# --- Sitemap and robots.txt -------------------------------------------------------------


def test_sitemap_lists_live_articles(client, make_article):
    live = make_article("In the sitemap")
    draft = make_article("Not in the sitemap", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert live.get_full_url() in xml
    assert draft.slug not in xml
    ElementTree.fromstring(xml)  # well-formed


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /search/" in text
