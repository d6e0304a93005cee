"""The clinic's language help next to its phone (clinical review 8, M1): a reader with limited
English sent to "call us today" is told the call will work for them, wherever the site gives the
phone (the "Get seen today" boxes, the contact page's not-for-urgent notice, the footer), in
the language being read, as Clinic settings say, and nothing where the clinic says nothing."""

import re

import pytest
from wagtail.models import Locale

from articles.models import ArticlePage
from intake.pages import ContactPage

BACK_PAIN = "can-mental-health-issues-cause-back-pain"
ENGLISH_HELP = "We speak Spanish. Free interpreters for other languages."
SPANISH_HELP = "Hablamos español. Intérpretes gratis para otros idiomas."


def html_of(client, page_or_path):
    response = client.get(getattr(page_or_path, "url", page_or_path))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def get_seen_today_contact(html):
    """The phone line under the page's "Get seen today" box."""
    [line] = re.findall(r'<p class="urgency__contact">(.*?)</p>', html)
    return line


def not_urgent_notice(html):
    [notice] = re.findall(r'<p class="not-urgent-notice">(.*?)</p>', html)
    return notice


def footer_contact(html):
    footer = html[html.index('<footer class="site-footer"') :]
    return footer[: footer.index("</ul>")]


def the_three_places(html_of_article, html_of_contact):
    return {
        "get seen today": get_seen_today_contact(html_of_article),
        "not urgent": not_urgent_notice(html_of_contact),
        "footer": footer_contact(html_of_contact),
    }


@pytest.fixture
def back_pain(demo_site):
    return ArticlePage.objects.get(slug=BACK_PAIN, locale__language_code="en")


@pytest.fixture
def contact_page(demo_site):
    return ContactPage.objects.live().get(locale__language_code="en")


def spanish_pages(bilingual_demo_site):
    spanish = Locale.objects.get(language_code="es")
    back_pain = ArticlePage.objects.get(slug=BACK_PAIN, locale__language_code="en")
    contact = ContactPage.objects.live().get(locale=spanish)
    return back_pain.get_translation(spanish), contact


def test_the_language_help_is_next_to_the_phone_everywhere_in_english(
    client, back_pain, contact_page
):
    places = the_three_places(html_of(client, back_pain), html_of(client, contact_page))

    for place, html in places.items():
        assert ENGLISH_HELP in html, place
        assert html.index("tel:5550104477") < html.index(ENGLISH_HELP), place
        assert SPANISH_HELP not in html, place


def test_the_language_help_is_in_spanish_next_to_the_phone_on_spanish_pages(
    client, bilingual_demo_site
):
    article, contact = spanish_pages(bilingual_demo_site)
    places = the_three_places(html_of(client, article), html_of(client, contact))

    for place, html in places.items():
        assert SPANISH_HELP in html, place
        assert html.index("tel:5550104477") < html.index(SPANISH_HELP), place
        assert ENGLISH_HELP not in html, place


def test_the_language_help_follows_the_clinic_settings(
    client, back_pain, contact_page, clinic_settings
):
    clinic_settings.language_help = "We speak Spanish and Vietnamese."
    clinic_settings.save()

    places = the_three_places(html_of(client, back_pain), html_of(client, contact_page))

    for place, html in places.items():
        assert "We speak Spanish and Vietnamese." in html, place
        assert ENGLISH_HELP not in html, place


def test_without_language_help_nothing_is_said_about_languages(
    client, back_pain, contact_page, clinic_settings
):
    clinic_settings.language_help = clinic_settings.language_help_spanish = ""
    clinic_settings.save()

    article_html, contact_html = html_of(client, back_pain), html_of(client, contact_page)

    for place, html in the_three_places(article_html, contact_html).items():
        assert "tel:5550104477" in html, place  # the phone is still given
    assert "language-help" not in article_html and "language-help" not in contact_html


def test_spanish_pages_fall_back_to_the_english_language_help_without_its_spanish(
    client, bilingual_demo_site, clinic_settings
):
    # A Spanish text left empty falls back to the English one, like the other reader texts.
    clinic_settings.language_help_spanish = ""
    clinic_settings.save()
    _, contact = spanish_pages(bilingual_demo_site)

    assert ENGLISH_HELP in not_urgent_notice(html_of(client, contact))


def test_the_spanish_contact_page_says_we_reply_in_spanish(client, bilingual_demo_site):
    _, contact = spanish_pages(bilingual_demo_site)

    assert "le responderá en español" in html_of(client, contact)
