"""Enquiries are never in the translation machinery: every wagtail-localize URL that names a
model answers 404 for an enquiry, existing or not, whoever asks, so it reveals nothing (the
audit found /admin/localize/api/snippets/intake/enquiry/1/ answering 500, and /999/ 404)."""

import pytest
from django.test import Client

from tests.two_factor import sign_in_verified

LOCALIZE_URLS = (
    "/admin/localize/api/snippets/intake/enquiry/",
    "/admin/localize/api/snippets/intake/enquiry/{pk}/",
    "/admin/localize/api/snippets/intake/ENQUIRY/{pk}/",
    "/admin/localize/submit/snippet/intake/enquiry/{pk}/",
)


@pytest.fixture
def clients(admin_user, intake_user, page_editor):
    """Signed-in clients, second factor passed: a superuser, intake staff and a page editor."""
    users = {"admin": admin_user, "intake": intake_user, "editor": page_editor}
    return {role: sign_in_verified(Client(), user) for role, user in users.items()}


def test_every_translation_url_answers_404_for_enquiries_existing_or_not(clients, make_enquiry):
    enquiry = make_enquiry(name="Rowan Tenney")
    answers = {}

    for role, client in clients.items():
        for url in LOCALIZE_URLS:
            existing = client.get(url.format(pk=enquiry.pk))
            missing = client.get(url.format(pk=enquiry.pk + 999))
            posted = client.post(url.format(pk=enquiry.pk), {"locales": "1"})
            answers[role, url] = (existing.status_code, missing.status_code, posted.status_code)
            assert "Rowan" not in existing.content.decode()

    assert answers == {key: (404, 404, 404) for key in answers}


def test_the_translation_editors_snippet_api_still_answers_for_clinicians(clients, demo_site):
    # What the translation editor needs from it: a snippet's title, by id.
    from articles.models import Clinician

    clinician = Clinician.objects.first()

    url = f"/admin/localize/api/snippets/articles/clinician/{clinician.pk}/"

    response = clients["admin"].get(url)

    assert response.status_code == 200
    assert response.json()["title"] == str(clinician)
