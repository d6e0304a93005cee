"""The Spanish crisis path, everywhere Spanish is shown: 988 with "oprima el 2" or AYUDA, the
Spanish chat, AYUDA to the Crisis Text Line and 911; never the English keyword HOME or the
English chat. The urgent page offers one clear set of actions in either language."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from intake.models import Enquiry
from intake.notifications import acknowledgement
from intake.pages import ContactPage

SPANISH_OPTIONS = ("oprima el 2", "AYUDA al 988", "988lineadevida.org", "AYUDA al 741741", "911")
ENGLISH_ONLY = ("HOME", "988lifeline.org")


@pytest.fixture
def spanish_contact_page(bilingual_demo_site):
    return ContactPage.objects.live().get(locale__language_code="es")


@pytest.fixture
def submit_spanish(client, spanish_contact_page, django_capture_on_commit_callbacks):
    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(spanish_contact_page.url, data, follow=True)

    return post


def text_of(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def assert_spanish_options_only(text):
    for option in SPANISH_OPTIONS:
        assert option in text, option
    for english in ENGLISH_ONLY:
        assert english not in text, english


def test_the_spanish_contact_page_gives_the_spanish_options(client, spanish_contact_page):
    html = client.get(spanish_contact_page.url).content.decode()

    assert_spanish_options_only(text_of(html))
    assert "sms:741741?&amp;body=AYUDA" in html
    assert "sms:988?&amp;body=AYUDA" in html


def test_the_spanish_urgent_page_gives_the_spanish_options(submit_spanish, form_data):
    response = submit_spanish({**form_data, "message": "ya no quiero vivir, me quiero matar"})

    assert Enquiry.objects.get().urgent
    main = response.content.decode().split("<main", 1)[1]
    assert_spanish_options_only(text_of(main))


def test_the_spanish_urgent_email_gives_the_spanish_options_and_no_home(
    submit_spanish, form_data, mailoutbox
):
    submit_spanish({**form_data, "message": "ya no quiero vivir, me quiero matar"})

    [email] = [message for message in mailoutbox if message.to == [form_data["email"]]]
    assert_spanish_options_only(email.body)
    assert "https://988lineadevida.org/" in email.body


def test_the_spanish_ordinary_email_gives_the_spanish_options_too(
    make_enquiry, spanish_contact_page
):
    enquiry = make_enquiry(language="es", urgent=False)

    assert_spanish_options_only(acknowledgement(enquiry).body)


def test_the_english_urgent_email_is_unchanged(submit, form_data, mailoutbox):
    submit({**form_data, "message": "I want to end my life."})

    [email] = [message for message in mailoutbox if message.to == [form_data["email"]]]
    assert "HOME to 741741" in email.body
    assert "988lifeline.org" in email.body
    assert "AYUDA" not in email.body


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_spanish_error_pages_give_the_spanish_options(template):
    with translation.override("es"):
        html = render_to_string(template)

    text = text_of(html)
    for option in ("oprima el 2", "AYUDA", "988lineadevida.org", "741741", "911"):
        assert option in text, option
    assert "HOME" not in text


def test_the_spanish_footer_and_help_bar_never_say_home(client, spanish_contact_page):
    html = client.get("/es/").content.decode()

    assert "HOME" not in text_of(html)
    assert "988lineadevida.org" in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_urgent_page_offers_each_way_to_help_once(
    client, submit, submit_spanish, form_data, language
):
    message = "I want to end my life." if language == "en" else "me quiero quitar la vida"
    if language == "en":
        submit({**form_data, "message": message})
        html = client.get("/contact/thank-you/").content.decode()
    else:
        html = submit_spanish({**form_data, "message": message}).content.decode()

    section = BeautifulSoup(html, "html.parser").select_one(".safety-notice--urgent")
    links = [a["href"] for a in section.select("a.crisis-action")]
    assert len(links) == len(set(links)), links
    assert len(links) == 5  # call, text, chat, the Crisis Text Line, the emergency number
