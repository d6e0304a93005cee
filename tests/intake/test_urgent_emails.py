"""Emails about an urgent enquiry: the acknowledgement leads with the crisis lines, the staff
notice says URGENT, and neither repeats what the person wrote or what the crisis check found."""

import pytest

from intake.choices import CrisisCategory
from intake.models import Enquiry

STAFF_ADDRESS = "intake@willowmere-clinic.example"
CLINIC_PHONE = "(555) 010-4477"
URGENT_MESSAGE = "I want to end my life. I've been saving up my sleeping pills."
ORDINARY_MESSAGE = "Some days I feel hopeless about the pain. Could I book a first appointment?"
MESSAGE_FRAGMENTS = ("end my life", "sleeping pills", "hopeless", "first appointment")


def to(mailbox, address):
    return [message for message in mailbox if message.to == [address]]


def staff_notices(mailbox):
    return to(mailbox, STAFF_ADDRESS)


def acknowledgements(mailbox, address="rowan@example.com"):
    return to(mailbox, address)


@pytest.fixture
def urgent_data(form_data):
    return {**form_data, "message": URGENT_MESSAGE}


# --- Acknowledgement --------------------------------------------------------------------------


def test_urgent_acknowledgement_gives_the_crisis_lines_before_the_clinic_phone(
    submit, urgent_data, mailoutbox
):
    submit(urgent_data)

    [acknowledgement] = acknowledgements(mailoutbox)
    body = acknowledgement.body
    assert CLINIC_PHONE in body
    assert "988" in body
    assert "911" in body
    assert body.index("988") < body.index(CLINIC_PHONE)
    assert body.index("911") < body.index(CLINIC_PHONE)


def test_urgent_acknowledgement_promises_no_reply_time(submit, urgent_data, mailoutbox):
    submit(urgent_data)

    [acknowledgement] = acknowledgements(mailoutbox)
    assert "two working days" not in acknowledgement.body


def test_urgent_acknowledgement_uses_the_pages_urgent_text(
    submit, urgent_data, mailoutbox, contact_page
):
    contact_page.urgent_acknowledgement_text = "We will look at your message first thing."
    contact_page.save_revision().publish()

    submit(urgent_data)

    [acknowledgement] = acknowledgements(mailoutbox)
    assert acknowledgement.body.startswith("We will look at your message first thing.")


def test_ordinary_acknowledgement_still_promises_two_working_days(submit, form_data, mailoutbox):
    submit(form_data)

    [acknowledgement] = acknowledgements(mailoutbox)
    assert "two working days" in acknowledgement.body


# --- Staff notice -----------------------------------------------------------------------------


def test_staff_notice_of_an_urgent_enquiry_says_urgent_first(submit, urgent_data, mailoutbox):
    submit(urgent_data)

    enquiry = Enquiry.objects.get()
    [notice] = staff_notices(mailoutbox)
    assert notice.subject.startswith("URGENT")
    assert f"#{enquiry.pk}" in notice.subject


def test_staff_notice_of_an_ordinary_enquiry_does_not_say_urgent(submit, form_data, mailoutbox):
    submit(form_data)

    [notice] = staff_notices(mailoutbox)
    assert not notice.subject.startswith("URGENT")
    assert "URGENT" not in notice.body


@pytest.mark.parametrize("message", [URGENT_MESSAGE, ORDINARY_MESSAGE])
def test_no_email_repeats_the_message_or_the_crisis_categories(
    submit, form_data, mailoutbox, message
):
    submit({**form_data, "message": message})

    assert len(mailoutbox) == 2  # the staff notice and the acknowledgement
    for email in mailoutbox:
        text = email.subject + "\n" + email.body
        for fragment in MESSAGE_FRAGMENTS:
            assert fragment not in text
        for category in CrisisCategory:
            assert category.label not in text
            assert category.value not in text


# --- Urgent messages that tripped a spam check ------------------------------------------------


@pytest.fixture
def rate_limit_reached(settings, submit, form_data, mailoutbox):
    """One ordinary message already sent from this address, with a limit of one."""
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    submit(form_data)
    mailoutbox.clear()


@pytest.mark.backend_specific  # rate-limit rows
def test_an_urgent_message_over_the_rate_limit_is_notified_and_acknowledged(
    rate_limit_reached, submit, urgent_data, mailoutbox
):
    submit({**urgent_data, "email": "sam@example.com"})

    enquiry = Enquiry.objects.get(email="sam@example.com")
    assert enquiry.urgent
    assert enquiry.spam_reasons == "rate_limited"
    [notice] = staff_notices(mailoutbox)
    assert notice.subject == f"URGENT: new enquiry #{enquiry.pk}"
    assert len(acknowledgements(mailoutbox, "sam@example.com")) == 1
    assert enquiry.acknowledgement_status == "sent"


def test_an_urgent_message_with_the_honeypot_filled_is_notified_but_not_acknowledged(
    submit, urgent_data, mailoutbox
):
    submit({**urgent_data, "website": "https://rowan.example.com"})

    enquiry = Enquiry.objects.get()
    assert enquiry.urgent
    assert "honeypot" in enquiry.spam_reasons.split(",")
    [notice] = staff_notices(mailoutbox)
    assert notice.subject == f"URGENT: new enquiry #{enquiry.pk}"
    assert acknowledgements(mailoutbox) == []
    assert enquiry.acknowledgement_status == "not_needed"


@pytest.mark.backend_specific  # rate-limit rows
def test_an_urgent_message_over_the_rate_limit_with_the_honeypot_filled_is_not_acknowledged(
    rate_limit_reached, submit, urgent_data, mailoutbox
):
    submit({**urgent_data, "email": "sam@example.com", "website": "sam.example.com"})

    enquiry = Enquiry.objects.get(email="sam@example.com")
    assert set(enquiry.spam_reasons.split(",")) == {"honeypot", "rate_limited"}
    assert len(staff_notices(mailoutbox)) == 1
    assert acknowledgements(mailoutbox, "sam@example.com") == []
