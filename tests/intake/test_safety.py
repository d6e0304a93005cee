"""Patient safety: crisis language marks an enquiry urgent and changes what everyone sees."""

import pytest

from intake.models import Enquiry
from intake.safety import contains_crisis_language
from tests.intake.conftest import THANK_YOU_URL


@pytest.mark.parametrize(
    "message",
    [
        "Some days I think about suicide.",
        "I want to KILL MYSELF when the pain flares.",
        "I just want to end my life",
        "honestly i want to die",
        "I took an overdose last year",
        "I overdosed in March",
        "I have been self-harming again",
        "I self harm when it gets bad",
        "I don’t want to live like this",  # curly apostrophe from a phone keyboard
        "sometimes I hurt myself",
        "I'm having suicidal thoughts.",
        "I want to\nend   my\tlife",
    ],
)
def test_crisis_phrases_are_recognised(message):
    assert contains_crisis_language(message)


@pytest.mark.parametrize(
    "message",
    [
        "I am on a strict diet and want to diet properly",  # "die" inside "diet"
        "I want to improve my skill myself",  # "kill myself" inside "skill myself"
        "My dog's name is Suicidesquad",  # no word boundary after the phrase
        "My prescription was underdosed for months.",
        "I hurt my shoulder lifting boxes",
        "The pain is killing me",
        "",
    ],
)
def test_near_misses_do_not_match(message):
    assert not contains_crisis_language(message)


def test_crisis_phrases_can_be_configured(settings):
    settings.INTAKE_CRISIS_PHRASES = ["no way out"]

    assert contains_crisis_language("I feel there is no way out")
    assert not contains_crisis_language("I think about suicide")


def test_crisis_language_marks_the_enquiry_urgent(submit, form_data):
    form_data["message"] = "Everything hurts and I want to die."

    submit(form_data)

    assert Enquiry.objects.get().urgent is True


def test_urgent_thank_you_page_shows_crisis_resources_first(client, submit, form_data):
    form_data["message"] = "Everything hurts and I want to die."
    submit(form_data)

    html = client.get(THANK_YOU_URL).content.decode()
    main = html[html.index("<main") :]

    assert "safety-notice--urgent" in main
    assert main.index("safety-notice--urgent") < main.index("We have received your message")
    assert 'href="tel:988"' in main
    assert 'href="tel:911"' in main
    assert "want to die" not in html


def test_ordinary_thank_you_page_keeps_resources_but_not_prominent(client, submit, form_data):
    submit(form_data)

    html = client.get(THANK_YOU_URL).content.decode()

    assert "safety-notice--urgent" not in html
    assert 'class="safety-notice"' in html


def test_thank_you_variant_cannot_be_chosen_through_the_url(client, submit, form_data):
    form_data["message"] = "I keep thinking about suicide."
    submit(form_data)

    html = client.get(THANK_YOU_URL, {"urgent": "0", "variant": "received"}).content.decode()

    assert "safety-notice--urgent" in html


def test_thank_you_page_without_a_submission_shows_the_ordinary_variant(client, contact_page):
    response = client.get(THANK_YOU_URL)

    assert response.status_code == 200
    assert "safety-notice--urgent" not in response.content.decode()


def test_urgent_staff_notice_says_urgent_without_the_message(submit, form_data, mailoutbox):
    form_data["message"] = "I want to end my life."

    submit(form_data)

    notice = next(m for m in mailoutbox if "intake@" in m.to[0])
    assert notice.subject.startswith("URGENT")
    assert "URGENT" in notice.body
    assert "end my life" not in notice.body
