"""The triage workspace in the Wagtail admin: listing, export, detail, notes, audit, access."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as settings_module
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from articles.demo import EDITORS, MEDICAL_REVIEWERS
from clinic.models import StandardPage
from clinic.spreadsheets import neutralise_formula
from intake.admin_views import CappedCountPaginator
from intake.models import Enquiry, EnquiryNote
from intake.viewsets import EnquiryViewSet
from tests.fixtures.staff import user_in_group
from tests.two_factor import sign_in_verified

LIST_URL = "/admin/enquiries/"
SCRIPT = "<script>alert('x')</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
# A quoted local part may hold almost any character: the form accepts this address.
SCRIPT_EMAIL = f'"{SCRIPT}"@example.com'
FORMULA = '=HYPERLINK("http://x","y")'
E164_PHONE = "+15035550199"
REPORT_URL = "/admin/reports/enquiries-by-source/"


def inspect_url(enquiry):
    return f"/admin/enquiries/inspect/{enquiry.pk}/"


def edit_url(enquiry):
    return f"/admin/enquiries/edit/{enquiry.pk}/"


def listed_names(response):
    return {enquiry.name for enquiry in response.context["object_list"]}


def logs_for(enquiry_id, action=None):
    entries = ModelLogEntry.objects.filter(
        content_type__app_label="intake", object_id=str(enquiry_id)
    )
    return entries.filter(action=action) if action else entries


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


# --- Access -------------------------------------------------------------------------------


def enquiry_urls(enquiry):
    return [
        LIST_URL,
        f"{LIST_URL}results/",
        f"{LIST_URL}?export=csv",
        f"{LIST_URL}?export=xlsx",
        inspect_url(enquiry),
        edit_url(enquiry),
        f"/admin/enquiries/delete/{enquiry.pk}/",
        f"/admin/enquiries/history/{enquiry.pk}/",
        "/admin/reports/enquiries-by-source/",
        "/admin/reports/enquiries-by-source/?export=csv",
        f"/admin/bulk/intake/enquiry/assign_to_me/?id={enquiry.pk}",
        f"/admin/bulk/intake/enquiry/mark_spam/?id={enquiry.pk}",
        f"/admin/bulk/intake/enquiry/delete/?id={enquiry.pk}",
    ]


def test_page_editors_get_403_on_every_enquiry_url(page_editor_client, make_enquiry):
    enquiry = make_enquiry()
    assert page_editor_client.get("/admin/").status_code == 200  # they can use the admin

    for url in enquiry_urls(enquiry):
        response = page_editor_client.get(url)
        assert response.status_code == 403, url
        assert "Avery" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize("group_name", [EDITORS, MEDICAL_REVIEWERS])
def test_demo_editorial_groups_get_403_on_listing_detail_and_export(
    client, demo_site, django_user_model, make_enquiry, group_name
):
    user = user_in_group(django_user_model, "demo-staff", Group.objects.get(name=group_name))
    client.force_login(user)
    enquiry = make_enquiry()
    assert client.get("/admin/").status_code == 200  # the demo gives them the admin

    for url in enquiry_urls(enquiry):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Avery" not in response.content.decode(errors="ignore")


def test_page_editors_cannot_change_or_erase_by_posting(page_editor_client, make_enquiry):
    enquiry = make_enquiry()

    responses = [
        page_editor_client.post(edit_url(enquiry), {"status": "closed"}),
        page_editor_client.post(f"/admin/enquiries/note/{enquiry.pk}/", {"text": "hello"}),
        page_editor_client.post(f"/admin/enquiries/delete/{enquiry.pk}/"),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    enquiry.refresh_from_db()
    assert enquiry.status == "new"
    assert not EnquiryNote.objects.exists()


def test_intake_staff_can_open_every_enquiry_url(intake_client, make_enquiry):
    enquiry = make_enquiry()

    for url in enquiry_urls(enquiry):
        # The edit address leads to the status form on the enquiry page.
        expected = 302 if url == edit_url(enquiry) else 200
        assert intake_client.get(url).status_code == expected, url


def test_anonymous_visitors_are_sent_to_the_login(client, make_enquiry):
    response = client.get(inspect_url(make_enquiry()))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_nobody_adds_or_copies_enquiries_in_the_admin(admin_client, make_enquiry):
    enquiry = make_enquiry()

    assert admin_client.get("/admin/enquiries/add/").status_code == 403
    assert admin_client.get(f"/admin/enquiries/copy/{enquiry.pk}/").status_code == 404
    assert "/admin/enquiries/add/" not in admin_client.get(LIST_URL).content.decode()


def test_add_permission_is_not_offered_to_groups(db):
    codenames = set(
        EnquiryViewSet().get_permissions_to_register().values_list("codename", flat=True)
    )

    assert codenames == {"view_enquiry", "change_enquiry", "delete_enquiry"}


def test_menu_shows_a_badge_of_new_enquiries_highlighting_urgent(intake_client, make_enquiry):
    make_enquiry()
    make_enquiry(urgent=True)
    make_enquiry(status="contacted", urgent=True)

    html = intake_client.get("/admin/").content.decode()

    assert '"data-intake-badge": "2"' in html
    assert '"aria-label": "Enquiries: 2 new, 1 urgent"' in html
    assert "intake-menu-item--urgent" in html


def test_menu_item_is_hidden_from_page_editors(page_editor_client, make_enquiry):
    make_enquiry()

    html = page_editor_client.get("/admin/").content.decode()

    assert "/admin/enquiries/" not in html


def test_dashboard_panel_counts_and_lists_the_newest_five(intake_client, make_enquiry):
    for days in range(6):
        make_enquiry(received_at=timezone.now() - timedelta(days=days))
    make_enquiry(urgent=True)
    make_enquiry(status="spam", name=SCRIPT)

    response = intake_client.get("/admin/")

    html = response.content.decode()
    panel = html[html.index('id="intake-enquiries-content"') :]
    panel = panel[: panel.index("</table>")]
    assert "<strong>7</strong> new" in panel
    assert "<strong>1</strong> urgent" in panel
    assert panel.count("/admin/enquiries/inspect/") == 5
    assert SCRIPT not in html


def test_dashboard_panel_is_hidden_from_page_editors(page_editor_client, make_enquiry):
    make_enquiry()

    assert 'id="intake-enquiries-content"' not in page_editor_client.get("/admin/").content.decode()


# --- Listing: filters, search, sorting, pagination ----------------------------------------


def test_listing_is_a_call_list(intake_client, make_enquiry, intake_user):
    make_enquiry(
        name="Rowan Okafor",
        phone="+15035550199",
        contact_method="phone",
        best_time="morning",
        assigned_to=intake_user,
        urgent=True,
    )

    response = intake_client.get(LIST_URL)
    text = visible_text(response)

    for heading in ("Name", "Urgent", "Received", "Contact", "Best time", "Topic"):
        assert heading in text
    assert "Assigned to" in text and "Status" in text
    assert "Rowan Okafor" in text and "(503) 555-0199" in text
    assert 'href="tel:+15035550199"' in response.content.decode()
    assert "Depression or anxiety" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "contacted"}, {"Contacted Person"}),
        ({"status": ["contacted", "spam"]}, {"Contacted Person", "Spam Person"}),
        ({"topic": "ptsd"}, {"Urgent Person"}),
        ({"urgent": "true"}, {"Urgent Person"}),
        ({"undelivered": "true"}, {"Undelivered Person"}),
        (
            {"assigned_to": "none"},
            {"New Person", "Urgent Person", "Undelivered Person"},  # open ones by default
        ),
    ],
)
def test_listing_filters(intake_client, make_enquiry, intake_user, query, expected):
    make_enquiry(name="New Person")
    make_enquiry(name="Contacted Person", status="contacted", assigned_to=intake_user)
    make_enquiry(name="Urgent Person", urgent=True, topic="ptsd")
    make_enquiry(name="Spam Person", status="spam")
    make_enquiry(name="Undelivered Person", notification_status="failed")

    response = intake_client.get(LIST_URL, query)

    assert listed_names(response) == expected


def test_listing_filters_by_assignee(intake_client, make_enquiry, intake_user):
    make_enquiry(name="Mine", assigned_to=intake_user)
    make_enquiry(name="Nobody's")

    response = intake_client.get(LIST_URL, {"assigned_to": intake_user.pk})

    assert listed_names(response) == {"Mine"}


@pytest.mark.backend_specific  # dates in the clinic's time zone, by the database
def test_listing_filters_by_received_date_range(intake_client, make_enquiry):
    now = timezone.now()
    make_enquiry(name="Old", received_at=now - timedelta(days=40))
    make_enquiry(name="Recent", received_at=now - timedelta(days=2))
    start = (now - timedelta(days=7)).date().isoformat()
    end = now.date().isoformat()

    response = intake_client.get(LIST_URL, {"received_at_from": start, "received_at_to": end})

    assert listed_names(response) == {"Recent"}


@pytest.mark.backend_specific  # case-insensitive matching differs by database
@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("lindqvist", {"Avery Lindqvist"}),
        ("juniper@", {"Juniper Hale"}),
        ("(503) 555-0199", {"Juniper Hale"}),  # stored as E.164, found by its digits
        ("5035550199", {"Juniper Hale"}),
        ("555-0100", set()),
        ("migraines", {"Juniper Hale"}),
    ],
)
def test_listing_search(intake_client, make_enquiry, term, expected):
    make_enquiry()
    make_enquiry(
        name="Juniper Hale",
        email="juniper@example.com",
        phone="+15035550199",
        message="Weekly migraines since spring.",
    )

    response = intake_client.get(LIST_URL, {"q": term})

    assert response.status_code == 200
    assert listed_names(response) == expected


def test_listing_sorts_by_name(intake_client, make_enquiry):
    for name in ("Carla", "Abel", "Bea"):
        make_enquiry(name=name)

    response = intake_client.get(LIST_URL, {"ordering": "name"})

    assert [e.name for e in response.context["object_list"]] == ["Abel", "Bea", "Carla"]


def test_listing_is_longest_waiting_first_and_paginated(intake_client, make_enquiry):
    now = timezone.now()
    for index in range(55):
        make_enquiry(name=f"Person {index}", received_at=now - timedelta(minutes=index))

    first = intake_client.get(LIST_URL)
    second = intake_client.get(LIST_URL, {"p": 2})

    assert len(first.context["object_list"]) == 50
    assert first.context["object_list"][0].name == "Person 54"
    assert len(second.context["object_list"]) == 5


def test_listing_counts_matches_only_up_to_a_cap(intake_client, make_enquiry, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_cap", 3)
    for index in range(5):
        make_enquiry(name=f"Person {index}")

    listing = intake_client.get(LIST_URL)
    narrowed = intake_client.get(LIST_URL, {"q": "Person 4"})

    assert "3+ enquiries" in listing.text
    assert listing.context["paginator"].count == 3
    assert narrowed.context["paginator"].count == 1
    assert "1 enquiry" in narrowed.text


def test_listing_query_count_does_not_grow_with_its_length(
    intake_client, make_enquiry, intake_user
):
    about = StandardPage.objects.get(slug="about")

    def queries_for_listing():
        intake_client.get(LIST_URL)  # warm per-request caches of the user's permissions
        with CaptureQueriesContext(connection) as queries:
            intake_client.get(LIST_URL)
        return len(queries)

    for _ in range(5):
        make_enquiry(assigned_to=intake_user, source_page=about)
    short = queries_for_listing()
    for _ in range(20):
        make_enquiry(assigned_to=intake_user, source_page=about)

    assert queries_for_listing() == short


# --- Export -------------------------------------------------------------------------------


def test_csv_export_neutralises_formulas(intake_client, make_enquiry):
    make_enquiry(name=FORMULA, email="a@example.com")

    response = intake_client.get(LIST_URL, {"export": "csv"})

    (row,) = csv_rows(response)
    assert row["Full name"] == "'" + FORMULA
    assert row["Email"] == "a@example.com"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # A number from abroad keeps the quote: it is what makes a spreadsheet keep it text.
        ("+44 20 7946 0958", "'+44 20 7946 0958"),
        (E164_PHONE, "'" + E164_PHONE),
        ("(503) 555-0199", "(503) 555-0199"),
        ("+15035550199+cmd|' /C calc'!A0", "'+15035550199+cmd|' /C calc'!A0"),
        (FORMULA, "'" + FORMULA),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Plain text", "Plain text"),
        (42, 42),
    ],
)
def test_neutralise_formula_quotes_every_cell_a_spreadsheet_would_run(value, expected):
    assert neutralise_formula(value) == expected


def test_xlsx_export_stores_formulas_as_text(intake_client, make_enquiry):
    make_enquiry(name=FORMULA)

    response = intake_client.get(LIST_URL, {"export": "xlsx"})

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    headings = [cell.value for cell in sheet[1]]
    name_cell = sheet[2][headings.index("Full name")]
    assert name_cell.value == FORMULA
    assert name_cell.data_type == "s"


def test_export_follows_the_listing_filters(intake_client, make_enquiry):
    make_enquiry(name="Kept", status="new")
    make_enquiry(name="Filtered out", status="closed")

    rows = csv_rows(intake_client.get(LIST_URL, {"export": "csv", "status": "new"}))

    assert [row["Full name"] for row in rows] == ["Kept"]


def test_export_is_a_call_list_without_the_message(intake_client, make_enquiry):
    make_enquiry(message="A private message")

    (row,) = csv_rows(intake_client.get(LIST_URL, {"export": "csv"}))

    assert "A private message" not in row.values()
    assert row["Topic"] == "Depression or anxiety"


def test_export_is_recorded_in_each_exported_enquirys_history(intake_client, make_enquiry):
    exported = make_enquiry(status="new")
    not_exported = make_enquiry(status="closed")

    csv_rows(intake_client.get(LIST_URL, {"export": "csv", "status": "new"}))

    (entry,) = logs_for(exported.pk, "intake.export")
    assert entry.user.username == "intake"
    assert entry.data == {"format": "csv"}
    assert not logs_for(not_exported.pk, "intake.export").exists()


def test_export_needs_the_view_permission(client, make_enquiry, django_user_model):
    user = django_user_model.objects.create_user("deleter", password="a-long-test-password")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="delete_enquiry"),
    )
    sign_in_verified(client, user)
    make_enquiry()

    assert client.get(LIST_URL).status_code == 200
    assert client.get(LIST_URL, {"export": "csv"}).status_code == 403


# --- Escaping -----------------------------------------------------------------------------


def test_script_payloads_are_escaped_everywhere_in_the_admin(intake_client, make_enquiry):
    enquiry = make_enquiry(name=SCRIPT, email="x@example.com", message=SCRIPT)
    EnquiryNote.objects.create(enquiry=enquiry, text=SCRIPT)

    for url in (LIST_URL, inspect_url(enquiry), edit_url(enquiry)):
        html = intake_client.get(url).content.decode()
        assert SCRIPT not in html, url
    inspect_html = intake_client.get(inspect_url(enquiry)).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in inspect_html


def test_script_payloads_in_valid_fields_are_escaped_in_the_admin(
    intake_client, submit, form_data, intake_user
):
    # Sent through the form, so each value is one the form accepts.
    submit({**form_data, "name": SCRIPT, "email": SCRIPT_EMAIL, "message": SCRIPT})
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email) == (SCRIPT, SCRIPT_EMAIL)
    about = StandardPage.objects.get(slug="about")
    about.title = SCRIPT  # editors choose page titles, shown as the source article
    about.save_revision().publish()
    Enquiry.objects.filter(pk=enquiry.pk).update(source_page=about)
    intake_user.first_name = SCRIPT  # and staff names, shown in the assignment history
    intake_user.save()
    intake_client.post(edit_url(enquiry), {"status": "in_progress", "assigned_to": intake_user.pk})
    history_url = f"/admin/enquiries/history/{enquiry.pk}/"

    pages = [
        (LIST_URL, {}, ESCAPED_SCRIPT),
        (LIST_URL, {"q": SCRIPT}, ESCAPED_SCRIPT),  # echoed in the search box too
        (inspect_url(enquiry), {}, f'href="mailto:&quot;{ESCAPED_SCRIPT}&quot;@example.com"'),
        (history_url, {}, f"Assigned to {ESCAPED_SCRIPT}"),
        (REPORT_URL, {}, ESCAPED_SCRIPT),
    ]
    for url, query, escaped in pages:
        response = intake_client.get(url, query)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SCRIPT not in html, url
        assert escaped in html, url


# --- Detail, notes, edit, audit -----------------------------------------------------------


def test_detail_view_shows_everything_including_notes(intake_client, make_enquiry, intake_user):
    about = StandardPage.objects.get(slug="about")
    enquiry = make_enquiry(
        phone="+15035550199",
        message="Line one\nLine two",
        source_page=about,
        urgent=True,
        notification_status="failed",
        notification_error="ConnectionRefusedError: Connection refused",
    )
    EnquiryNote.objects.create(enquiry=enquiry, author=intake_user, text="Left a voicemail.")

    html = intake_client.get(inspect_url(enquiry)).content.decode()

    assert "Line one<br>Line two" in html
    assert 'href="mailto:avery@example.com"' in html
    assert 'href="tel:+15035550199"' in html
    assert "About us" in html
    assert "intake-urgent-banner" in html
    assert "ConnectionRefusedError: Connection refused" in html
    assert "Left a voicemail." in html


def test_detail_view_shows_when_consent_was_given(intake_client, make_enquiry):
    given = make_enquiry(consented_at=timezone.now())
    older = make_enquiry(consented_at=None)

    given_html = intake_client.get(inspect_url(given)).content.decode()
    older_html = intake_client.get(inspect_url(older)).content.decode()

    given_text = visible_text(intake_client.get(inspect_url(given)))
    assert "Consent given just now (" in given_text
    assert "Consent given" in given_html
    assert "Not recorded (received before consent was stored)" in older_html


def test_viewing_the_detail_is_recorded(intake_client, make_enquiry):
    enquiry = make_enquiry()

    intake_client.get(inspect_url(enquiry))

    (entry,) = logs_for(enquiry.pk, "intake.view")
    assert entry.user.username == "intake"
    assert entry.label == f"Enquiry #{enquiry.pk}"


def test_adding_a_note_is_recorded_without_its_text(intake_client, make_enquiry):
    enquiry = make_enquiry()

    response = intake_client.post(
        f"/admin/enquiries/note/{enquiry.pk}/", {"text": "Called back, no answer."}
    )

    assert response.status_code == 302
    note = enquiry.notes.get()
    assert note.text == "Called back, no answer."
    assert note.author.username == "intake"
    (entry,) = logs_for(enquiry.pk, "intake.note")
    assert entry.data == {"note_id": note.pk}
    assert "Called back" not in str(entry.data) + entry.label


def test_an_empty_note_is_refused(intake_client, make_enquiry):
    enquiry = make_enquiry()

    intake_client.post(f"/admin/enquiries/note/{enquiry.pk}/", {"text": "  "})

    assert not enquiry.notes.exists()


def test_changing_status_and_assignee_is_recorded(intake_client, make_enquiry, intake_user):
    enquiry = make_enquiry()

    response = intake_client.post(
        edit_url(enquiry), {"status": "contacted", "assigned_to": intake_user.pk}
    )

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == "contacted"
    assert enquiry.assigned_to == intake_user
    (status_entry,) = logs_for(enquiry.pk, "intake.status")
    assert status_entry.data == {"from": "new", "to": "contacted"}
    assert status_entry.user == intake_user
    (assign_entry,) = logs_for(enquiry.pk, "intake.assign")
    assert assign_entry.data == {"from": "", "to": "intake"}
    assert not logs_for(enquiry.pk, "wagtail.edit").exists()


def test_changing_status_restarts_the_retention_clock(intake_client, make_enquiry):
    enquiry = make_enquiry(status_changed_at=timezone.now() - timedelta(days=400))

    intake_client.post(edit_url(enquiry), {"status": "closed", "assigned_to": ""})

    enquiry.refresh_from_db()
    assert enquiry.status_changed_at > timezone.now() - timedelta(minutes=1)


def test_the_assignee_choice_offers_only_intake_staff(
    intake_client, make_enquiry, page_editor, intake_user
):
    response = intake_client.get(inspect_url(make_enquiry()))

    choices = response.context["triage_form"].fields["assigned_to"].queryset
    assert intake_user in choices
    assert page_editor not in choices


def test_history_shows_the_audit_trail(intake_client, make_enquiry, intake_user):
    enquiry = make_enquiry()
    intake_client.get(inspect_url(enquiry))
    intake_client.post(edit_url(enquiry), {"status": "in_progress", "assigned_to": ""})

    html = intake_client.get(f"/admin/enquiries/history/{enquiry.pk}/").content.decode()

    assert "Viewed" in html
    assert "Status changed from New to In progress" in html


# --- Erasure ------------------------------------------------------------------------------


def test_erasing_keeps_only_who_erased_it_and_when(intake_client, make_enquiry):
    enquiry = make_enquiry(name="Erase Me", message="Very private")
    EnquiryNote.objects.create(enquiry=enquiry, text="A private note")
    intake_client.get(inspect_url(enquiry))

    response = intake_client.post(f"/admin/enquiries/delete/{enquiry.pk}/")

    assert response.status_code == 302
    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert not EnquiryNote.objects.exists()
    (entry,) = logs_for(enquiry.pk, "intake.erase")
    assert entry.user.username == "intake"
    assert entry.timestamp is not None
    for remaining in logs_for(enquiry.pk):
        recorded = f"{remaining.label} {remaining.data}"
        assert "Erase Me" not in recorded
        assert "Very private" not in recorded
        assert "private note" not in recorded


def test_erasure_shows_in_the_site_history_report(admin_client, make_enquiry):
    enquiry = make_enquiry()
    admin_client.post(f"/admin/enquiries/delete/{enquiry.pk}/")

    html = admin_client.get("/admin/reports/site-history/").content.decode()

    assert f"Enquiry #{enquiry.pk}" in html
    assert "Erased on request" in html


def test_erasing_needs_the_delete_permission(client, make_enquiry, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="a-long-test-password")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_enquiry"),
    )
    sign_in_verified(client, user)
    enquiry = make_enquiry()

    assert client.post(f"/admin/enquiries/delete/{enquiry.pk}/").status_code == 403
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()


# --- Bulk actions -------------------------------------------------------------------------


def bulk_post(client, action, enquiries):
    ids = "&".join(f"id={e.pk}" for e in enquiries)
    return client.post(f"/admin/bulk/intake/enquiry/{action}/?next={LIST_URL}&{ids}")


def test_bulk_assign_to_me(intake_client, make_enquiry, intake_user):
    enquiries = [make_enquiry(), make_enquiry()]

    response = bulk_post(intake_client, "assign_to_me", enquiries)

    assert response.status_code == 302
    assert set(Enquiry.objects.values_list("assigned_to", flat=True)) == {intake_user.pk}
    assert all(logs_for(e.pk, "intake.assign").exists() for e in enquiries)


@pytest.mark.parametrize(
    ("action", "status"), [("mark_contacted", "contacted"), ("mark_spam", "spam")]
)
def test_bulk_status_changes(intake_client, make_enquiry, action, status):
    enquiries = [make_enquiry(), make_enquiry()]

    bulk_post(intake_client, action, enquiries)

    assert set(Enquiry.objects.values_list("status", flat=True)) == {status}
    for enquiry in enquiries:
        (entry,) = logs_for(enquiry.pk, "intake.status")
        assert entry.data == {"from": "new", "to": status}


def test_bulk_erase_records_each_erasure(intake_client, make_enquiry):
    enquiries = [make_enquiry(), make_enquiry()]

    bulk_post(intake_client, "delete", enquiries)

    assert not Enquiry.objects.exists()
    assert all(logs_for(e.pk, "intake.erase").exists() for e in enquiries)


def test_bulk_action_buttons_are_offered_on_the_listing(intake_client, make_enquiry):
    make_enquiry()

    html = intake_client.get(LIST_URL).content.decode()

    for label in ("Assign to me", "Mark contacted", "Mark spam"):
        assert label in html


# --- Report -------------------------------------------------------------------------------


def test_report_counts_enquiries_by_source_article(intake_client, make_enquiry):
    about = StandardPage.objects.get(slug="about")
    now = timezone.now()
    make_enquiry(source_page=about, urgent=True)
    make_enquiry(source_page=about)
    make_enquiry(source_page=about, received_at=now - timedelta(days=60))
    make_enquiry(source_page=None)
    make_enquiry(source_page=about, status="spam")

    last_30 = intake_client.get("/admin/reports/enquiries-by-source/")
    last_90 = intake_client.get("/admin/reports/enquiries-by-source/", {"period": "90"})

    rows_30 = {
        row["source"]: (row["enquiries"], row["urgent"]) for row in last_30.context["object_list"]
    }
    rows_90 = {row["source"]: row["enquiries"] for row in last_90.context["object_list"]}
    assert rows_30["About us"] == (2, 1)
    assert rows_90["About us"] == 3
    assert rows_30["No article (came to the contact page directly)"] == (1, 0)


def test_report_page_shows_each_source_article(intake_client, make_enquiry):
    make_enquiry(source_page=StandardPage.objects.get(slug="about"))
    make_enquiry(source_page=None)

    html = intake_client.get(REPORT_URL).content.decode()

    assert re.search(r"<td[^>]*>\s*About us\s*</td>", html)
    assert "No article (came to the contact page directly)" in html


def test_report_exports_csv(intake_client, make_enquiry):
    make_enquiry(source_page=StandardPage.objects.get(slug="about"))

    rows = csv_rows(intake_client.get("/admin/reports/enquiries-by-source/", {"export": "csv"}))

    assert rows == [{"Source article": "About us", "Enquiries": "1", "Urgent": "0"}]


def test_report_csv_neutralises_formulas_in_article_titles(intake_client, make_enquiry):
    about = StandardPage.objects.get(slug="about")
    about.title = FORMULA  # page titles are editor-controlled
    about.save_revision().publish()
    make_enquiry(source_page=about)

    rows = csv_rows(intake_client.get(REPORT_URL, {"export": "csv"}))

    assert rows == [{"Source article": "'" + FORMULA, "Enquiries": "1", "Urgent": "0"}]


def test_report_is_in_the_reports_menu_for_intake_staff_only(intake_user, page_editor):
    intake_client, page_editor_client = Client(), Client()
    sign_in_verified(intake_client, intake_user)
    page_editor_client.force_login(page_editor)

    intake_html = intake_client.get("/admin/").content.decode()
    editor_html = page_editor_client.get("/admin/").content.decode()

    assert "Enquiries by source article" in intake_html
    assert "Enquiries by source article" not in editor_html


def test_the_enquiry_page_offers_status_history_and_erase(intake_client, make_enquiry):
    enquiry = make_enquiry()

    response = intake_client.get(inspect_url(enquiry))
    html = response.content.decode()

    assert f'action="{LIST_URL}triage/{enquiry.pk}/"' in html
    assert f'href="/admin/enquiries/history/{enquiry.pk}/"' in html
    assert f'href="/admin/enquiries/delete/{enquiry.pk}/"' in html
    assert "Erase this enquiry Deletes the message and its notes for good" in visible_text(response)


def test_the_edit_address_leads_to_the_status_form_on_the_enquiry_page(intake_client, make_enquiry):
    enquiry = make_enquiry()

    response = intake_client.get(edit_url(enquiry))

    assert response.status_code == 302
    assert response["Location"] == f"{inspect_url(enquiry)}#status-and-assignee"


# --- Exports read as the admin does -----------------------------------------------------------

AT_0942_UTC = timezone.datetime(2026, 12, 1, 9, 42, 29, 267812, tzinfo=UTC)


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_clinic_time_zone_is_the_demo_clinics_by_default(settings):
    assert settings.TIME_ZONE == "America/Los_Angeles"


@pytest.mark.parametrize("rows_of", [csv_rows, xlsx_rows])
def test_exports_show_the_clinics_time_yes_no_and_status_names(
    intake_client, make_enquiry, rows_of
):
    make_enquiry(received_at=AT_0942_UTC, urgent=True, status="in_progress")
    make_enquiry(received_at=AT_0942_UTC - timedelta(days=1), urgent=False, status="new")
    export = "csv" if rows_of is csv_rows else "xlsx"

    rows = rows_of(intake_client.get(LIST_URL, {"export": export, "ordering": "-received_at"}))

    received = [row["Received (America/Los_Angeles)"] for row in rows]
    if export == "csv":
        assert received == ["2026-12-01 01:42", "2026-11-30 01:42"]
    else:  # real dates, in the clinic's time
        assert received == [datetime(2026, 12, 1, 1, 42), datetime(2026, 11, 30, 1, 42)]
    assert [row["Urgent"] for row in rows] == ["Yes", "No"]
    assert [row["Status"] for row in rows] == ["In progress", "New"]


def test_the_enquiry_page_names_the_time_zone_once_and_reads_its_times_in_it(
    intake_client, intake_user, make_enquiry
):
    # Staff's own Wagtail time-zone preference does not apply to enquiries.
    profile = UserProfile.get_for_user(intake_user)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    received = timezone.now() - timedelta(minutes=10, seconds=5)
    enquiry = make_enquiry(received_at=received)
    clinic_clock = received.astimezone(ZoneInfo("America/Los_Angeles")).strftime("%H:%M")

    text = visible_text(intake_client.get(f"{LIST_URL}inspect/{enquiry.pk}/"))

    assert f"received 10 min ago ({clinic_clock})" in text
    assert text.count("America/Los_Angeles") == 1


# --- Names on staff screens, numbers in the audit log -------------------------------------------


def test_the_enquiry_page_is_titled_with_the_persons_name_and_number(intake_client, make_enquiry):
    enquiry = make_enquiry(name="Rowan Okafor")

    html = intake_client.get(inspect_url(enquiry)).content.decode()

    assert f"Rowan Okafor (#{enquiry.pk})" in html


def test_saving_names_the_person_and_the_log_keeps_only_the_number(intake_client, make_enquiry):
    enquiry = make_enquiry(name="Rowan Okafor", status="new")

    response = intake_client.post(
        f"{LIST_URL}edit/{enquiry.pk}/", {"status": "in_progress", "assigned_to": ""}, follow=True
    )

    html = response.content.decode()
    assert f"Rowan Okafor (#{enquiry.pk})" in html
    assert "Enquiry &#x27;" not in html and "Enquiry '" not in html
    labels = set(logs_for(enquiry.pk).values_list("label", flat=True))
    assert labels == {f"Enquiry #{enquiry.pk}"}


def test_no_log_entry_about_an_enquiry_carries_the_persons_name(
    intake_client, admin_client, make_enquiry
):
    enquiry = make_enquiry(name="Rowan Okafor")
    intake_client.get(inspect_url(enquiry))
    intake_client.post(f"{LIST_URL}note/{enquiry.pk}/", {"text": "Called, no answer."})
    intake_client.get(LIST_URL, {"export": "csv"})
    admin_client.post(f"{LIST_URL}delete/{enquiry.pk}/")

    # (The demo's clinicians, Rowan Pryce among them, have log entries of their own.)
    labels = ModelLogEntry.objects.exclude(content_type__app_label="articles").values_list(
        "label", flat=True
    )
    assert labels
    assert not any("Rowan" in label or "Okafor" in label for label in labels)


class VisibleText(HTMLParser):
    """The text a person sees on a page, and its title: no markup, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "template")
        if (label := dict(attrs).get("aria-label")) is not None:
            self.parts.append(label)

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(response):
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def test_no_screen_of_the_enquiry_admin_says_snippet(admin_client, make_enquiry):
    first, second = make_enquiry(name="Rowan Okafor"), make_enquiry(name="Ivy Marsh")
    ids = f"id={first.pk}&id={second.pk}"
    bulk = "/admin/bulk/intake/enquiry"
    screens = [
        LIST_URL,
        inspect_url(first),
        f"{LIST_URL}edit/{first.pk}/",
        f"{LIST_URL}delete/{first.pk}/",
        f"{LIST_URL}history/{first.pk}/",
        *(f"{bulk}/{action}/?{ids}" for action in ("assign_to_me", "mark_contacted", "delete")),
    ]
    for url in screens:
        text = visible_text(admin_client.get(url))
        assert "snippet" not in text.lower(), url
        assert "Enquiry '" not in text, url


def test_bulk_confirmations_and_messages_name_the_people(admin_client, make_enquiry):
    first, second = make_enquiry(name="Rowan Okafor"), make_enquiry(name="Ivy Marsh")
    url = f"/admin/bulk/intake/enquiry/delete/?id={first.pk}&id={second.pk}&next={LIST_URL}"

    confirmation = visible_text(admin_client.get(url))
    done = visible_text(admin_client.post(url, follow=True))

    assert f"Rowan Okafor (#{first.pk})" in confirmation
    assert f"Ivy Marsh (#{second.pk})" in confirmation
    assert "Erased the enquiries from" in done
    assert "Rowan Okafor" in done and "Ivy Marsh" in done
    assert not Enquiry.objects.filter(pk__in=[first.pk, second.pk]).exists()


# --- History as a story -----------------------------------------------------------------------


def test_repeated_views_by_one_person_read_as_one_line_and_the_log_keeps_them_all(
    intake_client, intake_user, make_enquiry
):
    intake_user.first_name = "Ivy"
    intake_user.save()
    enquiry = make_enquiry()
    for _ in range(5):
        intake_client.get(inspect_url(enquiry))
    intake_client.post(f"{LIST_URL}note/{enquiry.pk}/", {"text": "Left a voicemail."})

    page = visible_text(intake_client.get(inspect_url(enquiry)))
    full_log = visible_text(intake_client.get(f"{LIST_URL}history/{enquiry.pk}/"))

    story = page[page.index("History") :]
    assert "Viewed 5 times by Ivy" in story
    assert story.index("Note added by Ivy") < story.index("Viewed 5 times by Ivy")  # newest first
    assert "Viewed by Ivy" in story  # the view after the note starts a line of its own
    assert len(logs_for(enquiry.pk, "intake.view")) == 6
    assert "entries in the audit log" in full_log
    assert "model log entries" not in full_log


# --- The call list: open first, urgent first, oldest first, overdue marked ----------------------


def names_in_order(response):
    return [enquiry.name for enquiry in response.context["object_list"]]


def test_the_listing_opens_on_open_enquiries_urgent_first_then_oldest(intake_client, make_enquiry):
    now = timezone.now()
    make_enquiry(name="Old New", status="new", received_at=now - timedelta(days=3))
    make_enquiry(name="Young Urgent", status="new", urgent=True, received_at=now)
    make_enquiry(name="Mid Progress", status="in_progress", received_at=now - timedelta(days=1))
    make_enquiry(name="Done Closed", status="closed", received_at=now - timedelta(days=9))
    make_enquiry(name="Junk Spam", status="spam", received_at=now - timedelta(days=2))

    response = intake_client.get(LIST_URL)

    assert names_in_order(response) == ["Young Urgent", "Old New", "Mid Progress"]
    everything = listed_names(intake_client.get(LIST_URL, {"show": "all"}))
    assert set(everything) == {
        "Young Urgent",
        "Old New",
        "Mid Progress",
        "Done Closed",
        "Junk Spam",
    }
    # A chosen status or a search looks beyond the open ones.
    assert names_in_order(intake_client.get(LIST_URL, {"status": "closed"})) == ["Done Closed"]
    assert names_in_order(intake_client.get(LIST_URL, {"q": "Junk"})) == ["Junk Spam"]


@pytest.mark.backend_specific  # date arithmetic in the database
def test_open_enquiries_past_the_promised_reply_are_marked_and_filtered_overdue(
    intake_client, make_enquiry, clinic_settings
):
    clinic_settings.reply_within_working_days = 2
    clinic_settings.save()
    now = timezone.now()
    make_enquiry(name="Waited Long", status="new", received_at=now - timedelta(days=10))
    make_enquiry(name="Just In", status="new", received_at=now - timedelta(minutes=5))
    make_enquiry(name="Long Closed", status="closed", received_at=now - timedelta(days=10))

    text = visible_text(intake_client.get(LIST_URL))
    overdue = names_in_order(intake_client.get(LIST_URL, {"overdue": "true", "show": "all"}))

    assert re.search(r"10 days ago \([A-Z][a-z]{2} \d+, \d\d:\d\d\) Overdue", text)
    assert "5 min ago (" in text and "Overdue" not in text.split("5 min ago (", 1)[1][:20]
    assert overdue == ["Waited Long"]


def test_the_dashboard_says_how_many_are_overdue_and_how_long_the_oldest_has_waited(
    intake_client, make_enquiry
):
    now = timezone.now()
    make_enquiry(status="new", received_at=now - timedelta(days=6))
    make_enquiry(status="in_progress", received_at=now - timedelta(days=8))
    make_enquiry(status="new", received_at=now - timedelta(minutes=30))
    make_enquiry(status="closed", received_at=now - timedelta(days=30))

    text = visible_text(intake_client.get("/admin/"))

    assert "2 overdue" in text
    assert "the oldest open enquiry has waited 8 days" in text


def test_the_listing_fits_a_phone_by_letting_secondary_columns_give_way(
    intake_client, make_enquiry
):
    make_enquiry()
    html = intake_client.get(LIST_URL).content.decode()

    secondary = re.findall(r'<t[hd][^>]*class="[^"]*intake-secondary', html)
    assert len(secondary) >= 6  # best time, topic and assignee: headings and cells
    css = (settings_module.BASE_DIR / "intake/static/intake/admin.css").read_text()
    assert ".listing .intake-secondary { display: none; }" in css


def test_the_enquiry_page_links_the_phone_for_calls_and_texts_and_the_source_article(
    intake_client, make_enquiry
):
    about = StandardPage.objects.get(slug="about")
    enquiry = make_enquiry(phone="+15035550199", source_page=about)

    html = intake_client.get(inspect_url(enquiry)).content.decode()

    assert 'href="tel:+15035550199"' in html
    assert 'href="sms:+15035550199"' in html
    assert f'href="{about.url}">About us</a>' in html


# --- The enquiry page is the workspace --------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "label", "status"),
    [
        ("spoke", "Called – spoke", "contacted"),
        ("voicemail", "Left voicemail", "in_progress"),
        ("no_answer", "No answer", "in_progress"),
        ("emailed", "Emailed", "contacted"),
    ],
)
def test_one_click_records_the_outcome_as_a_note_and_moves_the_status(
    intake_client, intake_user, make_enquiry, outcome, label, status
):
    enquiry = make_enquiry(name="Rowan Okafor", status="new")

    response = intake_client.post(
        f"{LIST_URL}outcome/{enquiry.pk}/", {"outcome": outcome, "text": "Booked a call back"}
    )

    assert response["Location"] == inspect_url(enquiry)
    enquiry.refresh_from_db()
    assert enquiry.status == status
    assert enquiry.assigned_to == intake_user  # whoever reached out takes it
    (note,) = enquiry.notes.all()
    assert note.text == f"{label}: Booked a call back"
    assert note.author == intake_user
    assert logs_for(enquiry.pk, "intake.note") and logs_for(enquiry.pk, "intake.status")


def test_an_outcome_on_a_finished_enquiry_keeps_its_status_and_assignee(
    intake_client, make_enquiry, django_user_model
):
    colleague = django_user_model.objects.create_user("colleague")
    enquiry = make_enquiry(status="booked", assigned_to=colleague)

    intake_client.post(f"{LIST_URL}outcome/{enquiry.pk}/", {"outcome": "no_answer"})

    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.assigned_to) == ("booked", colleague)
    assert [note.text for note in enquiry.notes.all()] == ["No answer"]


def test_an_unknown_outcome_is_refused_with_a_message_and_changes_nothing(
    intake_client, make_enquiry
):
    enquiry = make_enquiry(status="new")

    response = intake_client.post(
        f"{LIST_URL}outcome/{enquiry.pk}/", {"outcome": "teleported"}, follow=True
    )

    assert "Choose what happened." in visible_text(response)
    enquiry.refresh_from_db()
    assert enquiry.status == "new" and not enquiry.notes.exists()


def test_status_and_assignee_change_on_the_enquiry_page_and_assign_to_me(
    intake_client, intake_user, make_enquiry
):
    enquiry = make_enquiry(status="new")
    page = intake_client.get(inspect_url(enquiry)).content.decode()
    assert f'action="{LIST_URL}triage/{enquiry.pk}/"' in page
    assert f'action="{LIST_URL}outcome/{enquiry.pk}/"' in page

    intake_client.post(
        f"{LIST_URL}triage/{enquiry.pk}/",
        {"status": "in_progress", "assigned_to": "", "assign_to_me": "1"},
    )

    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.assigned_to) == ("in_progress", intake_user)
    assert logs_for(enquiry.pk, "intake.status") and logs_for(enquiry.pk, "intake.assign")


def test_viewers_without_change_permission_get_403_on_the_workspace_forms(
    client, make_enquiry, django_user_model
):
    viewer = django_user_model.objects.create_user("viewer", password="a-long-test-password")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_enquiry"),
    )
    sign_in_verified(client, viewer)
    enquiry = make_enquiry(status="new")

    for path, data in (("outcome", {"outcome": "spoke"}), ("triage", {"status": "closed"})):
        assert client.post(f"{LIST_URL}{path}/{enquiry.pk}/", data).status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.status == "new"


@pytest.mark.backend_specific  # Lower() and its index
def test_the_same_persons_other_enquiries_are_linked_by_phone_or_email_in_any_case(
    intake_client, make_enquiry
):
    enquiry = make_enquiry(name="Rowan Okafor", email="Rowan@Example.com", phone="+15035550199")
    by_email = make_enquiry(name="R. Okafor", email="rowan@example.COM")
    by_phone = make_enquiry(name="Rowan O", email="other@example.com", phone="+15035550199")
    make_enquiry(name="Someone Else", email="else@example.com", phone="+15035550100")

    html = intake_client.get(inspect_url(enquiry)).content.decode()
    others = set(Enquiry.objects.same_person_as(enquiry))

    assert others == {by_email, by_phone}
    assert f'href="{inspect_url(by_email)}"' in html and f'href="{inspect_url(by_phone)}"' in html
    assert "Someone Else" not in html


@pytest.mark.backend_specific  # query plans, PostgreSQL only
def test_the_same_person_lookup_uses_the_indexes(make_enquiry):
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")
    enquiry = make_enquiry(email="rowan@example.com", phone="+15035550199")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = Enquiry.objects.same_person_as(enquiry).explain()
        cursor.execute("SET enable_seqscan = on")

    assert "enquiry_email_lower" in plan and "enquiry_phone" in plan
