"""Three urgency tiers as one block, the same words and colour on every page, and the "Key
points" list at the top of every article and treatment page, in both languages (issue #21)."""

import re

import pytest
from wagtail.models import Locale

from articles.models import ArticlePage
from clinic.blocks import CalloutBlock, UrgencyBlock
from treatments.models import TreatmentPage

BACK_PAIN = "can-mental-health-issues-cause-back-pain"


def rendered(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def box_labels(html):
    """(colour, label) of each boxed block, in order."""
    return re.findall(
        r'<aside class="callout callout--(\w+)[^"]*"[^>]*>\s*<p class="callout__label">([^<]+)</p>',
        html,
    )


@pytest.fixture
def back_pain(demo_site):
    return ArticlePage.objects.get(slug=BACK_PAIN, locale__language_code="en")


def test_the_demo_builds_the_files_tier_boxes_as_urgency_blocks(back_pain):
    tiers = [block.value["tier"] for block in back_pain.body if block.block_type == "urgency"]

    assert sorted(tiers) == ["emergency", "routine", "today"]


def test_each_tier_has_its_fixed_label_and_colour(client, back_pain):
    labels = box_labels(rendered(client, back_pain))

    assert ("emergency", "Call 911 now") in labels
    assert ("urgent", "Get seen today") in labels
    assert ("info", "See your doctor if…") in labels


def test_the_emergency_tier_says_the_clinics_emergency_number(client, back_pain, clinic_settings):
    clinic_settings.emergency_number = "112"
    clinic_settings.save()

    assert ("emergency", "Call 112 now") in box_labels(rendered(client, back_pain))


def test_an_urgency_box_offers_editors_no_label_of_their_own():
    assert set(UrgencyBlock().child_blocks) == {"tier", "heading", "text"}


@pytest.mark.parametrize("block", [CalloutBlock(), UrgencyBlock()], ids=["callout", "urgency"])
def test_an_advice_box_names_its_fields_for_what_they_are(block):
    """Editors met a "Label" and a "Heading" in one box: now its title (a callout's own, an
    urgency box's fixed by its tier), the sentence leading into the list, and the advice."""
    names = {name: str(child.label) for name, child in block.child_blocks.items()}

    assert names["heading"] == "Lead-in sentence"
    assert names["text"] == "Advice"
    assert "Heading" not in names.values() and "Label" not in names.values()
    if "label" in names:
        assert names["label"] == "Box title"


def test_callouts_that_are_not_a_tier_keep_rendering(client, demo_site):
    page = ArticlePage.objects.get(slug="low-mood-or-worry-when-to-ask-for-help")
    callout_labels = [b.value["label"] for b in page.body if b.block_type == "callout"]

    assert "Call or text 988" in callout_labels
    assert ("emergency", "Call or text 988") in box_labels(rendered(client, page))


def test_the_treatment_page_uses_the_same_tiers(client, demo_site):
    page = TreatmentPage.objects.get(slug="ketamine-treatment")
    labels = box_labels(rendered(client, page))

    for box in (("emergency", "Call 911 now"), ("urgent", "Get seen today")):
        assert box in labels
    assert ("info", "See your doctor if…") in labels


def test_the_spanish_tiers_are_in_spanish(client, bilingual_demo_site):
    english = ArticlePage.objects.get(slug=BACK_PAIN, locale__language_code="en")
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    labels = box_labels(rendered(client, spanish))

    assert ("emergency", "Llame al 911 ahora") in labels
    assert ("urgent", "Busque atención hoy mismo") in labels
    assert ("info", "Consulte a su médico si…") in labels


def key_points_of(html):
    section = html.split('id="key-points-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<li>([^<]+)</li>", section)


def test_every_article_and_treatment_opens_with_its_key_points(client, demo_site):
    pages = [*ArticlePage.objects.live(), *TreatmentPage.objects.live()]

    for page in pages:
        html = rendered(client, page)
        points = [block.value for block in page.key_points]
        assert 3 <= len(points) <= 5, page.slug
        assert key_points_of(html) == [p.replace("'", "&#x27;") for p in points], page.slug
        # At the top: before the body's first section heading.
        assert html.index('id="key-points-heading"') < html.index('class="prose"'), page.slug


def test_spanish_pages_open_with_their_key_points_in_spanish(client, bilingual_demo_site):
    spanish = Locale.objects.get(language_code="es")
    page = TreatmentPage.objects.get(locale=spanish)
    html = rendered(client, page)

    assert ">Puntos clave</h2>" in html
    assert key_points_of(html)[0].startswith("La ketamina")
    for article in ArticlePage.objects.live().filter(locale=spanish):
        assert "Puntos clave" in rendered(client, article), article.slug
