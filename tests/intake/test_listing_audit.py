"""Looking at the enquiry listing is recorded in the audit log: one entry per request of the
list (who, when, whether they searched, and the filters), readable in Reports → Site history.
Never the search words: they name people, and the log outlives an erased enquiry."""

import importlib
import io
from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from intake.actions import LISTING_LABEL, LISTING_OBJECT_ID, LOG_LIST
from intake.models import Enquiry
from tests.two_factor import sign_in_verified

LIST_URL = "/admin/enquiries/"
SITE_HISTORY_URL = "/admin/reports/site-history/"


def listing_entries():
    return ModelLogEntry.objects.filter(action=LOG_LIST)


def test_opening_the_list_is_recorded_once_with_who_and_when(
    intake_client, make_enquiry, intake_user
):
    for _ in range(3):
        make_enquiry()

    intake_client.get(LIST_URL)

    (entry,) = listing_entries()
    assert entry.user == intake_user
    assert entry.timestamp is not None
    assert entry.data["searched"] is False
    # The listing opens on the open enquiries: that is a filter staff see, so it is recorded.
    assert entry.data["filters"] == [["Show", ["Open (new and in progress)"]]]
    assert entry.message == "Listed enquiries (show: Open (new and in progress))"


def test_a_search_is_recorded_with_its_filters_but_never_its_words(intake_client, make_enquiry):
    make_enquiry(name="Jo Smith")

    intake_client.get(LIST_URL, {"q": "smith", "status": ["new", "in_progress"], "urgent": "true"})

    (entry,) = listing_entries()
    assert entry.data == {
        "searched": True,
        "filters": [["Status", ["New", "In progress"]], ["Urgent", ["Yes"]]],
        "page": 1,
    }
    assert entry.message == "Searched enquiries (status: New, In progress; urgent: Yes)"
    assert "smith" not in f"{entry.label} {entry.data}".lower()


def test_every_kind_of_filter_reads_as_staff_chose_it(intake_client, make_enquiry):
    make_enquiry()

    intake_client.get(
        LIST_URL,
        {
            "topic": "chronic_pain",
            "assigned_to": "none",
            "received_at_from": "2026-01-01",
            "received_at_to": "2026-01-31",
            "undelivered": "false",
        },
    )

    (entry,) = listing_entries()
    assert entry.message == (
        "Listed enquiries (topic: Chronic pain; assigned to: Nobody; "
        "received: Jan. 1, 2026 - Jan. 31, 2026; show: Open (new and in progress); "
        "staff notice undelivered: No)"
    )


def test_each_refresh_of_search_as_you_type_and_each_page_is_recorded(intake_client, make_enquiry):
    for _ in range(60):  # more than one page of 50
        make_enquiry(name="Avery Lindqvist")

    intake_client.get(f"{LIST_URL}results/", {"q": "lind"})
    intake_client.get(LIST_URL, {"q": "lindqvist", "p": "2"})

    messages = [entry.message for entry in listing_entries().order_by("pk")]
    assert messages == ["Searched enquiries", "Searched enquiries, page 2"]


def test_an_export_is_recorded_as_an_export_only(intake_client, make_enquiry):
    make_enquiry()

    response = intake_client.get(LIST_URL, {"export": "csv", "q": "avery"})
    b"".join(response.streaming_content)

    assert not listing_entries().exists()
    assert ModelLogEntry.objects.filter(action="intake.export").count() == 1


def test_a_refused_listing_is_not_recorded(page_editor_client, make_enquiry):
    make_enquiry()

    assert page_editor_client.get(LIST_URL, {"q": "avery"}).status_code == 403
    assert not listing_entries().exists()


def test_site_history_shows_who_searched_for_what(
    intake_client, intake_user, make_enquiry, admin_user
):
    intake_user.first_name, intake_user.last_name = "Dana", "Reyes"
    intake_user.save()
    make_enquiry()
    intake_client.get(LIST_URL, {"q": "smith", "status": "new"})
    reviewer = Client()
    sign_in_verified(reviewer, admin_user)

    html = reviewer.get(SITE_HISTORY_URL, {"action": LOG_LIST}).content.decode()

    assert "Searched enquiries (status: New)" in html
    assert "Dana Reyes" in html
    assert "smith" not in html


def test_intake_staff_can_read_the_listing_history_and_page_editors_cannot(
    client, intake_user, page_editor, make_enquiry
):
    make_enquiry()
    sign_in_verified(client, intake_user)
    client.get(LIST_URL, {"q": "smith"})

    seen_by_intake = client.get(SITE_HISTORY_URL).content.decode()
    client.force_login(page_editor)
    seen_by_editor = client.get(SITE_HISTORY_URL).content.decode()

    assert "Searched enquiries" in seen_by_intake
    assert "Searched enquiries" not in seen_by_editor


# --- Erasure erases the words of older entries too -------------------------------------------


def legacy_search_entry(user, query):
    """A listing entry as the site wrote them before the words were left out."""
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Enquiry),
        object_id=LISTING_OBJECT_ID,
        label=LISTING_LABEL,
        action=LOG_LIST,
        timestamp=timezone.now(),
        user=user,
        data={"query": query, "filters": [], "page": 1},
    )


NAMING_ANA = ("Ana Fixation", "ana@example.com", "fixation", "(503) 555-0147", "ANA")


def test_erasing_an_enquiry_redacts_older_searches_that_named_the_person(
    intake_client, intake_user, make_enquiry, admin_user
):
    ana = make_enquiry(name="Ana Fixation", email="ana@example.com", phone="+15035550147")
    naming = [legacy_search_entry(intake_user, query) for query in NAMING_ANA]
    other = legacy_search_entry(intake_user, "smith")

    response = intake_client.post(f"/admin/enquiries/delete/{ana.pk}/")

    assert response.status_code == 302
    for entry in naming:
        entry.refresh_from_db()
        assert entry.data == {"searched": True, "filters": [], "page": 1}
        assert entry.message == "Searched enquiries"
    other.refresh_from_db()
    assert other.data["query"] == "smith"  # someone else's search is left as it was
    reviewer = Client()
    sign_in_verified(reviewer, admin_user)
    history = reviewer.get(SITE_HISTORY_URL, {"action": LOG_LIST}).content.decode().lower()
    for words in ("fixation", "ana@example.com", "555-0147"):
        assert words not in history


def test_purging_enquiries_past_retention_redacts_searches_that_named_them(
    intake_user, make_enquiry
):
    long_ago = timezone.now() - timedelta(days=4000)
    make_enquiry(name="Ana Fixation", status="closed", status_changed_at=long_ago)
    entry = legacy_search_entry(intake_user, "Ana Fixation")

    call_command("purge_enquiries", stdout=io.StringIO())

    assert not Enquiry.objects.exists()
    entry.refresh_from_db()
    assert "query" not in entry.data and entry.data["searched"] is True


def test_the_migration_takes_the_words_out_of_every_older_search(intake_user, make_enquiry):
    searched = legacy_search_entry(intake_user, "ana@example.com")
    listed = legacy_search_entry(intake_user, "")
    migration = importlib.import_module("intake.migrations.0008_listing_searches_without_words")

    migration.redact_search_words(apps, schema_editor=None)

    searched.refresh_from_db()
    listed.refresh_from_db()
    assert searched.data == {"searched": True, "filters": [], "page": 1}
    assert listed.data == {"searched": False, "filters": [], "page": 1}
    assert (searched.message, listed.message) == ("Searched enquiries", "Listed enquiries")
