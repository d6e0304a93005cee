"""Spanish addresses in Spanish words (issue #21): /es/buscar/ and the clinicians' pages at
/es/articulos/profesionales/<slug>/, with the old English-word addresses moved for good (301)."""

import pytest
from wagtail.models import Locale

from articles.models import ArticlePage


@pytest.fixture
def spanish(bilingual_demo_site):
    return Locale.objects.get(language_code="es")


def test_spanish_search_is_at_buscar_and_linked_from_the_menu(client, spanish):
    assert client.get("/es/buscar/", {"q": "espalda"}).status_code == 200
    assert 'href="/es/buscar/"' in client.get("/es/").content.decode()
    assert 'href="/search/"' in client.get("/").content.decode()
    assert client.get("/search/", {"q": "back"}).status_code == 200


def test_the_old_spanish_search_address_redirects_for_good(client, spanish):
    response = client.get("/es/search/", {"q": "espalda"})

    assert response.status_code == 301
    assert response["Location"] == "/es/buscar/?q=espalda"


def test_spanish_clinician_pages_have_a_spanish_address(client, spanish):
    response = client.get("/es/articulos/profesionales/imogen-farrow/")

    assert response.status_code == 200
    assert "Médica especialista en dolor" in response.content.decode()


def test_the_old_spanish_clinician_address_redirects_for_good(client, spanish):
    response = client.get("/es/articulos/clinicians/imogen-farrow/")

    assert response.status_code == 301
    assert response["Location"] == "/es/articulos/profesionales/imogen-farrow/"


def test_english_clinician_pages_keep_their_address(client, demo_site):
    assert client.get("/articles/clinicians/imogen-farrow/").status_code == 200
    response = client.get("/articles/profesionales/imogen-farrow/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/clinicians/imogen-farrow/"


def test_spanish_bylines_and_the_sitemap_use_the_spanish_address(client, spanish):
    article = ArticlePage.objects.filter(locale=spanish).live().first()
    html = client.get(article.url).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/es/articulos/profesionales/" in html
    assert "/es/articulos/clinicians/" not in html
    assert "/es/articulos/profesionales/imogen-farrow/" in sitemap
    assert "/es/articulos/clinicians/" not in sitemap
