"""Three urgency tiers as one block, the same words and colour on every page, and the "Key
points" list at the top of every article and treatment page, in both languages (issue #21)."""

import re
from datetime import time

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


# --- "Get seen today" gives the clinic's phone and hours (clinical review M2) ---------------

DEMO_PHONE_LINK = '<a href="tel:5550104477">(555) 010-4477</a>'
DEMO_OPEN_DAYS = "Monday to Thursday 9am to 6pm, Friday 9am to 2pm"


def urgency_boxes(html):
    """(tier, inner HTML) of each urgency box, in order."""
    return re.findall(
        r'<aside class="callout callout--\w+ urgency urgency--(\w+)"[^>]*>(.*?)</aside>',
        html,
        flags=re.DOTALL,
    )


def boxes_of_tier(html, tier):
    return [box for box_tier, box in urgency_boxes(html) if box_tier == tier]


def pages_with_a_get_seen_today_box():
    pages = [*ArticlePage.objects.live(), *TreatmentPage.objects.live()]
    return [
        page
        for page in pages
        if any(b.block_type == "urgency" and b.value["tier"] == "today" for b in page.body)
    ]


def test_every_get_seen_today_box_gives_the_clinics_phone_and_hours(client, demo_site):
    pages = pages_with_a_get_seen_today_box()
    # Articles 2 (two boxes), 3 and 6, and the ketamine page.
    assert len(pages) == 4

    for page in pages:
        for box in boxes_of_tier(rendered(client, page), "today"):
            assert f"Call us at {DEMO_PHONE_LINK}." in box, page.slug
            assert f"We're open {DEMO_OPEN_DAYS}." in box, page.slug
            # Pages sit in an edge cache: nothing may depend on the hour it is read.
            assert "open today" not in box and "open now" not in box, page.slug


def test_the_other_tiers_do_not_give_the_clinics_phone(client, back_pain):
    html = rendered(client, back_pain)

    for tier in ("emergency", "routine"):
        (box,) = boxes_of_tier(html, tier)
        assert "tel:5550104477" not in box and "We're open" not in box, tier
        assert "urgency__contact" not in box, tier


def test_the_get_seen_today_box_follows_the_clinic_settings(client, back_pain, clinic_settings):
    rendered(client, back_pain)  # cached with the demo's phone and hours
    clinic_settings.phone = "(555) 010-9000"
    clinic_settings.friday_closes = time(16, 30)
    clinic_settings.saturday_opens, clinic_settings.saturday_closes = time(10), time(13)
    clinic_settings.save()

    (box,) = boxes_of_tier(rendered(client, back_pain), "today")

    assert 'Call us at <a href="tel:5550109000">(555) 010-9000</a>.' in box
    assert (
        "We're open Monday to Thursday 9am to 6pm, Friday 9am to 4:30pm, Saturday 10am to 1pm."
    ) in box
    assert "010-4477" not in box


def test_without_a_phone_the_get_seen_today_box_adds_nothing(client, back_pain, clinic_settings):
    clinic_settings.phone = ""
    clinic_settings.save()

    (box,) = boxes_of_tier(rendered(client, back_pain), "today")

    assert "urgency__contact" not in box and "We're open" not in box


def test_spanish_get_seen_today_boxes_give_the_phone_and_hours_in_spanish(
    client, bilingual_demo_site
):
    spanish = Locale.objects.get(language_code="es")
    pages = [page.get_translation(spanish) for page in pages_with_a_get_seen_today_box()]

    for page in pages:
        for box in boxes_of_tier(rendered(client, page), "today"):
            assert f"Llámenos al {DEMO_PHONE_LINK}." in box, page.slug
            assert (
                "Nuestro horario: lunes a jueves de 9:00 a 18:00, viernes de 9:00 a 14:00."
            ) in box, page.slug


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
