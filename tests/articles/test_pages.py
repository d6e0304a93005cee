"""Article pages and the articles index as readers see them: blocks, listings, related
articles, contact call to action, SEO tags, structured data and query-count bounds."""

import json
import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticlePage, Topic
from clinic.models import StandardPage

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

EVERY_BLOCK = [
    {"type": "heading", "value": {"text": "What causes back pain?", "level": "h2"}},
    {"type": "heading", "value": {"text": "Muscles and joints", "level": "h3"}},
    {"type": "paragraph", "value": "<p>Most back pain comes from <b>muscles</b>.</p>"},
    {"type": "list", "value": {"style": "bulleted", "items": ["Poor sleep", "Stress"]}},
    {"type": "list", "value": {"style": "numbered", "items": ["Rest briefly", "Keep moving"]}},
    {"type": "quote", "value": {"text": "Movement is medicine.", "attribution": "A physio"}},
    {
        "type": "callout",
        "value": {"urgency": "emergency", "heading": "Call now if", "text": "<p>numbness</p>"},
    },
    {
        "type": "faq",
        "value": {
            "heading": "Questions",
            "items": [{"question": "Is it serious?", "answer": "<p>Rarely.</p>"}],
        },
    },
]


def json_ld_documents(response):
    return [json.loads(text) for text in JSON_LD.findall(response.content.decode())]


def document_of_type(response, schema_type):
    return next(doc for doc in json_ld_documents(response) if doc["@type"] == schema_type)


# --- Blocks and the article page ------------------------------------------------------


def test_every_block_renders(client, make_article):
    article = make_article("Back pain explained", body=EVERY_BLOCK)
    html = client.get(article.url).content.decode()
    assert '<h2 id="what-causes-back-pain">What causes back pain?</h2>' in html
    assert '<h3 id="muscles-and-joints">Muscles and joints</h3>' in html
    assert "<p>Most back pain comes from <b>muscles</b>.</p>" in html
    assert re.search(r"<ul>\s*<li>Poor sleep</li>\s*<li>Stress</li>\s*</ul>", html)
    assert re.search(r"<ol>\s*<li>Rest briefly</li>\s*<li>Keep moving</li>\s*</ol>", html)
    assert "Movement is medicine." in html and "A physio" in html
    assert "callout--emergency" in html and "Call now if" in html
    assert '<summary class="faq__question">Is it serious?</summary>' in html


def test_image_and_call_to_action_blocks_render(client, make_article, demo_site, image):
    about = StandardPage.objects.get(slug="about")
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "A calm lake", "decorative": False},
                "caption": "Stillness helps.",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Meet the team",
                "text": "Who we are.",
                "page": about.pk,
                "button_label": "About us",
            },
        },
    ]
    html = client.get(make_article("Pictures", body=body).url).content.decode()
    assert re.search(r'<img [^>]*alt="A calm lake"', html)
    assert 'loading="lazy"' in html and "<figcaption>Stillness helps.</figcaption>" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert f'href="{about.url}">About us</a>' in html


def test_article_shows_byline_dates_reading_time_review_and_disclaimer(
    client, make_article, clinician
):
    article = make_article(
        "Sleep and pain",
        authors=[clinician],
        publication_date=date(2022, 11, 9),
        medical_reviewer=clinician,
        last_reviewed=date(2025, 3, 4),
        body=[{"type": "paragraph", "value": "<p>" + "word " * 450 + "</p>"}],
    )
    html = client.get(article.url).content.decode()
    assert "By Noor Ellery, MD" in html
    assert '<time datetime="2022-11-09">Nov 9, 2022</time>' in html
    assert "3 min read" in html
    assert "Medically reviewed by Noor Ellery, MD, Pain physician, on" in html
    assert "Mar 4, 2025" in html and "Next review due Mar 2026" in html
    assert "not a substitute for professional medical advice" in html


def test_table_of_contents_lists_section_headings_only(client, make_article):
    body = [*EVERY_BLOCK, {"type": "heading", "value": {"text": "Treatment", "level": "h2"}}]
    html = client.get(make_article("Contents", body=body).url).content.decode()
    toc = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]
    assert '<a href="#what-causes-back-pain">What causes back pain?</a>' in toc
    assert '<a href="#treatment">Treatment</a>' in toc
    assert "Muscles and joints" not in toc  # an h3


def test_article_ends_with_contact_call_to_action_carrying_its_source(client, make_article):
    article = make_article("Contact me")
    html = client.get(article.url).content.decode()
    assert "Contact us today!" in html
    assert f'href="/contact/?from={article.pk}"' in html


def test_contact_form_keeps_the_article_as_source(client, make_article):
    article = make_article("Where people come from")
    form_page = client.get(f"/contact/?from={article.pk}").content.decode()
    assert f'name="source" value="{article.pk}"' in form_page


def test_reading_time_is_computed_from_the_body(make_article):
    short = make_article("Short", body=[{"type": "paragraph", "value": "<p>Hi.</p>"}])
    long = make_article("Long", body=[{"type": "paragraph", "value": "<p>" + "w " * 1000 + "</p>"}])
    assert short.reading_minutes == 1
    assert long.reading_minutes == 5


def test_hero_image_needs_alt_text(articles_index, image):
    article = ArticlePage(title="Alt", slug="alt", body=EVERY_BLOCK[:1], hero_image=image)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_image_alt" in error.value.message_dict


def test_two_headings_with_the_same_text_are_refused(articles_index):
    body = ArticlePage.body.field.stream_block
    value = body.to_python([EVERY_BLOCK[0], EVERY_BLOCK[2], EVERY_BLOCK[0]])
    with pytest.raises(ValidationError) as error:
        body.clean(value)
    assert 2 in error.value.block_errors and 0 not in error.value.block_errors


def test_hero_image_is_responsive_and_not_lazy(client, make_article, image):
    article = make_article("Hero", hero_image=image, hero_image_alt="Two people walking")
    html = client.get(article.url).content.decode()
    hero = html[
        html.index('class="article__hero"') : html.index(
            "</figure>", html.index('class="article__hero"')
        )
    ]
    assert 'alt="Two people walking"' in hero
    assert 'loading="lazy"' not in hero and 'fetchpriority="high"' in hero
    img = re.search(r"<img [^>]*>", hero).group(0)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "srcset=" in hero


# --- Related articles -------------------------------------------------------------------


def test_related_articles_share_a_topic_and_exclude_self_and_drafts(make_article, topic):
    other_topic = Topic.objects.create(name="Sleep", slug="sleep")
    article = make_article("Main", topics=[topic])
    sibling = make_article("Sibling", topics=[topic])
    make_article("Draft sibling", topics=[topic], live=False)
    make_article("Unrelated", topics=[other_topic])
    assert article.related_articles() == [sibling]


def test_related_articles_are_at_most_three(make_article, topic):
    article = make_article("Main", topics=[topic])
    for number in range(5):
        make_article(f"Sibling {number}", topics=[topic])
    assert len(article.related_articles()) == 3


# --- The index --------------------------------------------------------------------------


def test_index_lists_live_articles_newest_first_ten_per_page(client, articles_index, make_article):
    ArticlePage.objects.all().delete()
    for day in range(1, 13):
        make_article(f"Article {day:02}", publication_date=date(2024, 1, day))
    make_article("Draft", live=False)
    first = client.get(articles_index.url).content.decode()
    assert first.count('class="article-card"') == 10
    assert first.index("Article 12") < first.index("Article 03")
    assert "Article 02" not in first and "Draft" not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(articles_index.url, {"page": 2}).content.decode()
    assert second.count('class="article-card"') == 2 and "Article 01" in second


@pytest.mark.parametrize("page_number", ["abc", "-1", "999"])
def test_index_shows_a_page_for_a_bad_page_number(
    client, articles_index, make_article, page_number
):
    make_article("Only one")
    response = client.get(articles_index.url, {"page": page_number})
    assert response.status_code == 200
    assert "Only one" in response.content.decode()


def test_index_filters_by_topic_and_keeps_it_across_pages(
    client, articles_index, make_article, topic
):
    ArticlePage.objects.all().delete()
    for number in range(11):
        make_article(f"Back {number}", topics=[topic])
    make_article("About sleep")
    html = client.get(articles_index.url, {"topic": "back-care"}).content.decode()
    assert "About sleep" not in html and html.count('class="article-card"') == 10
    assert 'href="?topic=back-care&amp;page=2"' in html
    assert 'aria-current="page">Back care</a>' in html


def test_index_with_an_unknown_topic_lists_everything(client, articles_index, make_article):
    make_article("Anything")
    response = client.get(articles_index.url, {"topic": "no-such-topic"})
    assert response.status_code == 200 and "Anything" in response.content.decode()


def test_index_links_to_its_feed(client, articles_index):
    html = client.get(articles_index.url).content.decode()
    assert f'type="application/rss+xml" title="Articles" href="{articles_index.url}feed/"' in html


def test_home_page_lists_the_latest_articles(client, make_article):
    make_article("Fresh off the press", publication_date=date.today())
    html = client.get("/").content.decode()
    assert "Latest articles" in html and "Fresh off the press" in html


# --- SEO tags and structured data -------------------------------------------------------


def test_meta_description_falls_back_to_the_summary(client, make_article):
    article = make_article("Described", summary="What this article covers.")
    html = client.get(article.url).content.decode()
    assert '<meta name="description" content="What this article covers.">' in html
    assert '<meta property="og:description" content="What this article covers.">' in html
    article.search_description = "An SEO description."
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert '<meta name="description" content="An SEO description.">' in html


def test_article_has_canonical_open_graph_and_twitter_tags(client, make_article, image):
    article = make_article("Shared", hero_image=image, hero_image_alt="A path")
    html = client.get(article.url).content.decode()
    full_url = article.get_full_url()
    assert f'<link rel="canonical" href="{full_url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{full_url}">' in html
    assert re.search(r'<meta property="og:image" content="http://[^"]+\.jpg">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_json_ld_describes_the_article_its_people_and_the_clinic(
    client, make_article, clinician, topic
):
    article = make_article(
        "Reviewed",
        summary="Summary of Reviewed.",
        authors=[clinician],
        topics=[topic],
        medical_reviewer=clinician,
        last_reviewed=date(2025, 6, 1),
        publication_date=date(2024, 2, 3),
    )
    page = document_of_type(client.get(article.url), "MedicalWebPage")
    assert page["headline"] == "Reviewed"
    assert page["description"] == "Summary of Reviewed."
    assert page["datePublished"] == "2024-02-03"
    assert page["dateModified"]
    assert page["author"] == [
        {
            "@type": "Person",
            "name": "Noor Ellery",
            "honorificSuffix": "MD",
            "jobTitle": "Pain physician",
        }
    ]
    assert page["reviewedBy"]["name"] == "Noor Ellery"
    assert page["lastReviewed"] == "2025-06-01"
    assert page["publisher"]["@type"] == "MedicalClinic"
    assert page["publisher"]["name"] == "Willowmere Pain & Mood Clinic"


def test_json_ld_stays_valid_with_quotes_and_a_closing_script_tag(client, make_article):
    title = 'He said "stop" </script><script>alert(1)</script>'
    response = client.get(make_article(title, slug="tricky").url)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert document_of_type(response, "MedicalWebPage")["headline"] == title
    crumbs = document_of_type(response, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Articles", title]
    assert crumbs[-1]["item"].endswith("/articles/tricky/")


def test_json_ld_has_an_faq_page_only_with_faq_blocks(client, make_article):
    with_faq = client.get(make_article("With FAQ", body=EVERY_BLOCK).url)
    faq = document_of_type(with_faq, "FAQPage")
    assert faq["mainEntity"][0]["name"] == "Is it serious?"
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == "Rarely."
    without = client.get(make_article("Without FAQ").url)
    assert "FAQPage" not in [doc["@type"] for doc in json_ld_documents(without)]


# --- Query-count bounds -----------------------------------------------------------------


def cold_render_queries(client, url):
    """Queries of a render that misses the page and fragment caches. A first visit creates
    image renditions, so it is made once beforehand: the steady state is what is counted."""
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


ARTICLE_PAGE_MAX_QUERIES = 25
INDEX_PAGE_MAX_QUERIES = 20


def test_article_page_query_count_is_bounded_and_does_not_grow(
    client, make_article, image, clinicians
):
    topics = [Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(4)]
    picture = {"hero_image": image, "hero_image_alt": "x", "body": EVERY_BLOCK}
    small = make_article("Small", topics=topics[:1], **picture)
    make_article("Neighbour", topics=topics[:1], **picture)
    small_count = cold_render_queries(client, small.url)

    big = make_article("Big", topics=topics, authors=list(clinicians.values()), **picture)
    for number in range(8):
        make_article(f"Related {number}", topics=topics, **picture)
    big_count = cold_render_queries(client, big.url)
    assert big_count <= ARTICLE_PAGE_MAX_QUERIES
    assert big_count == small_count


def test_index_page_query_count_does_not_grow_with_the_page_size(
    client, articles_index, make_article, topic, image
):
    make_article("One", topics=[topic], hero_image=image, hero_image_alt="x")
    one = cold_render_queries(client, articles_index.url)
    for number in range(15):
        make_article(f"More {number}", topics=[topic], hero_image=image, hero_image_alt="x")
    many = cold_render_queries(client, articles_index.url)
    assert many <= INDEX_PAGE_MAX_QUERIES
    assert many == one


def test_last_review_date_drives_the_due_date(make_article, settings):
    settings.ARTICLES_REVIEW_INTERVAL_DAYS = 365
    reviewed = make_article("Reviewed", last_reviewed=date.today() - timedelta(days=400))
    assert reviewed.review_is_overdue
    explicit = make_article(
        "Explicit", last_reviewed=date.today(), next_review_due=date.today() + timedelta(days=30)
    )
    assert explicit.review_due_date == date.today() + timedelta(days=30)
    assert not explicit.review_is_overdue


def test_a_cached_article_shows_a_related_article_published_after_it(client, make_article, topic):
    article = make_article("Main", topics=[topic])
    assert "Newcomer" not in client.get(article.url).content.decode()  # now cached
    make_article("Newcomer", topics=[topic])
    assert "Newcomer" in client.get(article.url).content.decode()


def test_a_cached_article_shows_its_reviewers_new_name(admin_client, make_article, clinician):
    reader = Client()  # admin_client is the `client` fixture, logged in
    article = make_article("Reviewed", medical_reviewer=clinician, last_reviewed=date(2025, 1, 1))
    assert "Noor Ellery" in reader.get(article.url).content.decode()  # now cached
    url = reverse("wagtailsnippets_articles_clinician:edit", args=[clinician.pk])
    admin_client.post(url, {"name": "Noor Ellery-Park", "credentials": "MD", "role": "", "bio": ""})
    assert "Noor Ellery-Park, MD" in reader.get(article.url).content.decode()
