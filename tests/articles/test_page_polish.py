"""Public-page polish (issue #21, item 8): no empty image boxes, one closing call to action,
and the contact form starting with the topic of the page the reader came from."""

import re

import pytest

from articles.models import ArticlePage
from treatments.models import TreatmentPage

BACK_PAIN = "can-mental-health-issues-cause-back-pain"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def chosen_topic(html):
    """The value of the topic radio button the form starts with, or None."""
    for tag in re.findall(r"<input[^>]*>", html):
        if 'name="topic"' in tag and "checked" in tag:
            return re.search(r'value="([^"]+)"', tag).group(1)
    return None


@pytest.fixture
def back_pain(demo_site):
    return ArticlePage.objects.get(slug=BACK_PAIN, locale__language_code="en")


def test_listing_cards_without_a_picture_have_no_image_box(client, demo_site):
    html = html_of(client, "/articles/")
    cards = html.count('<article class="article-card">')
    pictures = ArticlePage.objects.live().filter(hero_image__isnull=False).count()

    assert 0 < pictures < cards  # the demo has both kinds
    assert html.count("article-card__image") == pictures


def test_the_contact_box_closes_the_page_apart_from_the_bodys_own_call_to_action(client, back_pain):
    html = html_of(client, back_pain.url)
    own_call_to_action = html.index("Meet our team")

    assert html.count("Contact us today!") == 1
    # The sources stand between the two: they never sit side by side.
    assert own_call_to_action < html.index('id="references-heading"')
    assert html.index('id="references-heading"') < html.index("Contact us today!")


def test_an_articles_call_to_action_carries_its_topic_to_the_form(client, back_pain):
    html = html_of(client, back_pain.url)

    assert f'href="/contact/?from={back_pain.pk}&amp;topic=chronic_pain"' in html
    form = html_of(client, f"/contact/?from={back_pain.pk}&topic=chronic_pain")
    assert chosen_topic(form) == "chronic_pain"


def test_the_ketamine_page_leads_to_the_form_with_ketamine_treatment_chosen(client, demo_site):
    page = TreatmentPage.objects.get(slug="ketamine-treatment")
    html = html_of(client, page.url)

    assert f'href="/contact/?from={page.pk}&amp;topic=ketamine"' in html
    form = html_of(client, f"/contact/?from={page.pk}&topic=ketamine")
    assert "Ketamine treatment" in form
    assert chosen_topic(form) == "ketamine"


def test_the_form_offers_ketamine_treatment_in_spanish(client, bilingual_demo_site):
    form = html_of(client, "/es/contacto/?topic=ketamine")

    assert "Tratamiento con ketamina" in form
    assert chosen_topic(form) == "ketamine"


def test_an_unknown_topic_chooses_nothing(client, demo_site):
    assert chosen_topic(html_of(client, "/contact/?topic=nonsense")) is None
