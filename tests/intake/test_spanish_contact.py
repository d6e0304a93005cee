"""The contact path in Spanish: the enquiry keeps the language it was written in, staff see
and filter by it, a crisis written in Spanish is urgent and answered with the Spanish urgent
page."""

import pytest

from intake.models import Enquiry
from intake.pages import ContactPage


@pytest.fixture
def spanish_contact_page(bilingual_demo_site):
    return ContactPage.objects.live().get(locale__language_code="es")


@pytest.fixture
def submit_spanish(client, spanish_contact_page, django_capture_on_commit_callbacks):
    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(spanish_contact_page.url, data, follow=True)

    return post


def test_the_spanish_contact_page_is_in_spanish(client, spanish_contact_page):
    html = client.get(spanish_contact_page.url).content.decode()

    assert '<html lang="es"' in html
    assert spanish_contact_page.url.startswith("/es/")


def test_the_spanish_contact_page_says_it_is_not_for_urgent_problems(client, spanish_contact_page):
    html = client.get(spanish_contact_page.url).content.decode()
    notice = html[html.index('<p class="not-urgent-notice">') :]
    notice = " ".join(notice[: notice.index("</p>")].split())

    assert html.index("not-urgent-notice") < html.index("<form")
    assert notice == (
        '<p class="not-urgent-notice"><strong>Este formulario no es para problemas '
        "urgentes.</strong> Si no puede esperar 2 días hábiles, llámenos al "
        '<a href="tel:5550104477">(555) 010-4477</a>. Nuestro horario: lunes a jueves de '
        "9:00 a 18:00, viernes de 9:00 a 14:00. "
        '<span class="language-help">Hablamos español. Intérpretes gratis para otros '
        "idiomas.</span> "
        'En una emergencia, llame al <a href="tel:911">911</a>.'
    )


def test_an_enquiry_sent_in_spanish_keeps_its_language(submit_spanish, form_data):
    response = submit_spanish({**form_data, "message": "Me duele la espalda desde hace un año."})

    enquiry = Enquiry.objects.get()
    assert response.status_code == 200
    assert enquiry.language == "es"
    assert '<html lang="es"' in response.content.decode()  # the Spanish thank-you page


def test_an_enquiry_sent_in_english_is_english(submit, form_data):
    submit(form_data)

    assert Enquiry.objects.get().language == "en"


def test_a_crisis_written_in_spanish_is_urgent_and_gets_the_spanish_urgent_page(
    submit_spanish, form_data
):
    response = submit_spanish(
        {**form_data, "message": "Ya no quiero vivir, quiero quitarme la vida"}
    )

    enquiry = Enquiry.objects.get()
    html = response.content.decode()
    assert enquiry.urgent
    assert enquiry.language == "es"
    assert '<html lang="es"' in html
    assert "988" in html and "911" in html


def test_staff_see_and_filter_the_language(intake_client, make_enquiry):
    spanish = make_enquiry(name="Lucía Ferrer", language="es")
    make_enquiry(name="Rowan Tenney", language="en")
    listing_url = "/admin/enquiries/"

    listing = intake_client.get(listing_url).content.decode()
    filtered = intake_client.get(listing_url, {"language": "es"}).content.decode()
    inspect = intake_client.get(f"/admin/enquiries/inspect/{spanish.pk}/")

    assert "Español" in listing
    assert "Lucía Ferrer" in filtered and "Rowan Tenney" not in filtered
    assert "Español" in inspect.content.decode()


def test_the_acknowledgement_goes_out_in_the_enquirys_language(make_enquiry, bilingual_demo_site):
    from intake import notifications

    spanish = make_enquiry(name="Lucía Ferrer", email="lucia@example.com", language="es")
    english = make_enquiry(name="Rowan Tenney", email="rowan@example.com", language="en")
    spanish_page = ContactPage.objects.live().get(locale__language_code="es")

    spanish_message = notifications.acknowledgement(spanish)
    english_message = notifications.acknowledgement(english)

    assert spanish_message.subject == spanish_page.acknowledgement_subject
    assert spanish_message.subject != english_message.subject
    assert spanish_page.acknowledgement_text[:40] in spanish_message.body


def test_the_spanish_consent_links_the_spanish_privacy_page(client, spanish_contact_page):
    spanish_privacy = spanish_contact_page.privacy_page.get_translation(spanish_contact_page.locale)
    html = client.get(spanish_contact_page.url).content.decode()
    consent = html.split('name="consent"')[1].split("</label>")[0]

    assert spanish_privacy.url.startswith("/es/")
    assert f'<a href="{spanish_privacy.url}">{spanish_privacy.title.lower()}</a>' in consent


def test_the_spanish_thank_you_page_has_a_spanish_address(submit_spanish, form_data):
    response = submit_spanish({**form_data, "message": "Me duele la espalda desde hace un año."})

    assert response.redirect_chain[-1][0] == "/es/contacto/gracias/"
    assert response.status_code == 200


SPANISH_SAFE_STORAGE = (
    "Si tiene medicamentos o un arma de fuego en casa, pídale a una persona de confianza que "
    "los guarde por ahora."
)


def test_the_spanish_urgent_thank_you_page_gives_safe_storage_advice(submit_spanish, form_data):
    response = submit_spanish(
        {**form_data, "message": "Quiero quitarme la vida. Tengo pastillas guardadas."}
    )

    html = response.content.decode()
    assert Enquiry.objects.get().urgent
    assert SPANISH_SAFE_STORAGE in html
    assert html.index('href="tel:911"') < html.index(SPANISH_SAFE_STORAGE)


def test_the_spanish_ordinary_thank_you_page_has_no_safe_storage_advice(submit_spanish, form_data):
    response = submit_spanish({**form_data, "message": "Me duele la espalda desde hace un año."})

    html = response.content.decode()
    assert not Enquiry.objects.get().urgent
    assert SPANISH_SAFE_STORAGE not in html
    assert "safe-storage" not in html
