"""Staff mark an enquiry urgent or clear the flag, saying why; the detail view shows what the
crisis check found and why spam checks flagged an urgent message."""

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from intake.models import Enquiry, EnquiryNote

REASON = "Said on the phone she has a plan for tonight"
CLEAR_REASON = "Spoke to her, safe with family tonight"
REASON_REQUIRED = "Say briefly why you are changing the urgent flag."
HONEYPOT_LABEL = "A hidden field only bots see was filled in"


def set_urgent_url(enquiry):
    return reverse("enquiries:set_urgent", args=[enquiry.pk])


def inspect_url(enquiry):
    return reverse("enquiries:inspect", args=[enquiry.pk])


def history_url(enquiry):
    return reverse("enquiries:history", args=[enquiry.pk])


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def urgent_log(enquiry):
    return ModelLogEntry.objects.for_instance(enquiry).filter(action="intake.urgent")


@pytest.fixture
def ordinary_enquiry(make_enquiry):
    return make_enquiry(urgent=False)


@pytest.fixture
def urgent_enquiry(make_enquiry):
    return make_enquiry(urgent=True, crisis_categories="suicidal_thoughts")


# --- Marking and clearing ---------------------------------------------------------------------


def test_staff_mark_an_enquiry_urgent_with_a_reason(intake_client, ordinary_enquiry):
    response = intake_client.post(
        set_urgent_url(ordinary_enquiry), {"urgent": "1", "reason": REASON}
    )

    assert response.status_code == 302
    assert response["Location"] == inspect_url(ordinary_enquiry)
    ordinary_enquiry.refresh_from_db()
    assert ordinary_enquiry.urgent
    [note] = EnquiryNote.objects.filter(enquiry=ordinary_enquiry)
    assert REASON in note.text
    [entry] = urgent_log(ordinary_enquiry)
    assert entry.data == {"urgent": True, "note_id": note.pk}
    assert REASON not in entry.label
    assert REASON not in json.dumps(entry.data)


def test_marking_urgent_shows_on_the_detail_view_and_in_the_history(
    intake_client, ordinary_enquiry
):
    detail = intake_client.post(
        set_urgent_url(ordinary_enquiry), {"urgent": "1", "reason": REASON}, follow=True
    )
    history = intake_client.get(history_url(ordinary_enquiry))

    page = detail.content.decode()
    assert "Marked urgent." in messages_of(detail)
    assert "Marked urgent by staff (why is in the notes)" in page
    assert REASON in page  # the note, for the team
    assert "Clear the urgent flag" in page
    assert history.status_code == 200
    assert "Marked urgent" in history.content.decode()
    assert REASON not in history.content.decode()


def test_staff_clear_the_urgent_flag_with_a_reason(intake_client, urgent_enquiry):
    response = intake_client.post(
        set_urgent_url(urgent_enquiry), {"urgent": "0", "reason": CLEAR_REASON}
    )

    assert response.status_code == 302
    urgent_enquiry.refresh_from_db()
    assert not urgent_enquiry.urgent
    [note] = EnquiryNote.objects.filter(enquiry=urgent_enquiry)
    assert CLEAR_REASON in note.text
    [entry] = urgent_log(urgent_enquiry)
    assert entry.data == {"urgent": False, "note_id": note.pk}
    assert CLEAR_REASON not in entry.label
    history = intake_client.get(history_url(urgent_enquiry)).content.decode()
    assert "Urgent flag cleared" in history
    assert CLEAR_REASON not in history


@pytest.mark.parametrize("reason", ["", "   "])
def test_changing_the_flag_without_a_reason_is_refused(intake_client, ordinary_enquiry, reason):
    response = intake_client.post(
        set_urgent_url(ordinary_enquiry), {"urgent": "1", "reason": reason}, follow=True
    )

    assert response.status_code == 200
    assert REASON_REQUIRED in messages_of(response)
    ordinary_enquiry.refresh_from_db()
    assert not ordinary_enquiry.urgent
    assert not EnquiryNote.objects.exists()
    assert not urgent_log(ordinary_enquiry).exists()


def test_staff_without_change_permission_cannot_change_the_flag(
    page_editor_client, ordinary_enquiry
):
    response = page_editor_client.post(
        set_urgent_url(ordinary_enquiry), {"urgent": "1", "reason": REASON}
    )

    assert response.status_code == 403
    ordinary_enquiry.refresh_from_db()
    assert not ordinary_enquiry.urgent
    assert not EnquiryNote.objects.exists()
    assert not urgent_log(ordinary_enquiry).exists()


def test_the_flag_cannot_be_changed_with_a_get(intake_client, ordinary_enquiry):
    response = intake_client.get(
        set_urgent_url(ordinary_enquiry), {"urgent": "1", "reason": REASON}
    )

    assert response.status_code == 405
    ordinary_enquiry.refresh_from_db()
    assert not ordinary_enquiry.urgent
    assert not EnquiryNote.objects.exists()


# --- What the detail view shows ---------------------------------------------------------------


def test_the_detail_view_names_the_crisis_categories_in_clinic_words(
    intake_client, submit, form_data
):
    message = "I want to end my life. I've been saving up my sleeping pills."
    submit({**form_data, "message": message})
    enquiry = Enquiry.objects.get()

    page = intake_client.get(inspect_url(enquiry)).content.decode()

    assert "Suicidal thoughts" in page
    assert "Overdose or stockpiling medication" in page
    assert "suicidal_thoughts" not in page  # the stored code, not a word staff use


def test_an_urgent_message_with_the_honeypot_filled_is_kept_with_its_spam_reason(
    intake_client, submit, form_data
):
    submit({**form_data, "message": "I want to end my life", "website": "rowan.example.com"})

    enquiry = Enquiry.objects.get()
    assert enquiry.status == "new"
    assert enquiry.urgent
    assert enquiry.spam_reasons == "honeypot"
    page = intake_client.get(inspect_url(enquiry)).content.decode()
    assert "Suicidal thoughts" in page
    assert HONEYPOT_LABEL in page
