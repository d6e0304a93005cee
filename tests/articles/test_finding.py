"""Sharing articles: the RSS feed, the sitemap and robots.txt (site search: tests/search/)."""

from datetime import date
from xml.etree import ElementTree

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


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, demo_site):
    # The sitemap's address is on the site's root URL (testserver in the tests' demo site).
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /search/" in text
