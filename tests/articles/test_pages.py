"""Article pages and the articles index as readers see them: blocks, listings, related
articles, contact call to action, SEO tags, structured data and query-count bounds."""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError

from articles.blocks import DUPLICATE_HEADING, SUBHEADING_FIRST
from articles.models import ArticleIndexPage, ArticlePage, Clinician
from articles.review import publish_reviewed
from clinic.blocks import ParagraphBlock
from clinic.models import StandardPage

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

EVERY_BLOCK = [
    {"type": "heading", "value": {"text": "What causes back pain?", "level": "h2"}},
    {"type": "heading", "value": {"text": "Muscles and joints", "level": "h3"}},
    {"type": "paragraph", "value": "<p>Most back pain comes from <b>muscles</b>.</p>"},
    {"type": "list", "value": "<ul><li>Poor sleep</li><li>Stress</li></ul>"},
    {"type": "list", "value": "<ol><li>Rest briefly</li><li>Keep moving</li></ol>"},
    {"type": "quote", "value": {"text": "Movement is medicine.", "attribution": "A physio"}},
    {
        "type": "callout",
        "value": {"urgency": "emergency", "heading": "Call now if", "text": "<p>numbness</p>"},
    },
    {
        "type": "callout",
        "value": {
            "urgency": "urgent",
            "label": "Call or text 988",
            "heading": "Thoughts of suicide",
            "text": "<p>Help is there day and night.</p>",
        },
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


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def faq(title, question="Is it serious?"):
    items = [{"question": question, "answer": "<p>Rarely.</p>"}]
    return {"type": "faq", "value": {"heading": title, "items": items}}


def clean_body(blocks):
    """The article body editors would save, cleaned as the editor cleans it on saving."""
    body = ArticlePage.body.field.stream_block
    return body.clean(body.to_python(blocks))


def field_errors(error, position):
    """{field name: [messages]} of one block in a stream validation error."""
    fields = error.block_errors[position].block_errors
    return {name: field_error.messages for name, field_error in fields.items()}


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


def image_block(image):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": "A calm lake", "decorative": False},
            "caption": "Stillness helps.",
        },
    }


def call_to_action_block(page):
    return {
        "type": "call_to_action",
        "value": {
            "heading": "Meet the team",
            "text": "Who we are.",
            "page": page.pk,
            "button_label": "About us",
        },
    }


def test_image_and_call_to_action_blocks_render(client, make_article, demo_site, image):
    about = StandardPage.objects.get(slug="about")
    body = [image_block(image), call_to_action_block(about)]
    html = client.get(make_article("Pictures", body=body).url).content.decode()
    assert re.search(r'<img [^>]*alt="A calm lake"', html)
    assert 'loading="lazy"' in html and "<figcaption>Stillness helps.</figcaption>" in html
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert f'href="{about.url}">About us</a>' in html


def test_article_shows_byline_dates_reading_time_review_and_disclaimer(
    client, make_article, clinician, clinicians
):
    article = make_article(
        "Sleep and pain",
        authors=[clinicians["farrow"]],
        publication_date=date(2022, 11, 9),
        medical_reviewer=clinician,
        last_reviewed=date(2025, 3, 4),
        body=[{"type": "paragraph", "value": "<p>" + "word " * 450 + "</p>"}],
    )
    html = client.get(article.url).content.decode()
    index = article.get_parent().specific
    author_profile = index.clinician_url(clinicians["farrow"])
    profile = index.clinician_url(clinician)
    assert f'By <a href="{author_profile}">Imogen Farrow, MD</a>' in html
    assert 'Published <time datetime="2022-11-09">Nov 9, 2022</time>' in html
    assert "3 min read" in html
    assert (
        f'Medically reviewed by <a href="{profile}">Noor Ellery, MD</a>, Pain physician, on' in html
    )
    assert "Mar 4, 2025" in html
    assert "Next review due" not in html  # a year on, the review is overdue: no stale date
    assert "not a substitute for professional medical advice" in html


def test_a_review_not_yet_due_shows_when_it_is_due(client, make_article, clinician):
    today = date.today()
    article = make_article(
        "Fresh", medical_reviewer=clinician, last_reviewed=today, next_review_due=date(2030, 5, 1)
    )
    html = client.get(article.url).content.decode()
    assert "Next review due May 2030." in html


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


def contact_page():
    from intake.pages import ContactPage

    return ContactPage.objects.live().get(locale__language_code="en")


def test_every_link_to_the_contact_page_in_the_body_carries_the_article(client, make_article):
    contact = contact_page()
    body = [
        {
            "type": "paragraph",
            "value": f'<p>Questions? <a linktype="page" id="{contact.pk}">Write to us</a> or '
            '<a href="/contact/?ref=old#form">use the form</a>; '
            '<a href="/contact/thank-you/">not this one</a>.</p>',
        },
        {"type": "heading", "value": {"text": "Next steps", "level": "h2"}},
        call_to_action_block(contact),
    ]
    article = make_article("Links to us", body=body)

    html = client.get(article.url).content.decode()

    body_html = html[html.index('class="prose"') : html.index('class="article__footer"')]
    assert f'href="/contact/?from={article.pk}">Write to us</a>' in body_html
    assert f'href="/contact/?from={article.pk}#form">use the form</a>' in body_html
    assert f'href="/contact/?from={article.pk}">About us</a>' in body_html  # the CTA block
    assert 'href="/contact/thank-you/"' in body_html
    assert 'href="/contact/"' not in body_html


def test_an_article_that_ends_with_its_own_call_to_action_gets_no_second_one(client, make_article):
    body = [{"type": "paragraph", "value": "<p>Intro.</p>"}, call_to_action_block(contact_page())]
    own = client.get(make_article("Own ending", body=body).url).content.decode()
    plain = client.get(make_article("Plain ending").url).content.decode()
    about = StandardPage.objects.get(slug="about")
    elsewhere = [body[0], call_to_action_block(about)]
    to_the_team = client.get(make_article("Team ending", body=elsewhere).url).content.decode()

    assert "Contact us today!" not in own and own.count('<section class="cta-block') == 1
    assert "Contact us today!" in plain
    assert "Contact us today!" in to_the_team  # a call to action elsewhere keeps the box


def test_a_call_to_action_heading_is_a_heading_not_a_styled_paragraph(client, make_article):
    about = StandardPage.objects.get(slug="about")
    html = client.get(make_article("Heads", body=[call_to_action_block(about)]).url)
    html = html.content.decode()

    assert '<h2 class="cta-block__heading">Meet the team</h2>' in html
    assert '<p class="cta-block__heading">' not in html


def test_article_has_breadcrumbs_to_home_and_the_articles_index(client, make_article):
    article = make_article("Where am I")
    html = client.get(article.url).content.decode()
    start = html.index('aria-label="Breadcrumb"')
    crumbs = html[start : html.index("</nav>", start)]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs)
    assert links == [("/", "Home"), ("/articles/", "Articles")]
    assert '<li class="breadcrumb-item active" aria-current="page">Where am I</li>' in crumbs


def test_publication_date_defaults_to_today_where_the_clinic_is(settings, make_article):
    settings.TIME_ZONE = "Pacific/Kiritimati"  # UTC+14
    east = ArticlePage().publication_date
    assert east == timezone.localdate()
    settings.TIME_ZONE = "Pacific/Pago_Pago"  # UTC-11: always another date than UTC+14
    west = ArticlePage().publication_date
    assert west == timezone.localdate() and west < east
    article = make_article("Dated today")
    assert article.publication_date == timezone.localdate()


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


def test_a_subheading_before_any_section_heading_is_refused_on_that_block(articles_index):
    with pytest.raises(StreamBlockValidationError) as error:
        clean_body([heading("Causes", "h3"), EVERY_BLOCK[2], heading("Help")])
    assert list(error.value.block_errors) == [0]
    assert field_errors(error.value, 0) == {"level": [SUBHEADING_FIRST]}


def test_a_subheading_after_a_section_heading_or_faq_title_is_accepted(articles_index):
    clean_body([EVERY_BLOCK[2], heading("Causes"), heading("Muscles", "h3")])
    clean_body([faq("Questions"), heading("More questions", "h3")])


def test_a_faq_title_may_not_repeat_another_heading(articles_index):
    with pytest.raises(StreamBlockValidationError) as error:
        clean_body([heading("Questions"), faq("Questions"), faq("Other questions")])
    assert list(error.value.block_errors) == [1]
    assert field_errors(error.value, 1) == {"heading": [DUPLICATE_HEADING]}


def test_two_faq_blocks_get_anchors_of_their_own(client, make_article):
    body = [heading("About pain"), faq("Questions about sleep"), faq("Questions about mood")]
    html = client.get(make_article("Two FAQs", body=body).url).content.decode()
    assert '<h2 id="questions-about-sleep">Questions about sleep</h2>' in html
    assert '<h2 id="questions-about-mood">Questions about mood</h2>' in html
    assert 'id="faq"' not in html


def test_a_heading_never_takes_an_id_the_page_template_uses(client, make_article):
    body = [heading("Main"), heading("Related heading")]
    html = client.get(make_article("Reserved words", body=body).url).content.decode()

    assert '<h2 id="main-section">Main</h2>' in html
    assert html.count('id="main"') == 1  # the skip link's target alone
    assert '<a href="#related-heading-section">Related heading</a>' in html


def test_table_of_contents_lists_faq_titles_as_sections(client, make_article):
    body = [heading("About pain"), faq("Questions about sleep"), heading("Getting help")]
    article = make_article("With questions", body=body)
    assert article.table_of_contents() == [
        ("about-pain", "About pain"),
        ("questions-about-sleep", "Questions about sleep"),
        ("getting-help", "Getting help"),
    ]
    html = client.get(article.url).content.decode()
    assert '<a href="#questions-about-sleep">Questions about sleep</a>' in html


def test_paragraph_from_the_editor_keeps_no_h1_and_no_script():
    # What the editor posts (Draft.js content state), also from a tampered browser: an h1
    # block and a script typed or pasted as text.
    block = ParagraphBlock()
    content_state = {
        "blocks": [
            {"key": "a", "type": "header-one", "depth": 0, "text": "Page title again",
             "inlineStyleRanges": [], "entityRanges": []},
            {"key": "b", "type": "unstyled", "depth": 0, "text": "<script>alert(1)</script> Rest",
             "inlineStyleRanges": [], "entityRanges": []},
        ],
        "entityMap": {},
    }  # fmt: skip
    value = block.value_from_datadict({"body": json.dumps(content_state)}, {}, "body")
    html = str(block.render(block.clean(value)))
    assert "<h1" not in html and "Page title again" not in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rest</p>" in html


def test_paragraph_opened_in_the_editor_drops_h1_and_script():
    # HTML stored by other means (an old import, the database) loses both when next edited.
    block = ParagraphBlock()
    widget = block.field.widget
    stored = "<h1>Title</h1><script>alert(1)</script><p>Keep <b>this</b>.</p>"
    saved = block.value_from_datadict({"body": widget.format_value(stored)}, {}, "body")
    html = str(block.render(block.clean(saved)))
    assert "<h1" not in html and "<script" not in html
    assert "Keep <b>this</b>.</p>" in html


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


def test_related_articles_share_a_topic_and_exclude_self_and_drafts(
    make_article, topic, make_topic
):
    other_topic = make_topic("Sleep", "sleep")
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


def test_index_card_shows_the_summary_when_there_is_no_meta_description(
    client, articles_index, make_article
):
    make_article("Carded", summary="What the card says.", search_description="")
    html = client.get(articles_index.url).content.decode()
    card = html[html.index(">Carded</a>") :]
    assert card.index('<p class="article-card__summary">What the card says.</p>') < card.index(
        "</article>"
    )


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


def test_index_canonical_keeps_the_topic_and_page_number(
    client, articles_index, make_article, topic
):
    for number in range(11):
        make_article(f"Back {number}", topics=[topic])
    base = articles_index.get_full_url()
    html = client.get(articles_index.url, {"topic": "back-care", "page": 2}).content.decode()
    assert canonical(html) == f"{base}?topic=back-care&amp;page=2"
    assert f'<meta property="og:url" content="{base}?topic=back-care&amp;page=2">' in html
    html = client.get(articles_index.url, {"page": 2}).content.decode()
    assert canonical(html) == f"{base}?page=2"
    html = client.get(articles_index.url, {"topic": "back-care"}).content.decode()
    assert canonical(html) == f"{base}?topic=back-care"


@pytest.mark.parametrize("query", [{}, {"page": 1}, {"page": "abc"}, {"topic": "no-such-topic"}])
def test_index_canonical_of_the_first_unfiltered_page_is_the_index_itself(
    client, articles_index, query
):
    html = client.get(articles_index.url, query).content.decode()
    assert canonical(html) == articles_index.get_full_url()


def test_index_meta_description_falls_back_to_the_intro(client, articles_index):
    articles_index.intro = "<p>Guides to <b>pain</b> &amp; mood.</p>"
    articles_index.search_description = ""
    articles_index.save_revision().publish()
    html = client.get(articles_index.url).content.decode()
    assert '<meta name="description" content="Guides to pain &amp; mood.">' in html
    articles_index.search_description = "Articles by our clinicians."
    articles_index.save_revision().publish()
    html = client.get(articles_index.url).content.decode()
    assert '<meta name="description" content="Articles by our clinicians.">' in html


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
    publish_reviewed(article, article.medical_reviewer, reviewed_on=article.last_reviewed)
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
    client, make_article, clinician, clinicians, topic
):
    article = make_article(
        "Reviewed",
        summary="Summary of Reviewed.",
        authors=[clinician],
        topics=[topic],
        medical_reviewer=clinicians["ellery"],
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
            "url": "http://testserver/articles/clinicians/noor-ellery/",
            "honorificSuffix": "MD",
            "jobTitle": "Pain physician",
        }
    ]
    assert page["reviewedBy"]["name"] == "Marcus Ellery"
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


def cold_render_queries(client, url, assert_max_num_queries, max_queries):
    """Queries of a render that misses the page and fragment caches, asserted to be at most
    `max_queries`. A first visit creates image renditions, so it is made once beforehand: the
    steady state is what is counted."""
    assert client.get(url).status_code == 200
    for cache in caches.all():
        cache.clear()
    with assert_max_num_queries(max_queries) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# README.md ("Query budget") states these bounds and what the tests below measure.
ARTICLE_PAGE_MAX_QUERIES = 43
INDEX_PAGE_MAX_QUERIES = 28


def test_article_page_query_count_is_bounded_and_does_not_grow(
    client, make_article, make_topic, image, clinicians, django_assert_max_num_queries
):
    topics = [make_topic(f"Topic {n}", f"topic-{n}") for n in range(4)]
    about = StandardPage.objects.get(slug="about")
    body = [*EVERY_BLOCK, image_block(image), call_to_action_block(about)]  # every block type
    picture = {"hero_image": image, "hero_image_alt": "x", "body": body}
    small = make_article("Small", topics=topics[:1], **picture)
    make_article("Neighbour", topics=topics[:1], **picture)
    small_count = cold_render_queries(
        client, small.url, django_assert_max_num_queries, ARTICLE_PAGE_MAX_QUERIES
    )

    big = make_article("Big", topics=topics, authors=list(clinicians.values()), **picture)
    for number in range(8):
        make_article(f"Related {number}", topics=topics, **picture)
    big_count = cold_render_queries(
        client, big.url, django_assert_max_num_queries, ARTICLE_PAGE_MAX_QUERIES
    )
    assert big_count == small_count


# Even with the page cache off, a render that finds its route, the clinic settings and the
# rendered article in the cache loads the article and checks who may see it: nothing else.
ARTICLE_PAGE_WARM_MAX_QUERIES = 3


def test_a_warm_article_render_only_loads_the_page_and_its_view_restrictions(
    client, make_article, make_topic, image, clinicians, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    topic = make_topic("Sleep", "sleep")
    picture = {"hero_image": image, "hero_image_alt": "x", "body": EVERY_BLOCK}
    article = make_article("Warm", topics=[topic], authors=list(clinicians.values()), **picture)
    make_article("Related", topics=[topic], **picture)
    cold = client.get(article.url)

    with django_assert_max_num_queries(ARTICLE_PAGE_WARM_MAX_QUERIES):
        warm = client.get(article.url)

    assert warm.status_code == 200
    assert warm.content == cold.content


def test_index_page_query_count_does_not_grow_with_the_page_size(
    client, articles_index, make_article, topic, image, django_assert_max_num_queries
):
    # Filtered by topic, the index's most expensive view (one query more than unfiltered).
    url = f"{articles_index.url}?topic={topic.slug}"
    make_article("One", topics=[topic], hero_image=image, hero_image_alt="x")
    one = cold_render_queries(client, url, django_assert_max_num_queries, INDEX_PAGE_MAX_QUERIES)
    for number in range(15):
        make_article(f"More {number}", topics=[topic], hero_image=image, hero_image_alt="x")
    many = cold_render_queries(client, url, django_assert_max_num_queries, INDEX_PAGE_MAX_QUERIES)
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
    form = {"name": "Noor Ellery-Park", "slug": "noor-ellery", "credentials": "MD", "role": ""}
    admin_client.post(url, {**form, "bio": "", "action-submit": "1"})
    assert "Noor Ellery-Park" not in reader.get(article.url).content.decode()  # in review
    clinician = Clinician.objects.get(pk=clinician.pk)
    marcus = get_user_model().objects.get(username="marcus.ellery")

    clinician.current_workflow_task.on_action(
        clinician.current_workflow_task_state, marcus, "approve"
    )

    assert "Noor Ellery-Park, MD" in reader.get(article.url).content.decode()


@pytest.mark.parametrize(
    "summary",
    [
        "Gentle movement helps most kinds of long-lasting pain.",  # the whole first paragraph
        "Gentle movement helps most…",  # its start, as the importer cuts it
    ],
)
def test_a_summary_the_body_opens_with_is_shown_once(client, make_article, summary):
    article = make_article("Once only", summary=summary)

    html = client.get(article.url).content.decode()

    shown = html[html.index("<h1") : html.index('class="article__footer"')]
    assert shown.count("Gentle movement helps most") == 1
    assert '<p class="lead">' not in shown


def test_a_summary_of_its_own_is_shown_under_the_title(client, make_article):
    article = make_article("Own summary", summary="What helps, in five minutes.")

    html = client.get(article.url).content.decode()

    assert '<p class="lead">What helps, in five minutes.</p>' in html


def test_a_clinicians_page_shows_who_they_are_and_their_articles(client, demo_site):
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    farrow = Clinician.objects.get(name="Imogen Farrow")
    reviewed = ArticlePage.objects.filter(medical_reviewer=farrow).first()

    response = client.get(index.clinician_url(farrow))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Imogen Farrow, MD</h1>" in html
    assert "Pain medicine" in html and "Pain physician and medical director" in html
    assert farrow.bio[:40] in html
    assert "Articles medically reviewed by Imogen Farrow" in html
    assert reviewed.title in html
    assert re.search(
        r'rel="canonical" href="https?://[^"]+/articles/clinicians/imogen-farrow/"', html
    )
    assert client.get(index.url + "clinicians/nobody/").status_code == 404


def test_bylines_link_to_clinician_pages_and_the_editorial_policy(client, demo_site):
    article = ArticlePage.objects.get(slug="can-mental-health-issues-cause-back-pain")

    html = client.get(article.url).content.decode()

    for author in article.authors:
        assert f'<a href="{author.page_url}">{author.display_name}</a>' in html
    assert '<a href="/editorial-policy/">How we write and review articles</a>' in html
    policy = client.get("/editorial-policy/").content.decode()
    assert "conflict" in policy.lower() and "correct" in policy.lower()


def test_an_article_shows_its_sources_and_cites_them_in_json_ld(client, demo_site):
    article = ArticlePage.objects.get(slug="can-mental-health-issues-cause-back-pain")
    first = article.sources[0].value

    response = client.get(article.url)

    html = response.content.decode()
    references = html[html.index('<section class="references"') :]
    assert references.count('<li id="source-') == len(article.sources)
    assert f'<a href="{first["url"]}">{first["title"]}</a>' in references
    assert '<a href="#references-heading">Sources</a>' in html  # in the table of contents
    citations = document_of_type(response, "MedicalWebPage")["citation"]
    assert [citation["url"] for citation in citations] == [s.value["url"] for s in article.sources]
    assert citations[0]["publisher"]["name"] == first["publisher"]


def test_last_updated_is_shown_when_an_article_was_published_again_later(client, make_article):
    article = make_article("Updated", publication_date=date(2024, 1, 5))

    html = client.get(article.url).content.decode()

    today = article.last_updated
    assert f'Last updated <time datetime="{today:%Y-%m-%d}">' in html


def test_the_sitemap_lists_clinician_pages(client, demo_site):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/articles/clinicians/imogen-farrow/" in xml
