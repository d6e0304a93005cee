"""The language switch keeps the reader where they are: the thank-you and urgent pages in the
other language (with "we have your message" and the crisis lines, never an empty form), the
article they came from (?from=) and what they searched for (?q=); and on a page with no
version in the other language it says so."""

import re

import pytest
from wagtail.models import Locale

from articles.models import ArticlePage
from intake.models import Enquiry
from intake.pages import ContactPage

SWITCH = re.compile(r'<nav class="language-switch[^"]*"[^>]*>(.*?)</nav>', re.S)


@pytest.fixture
def spanish(bilingual_demo_site):
    return Locale.objects.get(language_code="es")


def switch_links(html):
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', SWITCH.search(html).group(1)))


def switch_to(html, language):
    return next(url for url, code in switch_links(html).items() if code == language)


def back_pain_article(language="en"):
    return ArticlePage.objects.get(
        slug__in=["can-mental-health-issues-cause-back-pain"], locale__language_code="en"
    ).get_translation(Locale.objects.get(language_code=language))


def test_the_urgent_page_switches_to_the_spanish_urgent_page(
    client, spanish, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", {**form_data, "message": "I want to end my life."})
    english = client.get("/contact/thank-you/").content.decode()

    target = switch_to(english, "es")
    spanish_page = client.get(target).content.decode()

    assert target == "/es/contacto/gracias/"
    assert "safety-notice--urgent" in spanish_page
    assert "oprima el 2" in spanish_page
    assert "<form" not in spanish_page.split("<main", 1)[1]
    assert Enquiry.objects.count() == 1


def test_the_spanish_thank_you_page_switches_back_to_the_english_one(
    client, spanish, form_data, django_capture_on_commit_callbacks
):
    contact = ContactPage.objects.get(locale=spanish)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact.url, form_data)
    spanish_page = client.get("/es/contacto/gracias/").content.decode()

    target = switch_to(spanish_page, "en")

    assert target == "/contact/thank-you/"
    assert "safety-notice--urgent" not in client.get(target).content.decode()


def test_the_switch_maps_the_article_the_reader_came_from(client, spanish):
    english, spanish_article = back_pain_article("en"), back_pain_article("es")

    html = client.get(f"/contact/?from={english.pk}").content.decode()

    assert switch_to(html, "es") == f"/es/contacto/?from={spanish_article.pk}"


def test_the_switch_drops_a_source_with_no_version_in_the_other_language(client, spanish):
    html = client.get("/contact/?from=999999").content.decode()

    assert switch_to(html, "es") == "/es/contacto/"


def test_the_switch_keeps_the_search(client, spanish):
    html = client.get("/search/", {"q": "dolor de espalda"}).content.decode()

    target = switch_to(html, "es")

    assert target.startswith("/es/")
    assert target.endswith("?q=dolor+de+espalda")
    assert client.get(target).status_code == 200


def test_a_page_without_a_translation_says_so_in_the_other_language(client, bilingual_demo_site):
    from clinic.models import StandardPage

    only_english = bilingual_demo_site.add_child(
        instance=StandardPage(title="Parking and directions", slug="parking")
    )

    html = client.get(only_english.url).content.decode()
    switch = SWITCH.search(html).group(1)

    assert switch_to(html, "es") == "/es/"
    assert "Esta página no está disponible en español" in switch
