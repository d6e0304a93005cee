"""The front desk's screens (issue #22) and what they remember (#18): the enquiry page leads
with what staff act on, the words are a receptionist's, one note box, exports that open right
in a spreadsheet, times in the clinic's zone, why an enquiry is urgent in plain words, and an
earlier crisis remembered on a later message from the same person."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from intake.choices import CrisisCategory
from intake.models import Enquiry, EnquiryNote
from intake.staff_time import ago_and_clock
from tests.fixtures.intake import THANK_YOU_URL
from tests.intake.test_admin import visible_text

LIST_URL = "/admin/enquiries/"
URGENT_MESSAGE = "I want to die. I have been saving my pills for tonight."
ORDINARY_MESSAGE = "Could I move my first appointment to a Friday afternoon?"
PASSAGE = "i keep thinking everyone would be better off if i was not around"


def page_url(enquiry):
    return f"{LIST_URL}inspect/{enquiry.pk}/"


def outcome_url(enquiry):
    return f"{LIST_URL}outcome/{enquiry.pk}/"


def export(client, export_format, **query):
    response = client.get(LIST_URL, {"export": export_format, **query})
    return response, b"".join(response.streaming_content)


def filename_of(response):
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


def clinic_today():
    return timezone.localtime(timezone.now()).date().isoformat()


@pytest.fixture
def urgent_enquiry(make_enquiry):
    """An urgent enquiry as the contact form stores one, with every kind of reason."""
    return make_enquiry(
        name="Sam Ortega",
        phone="+15035550199",
        contact_method="phone",
        best_time="morning",
        urgent=True,
        self_reported_crisis=True,
        crisis_categories="self_reported,suicidal_thoughts,reads_like_crisis",
        crisis_evidence={
            "phrases": ["want to die"],
            "score": 0.97,
            "strength": "strongly",
            "passage": PASSAGE,
        },
        spam_reasons="too_fast",
        message=URGENT_MESSAGE,
    )


# --- The enquiry page leads with what staff act on ----------------------------------------------


def test_the_page_leads_with_name_urgency_reach_message_then_outcomes(
    intake_client, urgent_enquiry
):
    html = intake_client.get(page_url(urgent_enquiry)).content.decode()

    order = [
        '<h1 class="intake-enquiry__name">Sam Ortega (#',
        "intake-urgent-banner",
        'href="tel:+15035550199"',
        'href="sms:+15035550199"',
        'href="mailto:avery@example.com"',
        "Best time: Morning",
        "saving my pills",
        ">Called – spoke</button>",
        "Status and assignee",
        "Details",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_the_page_is_titled_with_the_persons_name_not_inspect(intake_client, urgent_enquiry):
    html = intake_client.get(page_url(urgent_enquiry)).content.decode()

    assert f"<title>Sam Ortega (#{urgent_enquiry.pk})" in html
    assert "Inspect" not in visible_text(intake_client.get(page_url(urgent_enquiry)))


def test_staff_see_why_it_is_urgent_in_plain_words_with_the_spam_signals_beside_it(
    intake_client, urgent_enquiry
):
    text = visible_text(intake_client.get(page_url(urgent_enquiry)))
    banner = text[text.index("Urgent Said yes") : text.index("How to reach them")]

    assert "Said yes to the self-harm question" in banner
    assert "Crisis words: “want to die”" in banner
    assert f"Reads strongly like crisis language: “{PASSAGE}”" in banner
    assert "Kinds of crisis language: Suicidal thoughts." in banner
    assert "Spam checks also flagged it (Sent too quickly after the form was shown)" in banner
    assert "Contact this person as soon as possible." in banner


def test_why_it_is_urgent_stays_out_of_emails_and_the_audit_log(
    submit, form_data, intake_client, mailoutbox
):
    submit({**form_data, "message": URGENT_MESSAGE, "self_harm_thoughts": "on"})
    enquiry = Enquiry.objects.get()
    assert enquiry.crisis_evidence["phrases"]
    intake_client.get(page_url(enquiry))
    intake_client.post(outcome_url(enquiry), {"outcome": "spoke"})

    sent = " ".join(f"{message.subject} {message.body}" for message in mailoutbox)
    logged = " ".join(f"{e.label} {e.data}" for e in ModelLogEntry.objects.all())
    for said in (*enquiry.crisis_evidence["phrases"], "Said yes", "Crisis words", "saving"):
        assert said not in sent
        assert said not in logged


def test_after_a_call_that_reached_them_the_banner_says_who_spoke_and_when(
    intake_client, intake_user, urgent_enquiry
):
    intake_user.first_name, intake_user.last_name = "Ivy", "Marsh"
    intake_user.save()

    intake_client.post(outcome_url(urgent_enquiry), {"outcome": "spoke"})
    text = visible_text(intake_client.get(page_url(urgent_enquiry)))

    assert "Ivy Marsh spoke to them just now (" in text
    assert "The urgent flag stays until someone clears it with a reason." in text
    assert "Contact this person as soon as possible." not in text
    urgent_enquiry.refresh_from_db()
    assert urgent_enquiry.urgent


def test_until_someone_reaches_them_the_banner_gives_the_last_try(intake_client, urgent_enquiry):
    intake_client.post(outcome_url(urgent_enquiry), {"outcome": "voicemail"})

    text = visible_text(intake_client.get(page_url(urgent_enquiry)))

    assert "Contact this person as soon as possible. Last try: Left voicemail, by intake" in text


def test_deliveries_are_one_emails_sent_line_with_the_details_behind_it(
    intake_client, make_enquiry
):
    delivered = make_enquiry(
        notification_status="sent",
        notified_at=timezone.now() - timedelta(minutes=3),
        acknowledgement_status="sent",
    )
    failing = make_enquiry(
        notification_status="failed",
        notification_attempts=3,
        notification_error="ConnectionRefusedError: Connection refused",
    )

    delivered_text = visible_text(intake_client.get(page_url(delivered)))
    failing_text = visible_text(intake_client.get(page_url(failing)))

    assert re.search(
        r"Emails sent: notice to the team, 3 min ago \(\d\d:\d\d\); acknowledgement to the "
        r"person\. About these emails",
        delivered_text,
    )
    assert (
        "Emails sent: none. Not sent yet: notice to the team (not delivered yet, will be "
        "retried)." in failing_text
    )
    assert "3 tries; last problem: ConnectionRefusedError: Connection refused" in failing_text
    html = intake_client.get(page_url(failing)).content.decode()
    assert '<details class="intake-emails__details">' in html


# --- One note box; the same outcome twice asks first ---------------------------------------------


def test_the_page_has_one_note_box_with_the_outcome_buttons_beside_it(intake_client, make_enquiry):
    enquiry = make_enquiry()

    html = intake_client.get(page_url(enquiry)).content.decode()
    form = html[html.index('class="intake-record__form"') :]
    form = form[: form.index("</form>")]

    assert html.count("<textarea") == 1
    assert 'name="text"' in form
    for label in ("Called – spoke", "Left voicemail", "No answer", "Emailed", "Save note only"):
        assert f">{label}</button>" in form
    assert f'formaction="{LIST_URL}note/{enquiry.pk}/"' in form


def test_saving_the_note_alone_keeps_it_without_an_outcome(intake_client, make_enquiry):
    enquiry = make_enquiry(status="new")

    intake_client.post(f"{LIST_URL}note/{enquiry.pk}/", {"text": "Her GP will call us too."})

    note = enquiry.notes.get()
    assert (note.text, note.outcome) == ("Her GP will call us too.", "")
    enquiry.refresh_from_db()
    assert enquiry.status == "new"


def test_saving_an_empty_note_alone_says_so(intake_client, make_enquiry):
    enquiry = make_enquiry()

    response = intake_client.post(f"{LIST_URL}note/{enquiry.pk}/", {"text": ""}, follow=True)

    assert "Write the note first, then save it." in visible_text(response)
    assert not enquiry.notes.exists()


def test_the_same_outcome_again_within_a_minute_asks_record_it_again(intake_client, make_enquiry):
    enquiry = make_enquiry()
    intake_client.post(outcome_url(enquiry), {"outcome": "spoke", "text": "Booked Friday."})

    response = intake_client.post(
        outcome_url(enquiry), {"outcome": "spoke", "text": "Second call, about parking."}
    )

    assert response.status_code == 200
    text = visible_text(response)
    assert "Record it again?" in text
    assert "“Called – spoke” was recorded for Avery Lindqvist" in text
    assert "Second call, about parking." in response.content.decode()  # nothing typed is lost
    assert enquiry.notes.count() == 1

    intake_client.post(
        outcome_url(enquiry),
        {"outcome": "spoke", "text": "Second call, about parking.", "again": "on"},
    )
    assert [note.text for note in enquiry.notes.all()] == [
        "Called – spoke: Booked Friday.",
        "Called – spoke: Second call, about parking.",
    ]


def test_another_outcome_or_the_same_after_a_minute_is_recorded_at_once(
    intake_client, make_enquiry
):
    enquiry = make_enquiry()
    intake_client.post(outcome_url(enquiry), {"outcome": "no_answer"})
    intake_client.post(outcome_url(enquiry), {"outcome": "voicemail"})
    EnquiryNote.objects.update(created_at=timezone.now() - timedelta(minutes=2))

    intake_client.post(outcome_url(enquiry), {"outcome": "voicemail"})

    assert [note.outcome for note in enquiry.notes.all()] == [
        "no_answer",
        "voicemail",
        "voicemail",
    ]


def test_notes_recorded_before_outcomes_had_a_field_get_theirs(make_enquiry):
    from django.apps import apps

    migration = import_module("intake.migrations.0010_earlier_urgent_and_note_outcome")
    enquiry = make_enquiry()
    notes = [
        EnquiryNote.objects.create(enquiry=enquiry, text=text)
        for text in ("Called – spoke: fine", "No answer", "No answer today, try later")
    ]

    migration.outcomes_from_note_texts(apps, None)

    assert [EnquiryNote.objects.get(pk=n.pk).outcome for n in notes] == ["spoke", "no_answer", ""]


# --- Words a receptionist uses, on every staff screen --------------------------------------------

# Wagtail's words and the model's field names, which staff should never have to read.
FORBIDDEN = [
    "Inspect",
    "Inspecting",
    "matches",
    "There is 1 match",
    "snippet",
    "Notification attempts",
    "Notification error",
    "Notification status",
    "Notified at",
    "Acknowledgement status",
    "Escalation status",
    "Escalated at",
    "Waiting to be sent",
    "Spam reasons",
    "Crisis categories",
    "Received at",
    "crisis_",
    "self_reported",
    "earlier_urgent",
    "is referenced",
    "Used 0 times",
    "Enquiry '",
    "---------",
    "Yes, delete",
]


def test_no_staff_screen_uses_cms_words_or_internal_field_names(
    intake_client, make_enquiry, urgent_enquiry, clinic_settings
):
    other = make_enquiry(name="Ivy Marsh", email="avery@example.com")
    later = make_enquiry(
        name="Sam Ortega", earlier_urgent=urgent_enquiry, urgent=True, crisis_categories=""
    )
    make_enquiry(name="Junk", status="spam", spam_reasons="honeypot")
    intake_client.post(outcome_url(other), {"outcome": "no_answer"})
    repeat = intake_client.post(outcome_url(other), {"outcome": "no_answer"})
    ids = f"id={urgent_enquiry.pk}&id={other.pk}"
    bulk = "/admin/bulk/intake/enquiry"
    screens = {
        "dashboard": "/admin/",
        "listing": LIST_URL,
        "listing, everything": f"{LIST_URL}?show=all",
        "listing, searched": f"{LIST_URL}?q=ortega",
        "listing, nothing found": f"{LIST_URL}?q=nobody-by-this-name",
        "listing results": f"{LIST_URL}results/?status=new",
        "urgent enquiry": page_url(urgent_enquiry),
        "remembered enquiry": page_url(later),
        "ordinary enquiry": page_url(other),
        "erase": f"{LIST_URL}delete/{urgent_enquiry.pk}/",
        "history": f"{LIST_URL}history/{urgent_enquiry.pk}/",
        "report": "/admin/reports/enquiries-by-source/",
        **{
            f"bulk {action}": f"{bulk}/{action}/?{ids}"
            for action in ("assign_to_me", "mark_contacted", "mark_spam", "delete")
        },
    }
    texts = {name: visible_text(intake_client.get(url)) for name, url in screens.items()}
    texts["record it again"] = visible_text(repeat)

    for name, text in texts.items():
        for word in FORBIDDEN:
            assert word.lower() not in text.lower(), f"{word!r} on {name}"


def test_the_listing_counts_enquiries_not_matches(intake_client, make_enquiry):
    for name in ("Ana", "Ben", "Cy", "Di"):
        make_enquiry(name=name)

    text = visible_text(intake_client.get(LIST_URL))
    searched = visible_text(intake_client.get(LIST_URL, {"q": "Ana"}))

    assert "4 enquiries" in text
    assert "1 enquiry" in searched


def test_the_actions_menus_offer_erase_this_enquiry_with_its_consequence(
    intake_client, make_enquiry
):
    enquiry = make_enquiry()
    erase = "Erase this enquiry Deletes the message and its notes for good"

    listing = visible_text(intake_client.get(LIST_URL))
    page = visible_text(intake_client.get(page_url(enquiry)))
    confirmation = visible_text(intake_client.get(f"{LIST_URL}delete/{enquiry.pk}/"))

    assert erase in listing and erase in page
    assert "Erase this enquiry for good? Its message and notes will be deleted" in confirmation
    assert "Yes, erase it" in confirmation and "No, keep it" in confirmation


# --- Times: the clinic's, named once per screen ---------------------------------------------------


def test_each_screen_with_times_names_the_clinics_zone_once(intake_client, urgent_enquiry):
    for url in ("/admin/", LIST_URL, page_url(urgent_enquiry)):
        text = visible_text(intake_client.get(url))
        assert text.count("America/Los_Angeles") == 1, url


# 2026-12-04 (a Friday) 17:42 in Los Angeles.
NOW = datetime(2026, 12, 5, 1, 42, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "reads"),
    [
        (timedelta(seconds=20), "just now (17:41)"),
        (timedelta(minutes=10), "10 min ago (17:32)"),
        (timedelta(hours=5), "5 h ago (12:42)"),
        (timedelta(hours=30), "30 h ago (Thu 11:42)"),
        (timedelta(days=4), "4 days ago (Mon 17:42)"),
        (timedelta(days=10), "10 days ago (Nov 24, 17:42)"),
        (timedelta(days=400), "400 days ago (Oct 30 2025, 18:42)"),  # summer time then
    ],
)
def test_a_time_reads_how_long_ago_and_the_clinics_clock(settings, before, reads):
    settings.TIME_ZONE = "America/Los_Angeles"

    assert ago_and_clock(NOW - before, NOW) == reads


def test_the_listing_reads_each_time_as_ago_and_clock(intake_client, make_enquiry):
    received = timezone.now() - timedelta(minutes=10, seconds=3)
    make_enquiry(received_at=received)
    clock = timezone.localtime(received).strftime("%H:%M")

    text = visible_text(intake_client.get(LIST_URL))

    assert f"10 min ago ({clock})" in text


def test_the_history_screen_shows_clinic_times_not_just_now(intake_client, make_enquiry):
    enquiry = make_enquiry()
    intake_client.get(page_url(enquiry))

    text = visible_text(intake_client.get(f"{LIST_URL}history/{enquiry.pk}/"))

    assert "When (clinic time, America/Los_Angeles)" in text
    assert re.search(r"Viewed intake just now \(\d\d:\d\d\)", text)
    assert "Just now" not in text


def test_the_dashboard_lists_an_older_urgent_enquiry_before_newer_ones(intake_client, make_enquiry):
    make_enquiry(name="Old Urgent", urgent=True, received_at=timezone.now() - timedelta(days=3))
    for index in range(6):
        make_enquiry(name=f"Newer {index}")

    html = intake_client.get("/admin/").content.decode()
    panel = html[html.index('id="intake-enquiries-content"') :]

    assert panel.index("Old Urgent") < panel.index("Newer 5")


# --- Exports that open right ---------------------------------------------------------------------


@pytest.fixture
def people(make_enquiry):
    make_enquiry(name="Lucía Peña", phone="+15035550199", received_at=timezone.now())
    make_enquiry(name="Jürgen Müller", phone="+442079460958", email="j@example.com")
    make_enquiry(name="Closed Person", status="closed")


def test_csv_starts_with_a_byte_order_mark_then_its_header_and_phones_stay_text(
    intake_client, people
):
    response, content = export(intake_client, "csv", ordering="name")

    assert content.startswith(b"\xef\xbb\xbfEnquiry,Received (America/Los_Angeles),")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    phones = {row["Full name"]: row["Phone"] for row in rows}
    assert phones == {"Jürgen Müller": "'+44 20 7946 0958", "Lucía Peña": "(503) 555-0199"}
    assert "Peña".encode() in content and "Müller".encode() in content


def test_xlsx_has_text_phones_real_dates_and_a_sheet_named_for_what_it_holds(intake_client, people):
    response, content = export(intake_client, "xlsx", ordering="name")

    sheet = load_workbook(io.BytesIO(content)).active
    headings = [cell.value for cell in sheet[1]]
    rows = {row[headings.index("Full name")].value: row for row in sheet.iter_rows(min_row=2)}
    pena = rows["Lucía Peña"]
    phone, received = (
        pena[headings.index("Phone")],
        pena[headings.index("Received (America/Los_Angeles)")],
    )
    assert (phone.value, phone.data_type) == ("(503) 555-0199", "s")
    assert rows["Jürgen Müller"][headings.index("Phone")].value == "+44 20 7946 0958"
    assert received.is_date and received.number_format == "yyyy-mm-dd hh:mm"
    expected = timezone.localtime(Enquiry.objects.get(name="Lucía Peña").received_at)
    assert received.value == expected.replace(tzinfo=None, second=0, microsecond=0)
    assert sheet.title == f"Open enquiries {clinic_today()}"


def test_the_export_states_its_filter_in_its_file_name(intake_client, people, intake_user):
    cases = [
        ({}, "open-enquiries"),
        ({"show": "all"}, "all-enquiries"),
        (
            {"status": ["new", "in_progress"], "urgent": "true"},
            "urgent-new-and-in-progress-enquiries",
        ),
        ({"assigned_to": "none", "show": "open"}, "open-enquiries-assigned-to-nobody"),
        ({"q": "Peña"}, "enquiries-found-by-a-search"),
    ]
    for query, name in cases:
        response, _ = export(intake_client, "csv", **query)
        assert filename_of(response) == f"{name}-{clinic_today()}.csv", query
    response, _ = export(intake_client, "xlsx", show="all")
    assert filename_of(response) == f"all-enquiries-{clinic_today()}.xlsx"


def test_all_enquiries_is_offered_next_to_the_filtered_export(intake_client, people):
    response = intake_client.get(LIST_URL, {"status": "new"})
    html = response.content.decode()
    text = visible_text(response)

    assert "New enquiries as CSV" in text and "New enquiries as Excel (XLSX)" in text
    assert "All enquiries as CSV" in text and "All enquiries as Excel (XLSX)" in text
    assert f'href="{LIST_URL}?show=all&amp;export=csv"' in html
    _, everything = export(intake_client, "csv", show="all")
    assert b"Closed Person" in everything


def test_the_report_csv_has_a_byte_order_mark_and_a_named_file(intake_client, make_enquiry):
    make_enquiry()

    response = intake_client.get("/admin/reports/enquiries-by-source/", {"export": "csv"})

    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbfSource article,")
    assert filename_of(response) == (
        f"enquiries-by-source-article-last-30-days-{clinic_today()}.csv"
    )


# --- A crisis is remembered (#18) -----------------------------------------------------------------


def send(submit, form_data, message, **fields):
    submit({**form_data, "message": message, **fields})
    return Enquiry.objects.latest("pk")


def test_a_later_message_from_the_same_person_is_urgent_for_staff_with_the_earlier_one(
    submit, form_data, client, intake_client, mailoutbox
):
    first = send(submit, form_data, URGENT_MESSAGE)
    mailoutbox.clear()
    later = send(submit, form_data, ORDINARY_MESSAGE, email="ROWAN@example.com")

    assert later.urgent
    assert later.earlier_urgent == first
    assert later.crisis_categories == CrisisCategory.EARLIER_URGENT
    # The person's own thank-you page and email follow what they wrote.
    assert "safety-notice--urgent" not in client.get(THANK_YOU_URL).content.decode()
    (acknowledgement,) = [m for m in mailoutbox if m.to == ["ROWAN@example.com"]]
    assert "within two working days" in acknowledgement.body
    text = visible_text(intake_client.get(page_url(later)))
    assert re.search(rf"Earlier urgent message: #{first.pk} ?, just now \(", text)
    assert text.index("Earlier urgent message") < text.index("Urgent This message reads as")
    assert "the same person sent an urgent message before (above)" in text


def test_the_same_phone_number_is_the_same_person(submit, form_data):
    first = send(submit, form_data, URGENT_MESSAGE, phone="(503) 555-0199")

    later = send(submit, form_data, ORDINARY_MESSAGE, phone="503-555-0199", email="n@example.com")

    assert later.earlier_urgent == first and later.urgent


def test_the_listing_shows_it_and_sorts_it_with_the_urgent_ones_until_cleared(
    intake_client, make_enquiry
):
    now = timezone.now()
    first = make_enquiry(
        name="Rowan",
        urgent=True,
        crisis_categories="suicidal_thoughts",
        status="contacted",
        received_at=now - timedelta(days=10),
    )
    make_enquiry(name="Waited Longest", received_at=now - timedelta(days=2))
    later = make_enquiry(
        name="Rowan Again",
        urgent=True,
        crisis_categories="earlier_urgent",
        earlier_urgent=first,
        received_at=now - timedelta(hours=1),
    )

    response = intake_client.get(LIST_URL)
    text = visible_text(response)

    assert [e.name for e in response.context["object_list"]] == ["Rowan Again", "Waited Longest"]
    assert re.search(rf"Earlier urgent message: #{first.pk} ?, 10 days ago \(", text)
    intake_client.post(
        f"{LIST_URL}urgent/{later.pk}/", {"urgent": "0", "reason": "Only rescheduling; safe."}
    )
    names = [e.name for e in intake_client.get(LIST_URL).context["object_list"]]
    assert names == ["Waited Longest", "Rowan Again"]


def test_the_link_disappears_when_the_earlier_enquiry_is_erased(
    submit, form_data, intake_client, admin_client
):
    first = send(submit, form_data, URGENT_MESSAGE)
    later = send(submit, form_data, ORDINARY_MESSAGE)

    admin_client.post(f"{LIST_URL}delete/{first.pk}/")

    later.refresh_from_db()
    assert later.earlier_urgent is None and later.urgent
    text = visible_text(intake_client.get(page_url(later)))
    assert "Earlier urgent message" not in text
    assert "the same person sent an urgent message before (no longer kept)" in text
    assert f"#{first.pk}" not in visible_text(intake_client.get(LIST_URL))


def test_the_link_disappears_when_the_earlier_enquiry_is_purged(make_enquiry):
    long_ago = timezone.now() - timedelta(days=3650)
    first = make_enquiry(
        urgent=True,
        crisis_categories="suicidal_thoughts",
        status="closed",
        status_changed_at=long_ago,
    )
    later = make_enquiry(urgent=True, crisis_categories="earlier_urgent", earlier_urgent=first)

    call_command("purge_enquiries", stdout=io.StringIO())

    later.refresh_from_db()
    assert not Enquiry.objects.filter(pk=first.pk).exists()
    assert later.earlier_urgent is None


def test_spam_and_remembered_ones_are_not_recalled_the_first_crisis_is(make_enquiry):
    from intake.actions import earlier_urgent_message

    crisis = make_enquiry(urgent=True, crisis_categories="suicidal_thoughts")
    make_enquiry(urgent=True, crisis_categories="earlier_urgent", earlier_urgent=crisis)
    make_enquiry(urgent=False, crisis_categories="self_reported", status="spam")
    marked = make_enquiry(email="someone@example.com", urgent=True, crisis_categories="")
    new = Enquiry(name="New", email="avery@example.com", message="Hello")

    assert earlier_urgent_message(new) == crisis
    assert earlier_urgent_message(Enquiry(email="someone@example.com")) == marked
    assert earlier_urgent_message(Enquiry(email="first-time@example.com")) is None


def test_an_urgent_message_after_an_urgent_one_keeps_its_own_reasons(submit, form_data):
    first = send(submit, form_data, URGENT_MESSAGE)

    later = send(submit, form_data, URGENT_MESSAGE)

    assert later.earlier_urgent == first
    assert CrisisCategory.EARLIER_URGENT not in later.crisis_categories.split(",")
    assert not later.urgent_for_earlier_message_only


def test_a_status_change_that_cannot_be_saved_says_why_on_the_enquiry_page(
    intake_client, make_enquiry
):
    enquiry = make_enquiry(status="new")

    response = intake_client.post(
        f"{LIST_URL}edit/{enquiry.pk}/", {"status": "teleported", "assigned_to": ""}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"{page_url(enquiry)}#status-and-assignee"
    assert "Select a valid choice" in visible_text(response)
    enquiry.refresh_from_db()
    assert enquiry.status == "new"
