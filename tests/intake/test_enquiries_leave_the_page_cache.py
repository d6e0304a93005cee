"""Staff work on enquiries never retires the public page cache: enquiries are snippets, but
nothing a visitor sees shows them (caching/signals.py lists what does)."""

from django.test import Client

from caching import content_version


def cached_about_page():
    Client().get("/about/")
    return Client().get("/about/")["X-Page-Cache"]


def test_editing_an_enquiry_keeps_cached_pages(intake_client, make_enquiry):
    enquiry = make_enquiry()
    assert cached_about_page() == "hit"
    before = content_version.read_from_database()

    response = intake_client.post(
        f"/admin/enquiries/edit/{enquiry.pk}/", {"status": "in_progress", "assigned_to": ""}
    )

    assert response.status_code == 302
    assert content_version.read_from_database() == before
    assert Client().get("/about/")["X-Page-Cache"] == "hit"


def test_erasing_an_enquiry_keeps_cached_pages(intake_client, make_enquiry):
    enquiry = make_enquiry()
    assert cached_about_page() == "hit"
    before = content_version.read_from_database()

    response = intake_client.post(f"/admin/enquiries/delete/{enquiry.pk}/")

    assert response.status_code == 302
    assert content_version.read_from_database() == before
    assert Client().get("/about/")["X-Page-Cache"] == "hit"


def test_an_enquiry_sent_through_the_form_keeps_cached_pages(submit, form_data):
    assert cached_about_page() == "hit"
    before = content_version.read_from_database()

    assert submit(form_data).status_code == 302

    assert content_version.read_from_database() == before
