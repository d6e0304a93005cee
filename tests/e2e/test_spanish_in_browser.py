"""The Spanish site in a real browser (issue #13). A Spanish reader on a phone goes from a
Spanish article to the Spanish contact form and the Spanish thank-you page, and the enquiry is
stored as Spanish; a crisis written in Spanish is flagged urgent and answered with the Spanish
urgent page (988 with its Spanish options, 911); and axe-core (WCAG 2.0-2.2, A and AA) finds no
violation on any kind of Spanish page, the form's error and thank-you states included."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from intake.models import Enquiry
from tests.e2e.axe import accessibility_violations

pytestmark = pytest.mark.e2e

ARTICLE_TITLE = "¿Pueden los problemas de salud mental causar dolor de espalda?"
ARTICLE_PATH = "/es/articulos/puede-la-salud-mental-causar-dolor-de-espalda/"
CONTACT_PATH = "/es/contacto/"
CONTACT_HEADING = "Comuníquese con nosotros"
THANK_YOU = "Gracias, su mensaje fue enviado"
URGENT_HEADING = "Hay ayuda disponible ahora mismo"
CRISIS_HEADING = "Hable ahora con la 988 Línea de Prevención del Suicidio y Crisis"
CRISIS_MESSAGE = "Ya no quiero vivir, tengo pastillas guardadas"
SPANISH_CRISIS_LINKS = (
    "Llame al 988 y oprima el 2 para español",
    "Envíe AYUDA al 988",
    "Chatee en línea en 988lineadevida.org",
    "Envíe AYUDA al 741741 (Crisis Text Line)",
    "¿Está en peligro ahora? Llame al 911",
)
SPANISH_PAGES = {
    "home": "/es/",
    "article-index": "/es/articulos/",
    "article": ARTICLE_PATH,
    "contact": CONTACT_PATH,
    "search-results": "/es/buscar/?q=espalda",
    "privacy": "/es/politica-de-privacidad/",
    "treatment-index": "/es/tratamientos/",
    "treatment": "/es/tratamientos/tratamiento-con-ketamina/",
    "clinician": "/es/articulos/profesionales/imogen-farrow/",
}


def fill_spanish_contact_form(page, message="Me duele la espalda desde hace un año."):
    """Fill the Spanish contact form as a Spanish reader would, with a valid enquiry."""
    page.get_by_label("Nombre completo").fill("Lucía Ferrer")
    # "Correo electrónico" also names the email choice among the contact methods.
    page.get_by_role("textbox", name="Correo electrónico").fill("lucia@example.com")
    page.get_by_label("Dolor crónico").check()
    page.get_by_label("Su mensaje").fill(message)
    page.get_by_label("Acepto que se comuniquen conmigo").check()


def send(page):
    page.get_by_role("button", name="Enviar mensaje").click()


def expect_spanish_page(page, heading):
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert urlsplit(page.url).path.startswith("/es/"), page.url


def has_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def assert_no_violations(page):
    violations = accessibility_violations(page)
    assert not violations, "\n".join([f"Accessibility violations on {page.url}:", *violations])


# --- Journeys -------------------------------------------------------------------------------


def test_spanish_reader_on_a_phone_goes_from_an_article_to_the_spanish_thank_you_page(
    bilingual_site, phone, instant_form_fill, screenshot
):
    phone.goto(bilingual_site + "/es/")
    latest = phone.get_by_role("region", name="Artículos recientes")
    latest.get_by_role("link", name=ARTICLE_TITLE).click()
    expect_spanish_page(phone, ARTICLE_TITLE)
    assert not has_horizontal_scroll(phone)

    call_to_action = phone.get_by_role("region", name="¡Comuníquese con nosotros hoy!")
    call_to_action.get_by_role("link", name="Comuníquese con nuestra clínica").click()
    expect_spanish_page(phone, CONTACT_HEADING)
    assert not has_horizontal_scroll(phone)
    fill_spanish_contact_form(phone)
    send(phone)

    expect_spanish_page(phone, THANK_YOU)
    assert not has_horizontal_scroll(phone)
    screenshot(phone, "journey-spanish-article-to-enquiry")
    enquiry = Enquiry.objects.get()
    assert (enquiry.language, enquiry.urgent) == ("es", False)
    assert enquiry.source_page.title == ARTICLE_TITLE


def test_crisis_written_in_spanish_reaches_the_spanish_urgent_page_and_is_flagged_urgent(
    bilingual_site, phone, instant_form_fill, screenshot
):
    phone.goto(bilingual_site + CONTACT_PATH)
    fill_spanish_contact_form(phone, message=CRISIS_MESSAGE)
    send(phone)

    expect_spanish_page(phone, URGENT_HEADING)
    main = phone.get_by_role("main")
    resources = main.get_by_role("region", name=CRISIS_HEADING)
    for name in SPANISH_CRISIS_LINKS:
        link = resources.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert link.bounding_box()["height"] >= 44, name
    assert is_above(resources, main.get_by_role("heading", name="Recibimos su mensaje"))
    assert not has_horizontal_scroll(phone)
    screenshot(phone, "journey-spanish-crisis-thank-you")
    enquiry = Enquiry.objects.get()
    assert (enquiry.language, enquiry.urgent) == ("es", True)


def is_above(upper, lower):
    return upper.bounding_box()["y"] < lower.bounding_box()["y"]


# --- Accessibility --------------------------------------------------------------------------


@pytest.mark.parametrize("path", SPANISH_PAGES.values(), ids=SPANISH_PAGES.keys())
def test_spanish_page_has_no_accessibility_violations(bilingual_site, page, path):
    assert page.goto(bilingual_site + path).ok
    expect(page.locator("html")).to_have_attribute("lang", "es")

    assert_no_violations(page)


def test_spanish_contact_page_with_validation_errors_has_no_accessibility_violations(
    bilingual_site, page
):
    page.goto(bilingual_site + CONTACT_PATH)
    send(page)
    expect(page.get_by_role("alert")).to_contain_text("Hay un problema con su mensaje")

    assert_no_violations(page)


@pytest.mark.parametrize(
    ("message", "heading"),
    [
        ("¿Podría pedir una primera cita por mi dolor de espalda?", THANK_YOU),
        (CRISIS_MESSAGE, URGENT_HEADING),
    ],
    ids=["normal", "crisis"],
)
def test_spanish_thank_you_page_has_no_accessibility_violations(
    bilingual_site, page, instant_form_fill, message, heading
):
    page.goto(bilingual_site + CONTACT_PATH)
    fill_spanish_contact_form(page, message)
    send(page)
    expect_spanish_page(page, heading)

    assert_no_violations(page)
