"""The writer can say it: the contact form asks, gently and optionally, about thoughts of
suicide or self-harm. A yes is urgent whatever the message says; a bot that ticks it is still
stored urgent, with its spam signals beside it, and cannot flood the escalation address."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from intake.choices import CrisisCategory, DeliveryStatus, SpamReason
from intake.models import Enquiry
from tests.fixtures.intake import CONTACT_URL, THANK_YOU_URL, started_token

QUESTION = "I'm having thoughts of suicide or of harming myself"
EVERYDAY = "Could I book a first appointment for my back pain?"


def test_the_form_asks_the_question_optionally_in_those_words(client, contact_page):
    html = client.get(CONTACT_URL).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    box = soup.find("input", {"name": "self_harm_thoughts"})
    label = soup.find("label", {"for": box["id"]})
    assert box["type"] == "checkbox"
    assert not box.has_attr("required")
    assert label.get_text(strip=True) == QUESTION
    assert "Optional" in soup.find(id=box["aria-describedby"].split()[0]).get_text()


def question_help(client, url=CONTACT_URL):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    box = soup.find("input", {"name": "self_harm_thoughts"})
    return " ".join(soup.find(id=box["aria-describedby"].split()[0]).get_text().split())


# Clinical review 10, m7: the priority waits for opening hours, so the promise next to the box
# says so, and says whom to call now, before the person sends anything.
def test_the_question_says_the_priority_waits_for_opening_hours_and_whom_to_call_now(
    client, contact_page
):
    assert question_help(client) == (
        "Optional. If you tick this, we show you who you can talk to right now, and our team "
        "treats your message as a priority when the clinic is open. We can't reply right "
        "away. If you might act on these thoughts, call or text 988 or call 911 now."
    )


def test_the_numbers_next_to_the_question_are_the_clinics(client, clinic_settings):
    clinic_settings.emergency_number = "112"
    clinic_settings.crisis_line_number = "116 123"
    clinic_settings.save()

    assert question_help(client).endswith("call or text 116 123 or call 112 now.")


def test_the_question_says_it_in_spanish(client, bilingual_demo_site):
    assert question_help(client, "/es/contacto/") == (
        "Opcional. Si marca esta casilla, le mostramos con quién puede hablar ahora mismo, y "
        "nuestro equipo dará prioridad a su mensaje en el horario de atención. No podemos "
        "responderle de inmediato. Si cree que podría actuar según estos pensamientos, llame "
        "o envíe un mensaje de texto al 988, o llame al 911 ahora mismo."
    )


def test_a_yes_makes_an_everyday_message_urgent_with_the_urgent_page(client, submit, form_data):
    response = submit({**form_data, "message": EVERYDAY, "self_harm_thoughts": "on"})

    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert enquiry.urgent
    assert enquiry.self_reported_crisis
    assert CrisisCategory.SELF_REPORTED in enquiry.crisis_categories.split(",")
    assert "safety-notice--urgent" in client.get(THANK_YOU_URL).content.decode()


def test_no_answer_leaves_the_text_to_decide(submit, form_data):
    submit({**form_data, "message": EVERYDAY})

    enquiry = Enquiry.objects.get()
    assert not enquiry.urgent
    assert not enquiry.self_reported_crisis


def test_staff_see_the_yes_as_the_reason(intake_client, submit, form_data):
    submit({**form_data, "message": EVERYDAY, "self_harm_thoughts": "on"})
    enquiry = Enquiry.objects.get()

    html = intake_client.get(reverse("enquiries:inspect", args=[enquiry.pk])).content.decode()

    assert "Said yes to the self-harm question" in html


def test_a_yes_in_a_form_that_needs_correcting_shows_help_first(client, form_data):
    response = client.post(CONTACT_URL, {**form_data, "email": "", "self_harm_thoughts": "on"})
    html = response.content.decode()

    assert response.status_code == 200
    assert html.index("safety-notice--urgent") < html.index("Enter your email address.")
    assert not Enquiry.objects.exists()


def test_a_bot_ticking_every_box_is_stored_urgent_with_its_spam_signals(submit, form_data):
    bot = {
        **form_data,
        "message": "Best SEO deals http://spam.example http://spam.example/2 http://x.example",
        "started": started_token(seconds_ago=0),
        "website": "http://spam.example",
        "self_harm_thoughts": "on",
    }

    submit(bot)

    enquiry = Enquiry.objects.get()
    assert enquiry.urgent
    assert enquiry.status != "spam"
    reasons = set(enquiry.spam_reasons.split(","))
    assert {SpamReason.HONEYPOT, SpamReason.MANY_LINKS, SpamReason.TOO_FAST} <= reasons


@override_settings(INTAKE_ESCALATIONS_PER_ADDRESS_PER_HOUR=2, INTAKE_RATE_LIMIT_SUBMISSIONS=100)
def test_escalation_alerts_are_capped_per_address_and_hour(submit, form_data):
    for number in range(5):
        submit({**form_data, "message": f"{EVERYDAY} ({number})", "self_harm_thoughts": "on"})

    enquiries = Enquiry.objects.order_by("pk")
    assert [e.urgent for e in enquiries] == [True] * 5
    assert [e.escalation_status for e in enquiries] == [DeliveryStatus.PENDING] * 2 + [
        DeliveryStatus.NOT_NEEDED
    ] * 3


@override_settings(INTAKE_ESCALATIONS_PER_ADDRESS_PER_HOUR=1)
def test_the_cap_is_per_address(submit, form_data):
    submit({**form_data, "self_harm_thoughts": "on"}, REMOTE_ADDR="203.0.113.1")
    submit({**form_data, "self_harm_thoughts": "on"}, REMOTE_ADDR="203.0.113.2")

    statuses = list(Enquiry.objects.values_list("escalation_status", flat=True))
    assert statuses == [DeliveryStatus.PENDING, DeliveryStatus.PENDING]


@pytest.mark.parametrize("value", ["on", "true", "1", "yes"])
def test_any_checked_value_counts_as_yes(submit, form_data, value):
    submit({**form_data, "message": EVERYDAY, "self_harm_thoughts": value})

    assert Enquiry.objects.get().self_reported_crisis
