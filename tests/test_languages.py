"""The site in two languages: English at its own URLs, Spanish under /es/, each page saying
its language, linking its other version, and never switching language by itself."""

import re

import pytest
from wagtail.models import Locale, Page

from articles.models import ArticlePage
from articles.review import approval_of

REFERENCE_SLUG = "can-mental-health-issues-cause-back-pain"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture
def spanish(bilingual_demo_site):
    return Locale.objects.get(language_code="es")


def spanish_version(page, spanish):
    return page.get_translation(spanish).specific


def english_article(slug=REFERENCE_SLUG):
    return ArticlePage.objects.get(slug=slug, locale__language_code="en")


def alternates(html):
    return dict(ALTERNATE.findall(html))


@pytest.fixture
def only_english(spanish, make_article, clinicians):
    """A new English article nobody has translated yet (every demo page has its Spanish)."""
    return make_article(
        "Gentle stretches for a stiff neck",
        body=[("paragraph", "<p>Move slowly and stop before it hurts.</p>")],
        authors=[clinicians["farrow"]],
    )


def test_english_urls_stay_as_they_were(client, bilingual_demo_site):
    for path in ("/", "/articles/", f"/articles/{REFERENCE_SLUG}/", "/contact/", "/search/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en"' in response.content.decode()
        assert response["Content-Language"] == "en"


def test_spanish_pages_live_under_es_and_say_so(client, spanish):
    home = client.get("/es/")
    article = spanish_version(english_article(), spanish)

    response = client.get(article.url)

    assert home.status_code == 200
    assert article.url.startswith("/es/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es"' in html
    assert '<meta property="og:locale" content="es_US">' in html
    assert response["Content-Language"] == "es"


def test_the_browsers_language_never_redirects_nor_translates(client, spanish):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_each_version_links_the_other_and_english_is_the_default(client, spanish):
    english = english_article()
    spanish_article = spanish_version(english, spanish)

    for page in (english, spanish_article):
        links = alternates(client.get(page.url).content.decode())
        assert links["en"].endswith(english.url)
        assert links["es"].endswith(spanish_article.url)
        assert links["x-default"] == links["en"]


def test_a_page_with_one_language_has_no_alternates_and_switches_to_the_other_home(
    client, only_english
):
    html = client.get(only_english.url).content.decode()

    assert alternates(html) == {}
    switch = html[html.index('class="language-switch') :]
    assert re.search(r'<a href="/es/" hreflang="es" lang="es">Español<span', switch)
    assert "Esta página no está disponible en español" in switch


def test_the_switch_leads_to_the_same_page_in_the_other_language(client, spanish):
    english = english_article()
    spanish_article = spanish_version(english, spanish)

    english_html = client.get(english.url).content.decode()
    spanish_html = client.get(spanish_article.url).content.decode()

    assert f'<a href="{spanish_article.url}" hreflang="es" lang="es">Español</a>' in english_html
    assert f'<a href="{english.url}" hreflang="en" lang="en">English</a>' in spanish_html


def test_an_english_only_page_is_not_served_under_es(client, only_english):
    assert client.get("/es" + only_english.url).status_code == 404


def test_listings_show_the_readers_language_only(client, spanish):
    english_index = Page.objects.get(slug="articles", locale__language_code="en")
    spanish_index = english_index.get_translation(spanish)

    english_html = client.get(english_index.url).content.decode()
    spanish_html = client.get(spanish_index.url).content.decode()

    spanish_titles = [page.title for page in ArticlePage.objects.live().filter(locale=spanish)]
    assert spanish_titles
    for title in spanish_titles:
        assert title in spanish_html
        assert title not in english_html
    assert "Pacing: a steadier way" in english_html and "Pacing: a steadier way" not in (
        spanish_html
    )
    assert "Dosificar la actividad" in spanish_html and "Dosificar la actividad" not in (
        english_html
    )


def test_the_sitemap_lists_each_pages_alternates(client, spanish):
    xml = client.get("/sitemap.xml").content.decode()
    spanish_article = spanish_version(english_article(), spanish)

    assert spanish_article.url in xml
    assert 'hreflang="es"' in xml and 'hreflang="en"' in xml


def test_a_spanish_article_is_reviewed_on_its_own(client, spanish):
    english = english_article()
    spanish_article = spanish_version(english, spanish)

    html = client.get(spanish_article.url).content.decode()

    assert spanish_article.medical_reviewer is not None
    # Its own approval, of its own text, on or after the English review it translates.
    spanish_approval = approval_of(spanish_article, spanish_article.live_revision_id)
    assert spanish_approval is not None
    assert spanish_approval != approval_of(english, english.live_revision_id)
    assert spanish_article.last_reviewed >= english.last_reviewed
    assert 'class="article__review"' in html


def test_a_new_translation_starts_unreviewed(spanish, only_english):
    assert only_english.medical_reviewer and only_english.last_reviewed

    copy = only_english.copy_for_translation(spanish, copy_parents=True)

    assert copy.medical_reviewer is None
    assert copy.last_reviewed is None
    assert copy.next_review_due is None


def test_the_spanish_articles_go_through_medical_review(spanish):
    spanish_index = Page.objects.get(slug="articles", locale__language_code="en").get_translation(
        spanish
    )
    assert spanish_index.get_workflow().name == "Medical review"


def test_the_crisis_bar_and_footer_give_the_lines_spanish_options_on_spanish_pages(client, spanish):
    def crisis_bar(path):
        html = client.get(path).content.decode()
        return html.split('class="crisis-bar"')[1].split("</div>")[0]

    def footer(path):
        return client.get(path).content.decode().split('class="site-footer', 1)[1]

    spanish_option = "En español: oprima el 2 o envíe AYUDA por mensaje de texto."
    assert spanish_option in crisis_bar("/es/") and spanish_option in footer("/es/")
    assert "Spanish" not in crisis_bar("/") and "AYUDA" not in crisis_bar("/")
    assert "AYUDA" not in footer("/")


def test_the_spanish_demo_articles_read_at_grade_eight_or_below(spanish):
    for article in ArticlePage.objects.filter(locale=spanish):
        assert article.reading_grade is not None and article.reading_grade <= 8, (
            article.title,
            article.reading_grade,
        )


def test_the_clinics_own_texts_are_in_spanish_on_spanish_pages(client, spanish):
    spanish_article = spanish_version(english_article(), spanish)
    english_html = client.get(english_article().url).content.decode()

    html = client.get(spanish_article.url).content.decode()

    assert "Si está en peligro o piensa en hacerse daño" in html  # the crisis notice
    assert "no sustituye el consejo" in html  # the medical disclaimer
    assert "Lunes a jueves" in html  # the opening hours
    for english in ("If you are in danger", "not a substitute", "Monday to Thursday"):
        assert english not in html
        assert english in english_html


def test_the_spanish_homes_call_to_action_leads_to_the_spanish_contact_page(client, spanish):
    html = client.get("/es/").content.decode()
    hero = html.split('class="hero', 1)[1].split("</section>", 1)[0]

    assert 'href="/es/contacto/"' in hero


def test_topics_and_clinicians_read_in_spanish_on_spanish_pages(client, spanish):
    english = english_article()
    spanish_article = spanish_version(english, spanish)
    reviewer = spanish_article.medical_reviewer
    spanish_index = spanish_article.get_parent().specific

    article_html = client.get(spanish_article.url).content.decode()
    clinician_html = client.get(spanish_index.clinician_url(reviewer)).content.decode()
    english_clinician_html = client.get(
        english.get_parent().specific.clinician_url(reviewer)
    ).content.decode()

    assert reviewer.role_spanish and reviewer.bio_spanish
    assert "Dolor crónico" in article_html and "Chronic pain" not in article_html
    assert f", {reviewer.role_spanish}" in article_html  # the review line
    assert reviewer.role not in article_html
    assert reviewer.bio_spanish in clinician_html and reviewer.bio not in clinician_html
    assert reviewer.bio in english_clinician_html and reviewer.role_spanish not in (
        english_clinician_html
    )
