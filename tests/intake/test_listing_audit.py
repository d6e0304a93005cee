"""Looking at the enquiry listing is recorded in the audit log: one entry per request of the
list (who, when, the search words and the filters), readable in Reports → Site history."""

from django.test import Client
from wagtail.models import ModelLogEntry

from intake.actions import LOG_LIST

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
    assert entry.data["query"] == ""
    # The listing opens on the open enquiries: that is a filter staff see, so it is recorded.
    assert entry.data["filters"] == [["Show", ["Open (new and in progress)"]]]
    assert entry.message == "Listed enquiries (show: Open (new and in progress))"


def test_a_search_is_recorded_with_its_words_and_filters(intake_client, make_enquiry):
    make_enquiry(name="Jo Smith")

    intake_client.get(LIST_URL, {"q": "smith", "status": ["new", "in_progress"], "urgent": "true"})

    (entry,) = listing_entries()
    assert entry.data["query"] == "smith"
    assert entry.data["filters"] == [["Status", ["New", "In progress"]], ["Urgent", ["Yes"]]]
    assert entry.message == 'Searched enquiries for "smith" (status: New, In progress; urgent: Yes)'


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
    assert messages == [
        'Searched enquiries for "lind"',
        'Searched enquiries for "lindqvist", page 2',
    ]


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
    reviewer.force_login(admin_user)

    html = reviewer.get(SITE_HISTORY_URL, {"action": LOG_LIST}).content.decode()

    assert "Searched enquiries for &quot;smith&quot; (status: New)" in html
    assert "Dana Reyes" in html


def test_intake_staff_can_read_the_listing_history_and_page_editors_cannot(
    client, intake_user, page_editor, make_enquiry
):
    make_enquiry()
    client.force_login(intake_user)
    client.get(LIST_URL, {"q": "smith"})

    seen_by_intake = client.get(SITE_HISTORY_URL).content.decode()
    client.force_login(page_editor)
    seen_by_editor = client.get(SITE_HISTORY_URL).content.decode()

    assert "Searched enquiries for &quot;smith&quot;" in seen_by_intake
    assert "smith" not in seen_by_editor
