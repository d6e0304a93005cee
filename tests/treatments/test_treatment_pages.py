"""The Treatments section (issue #21): the ketamine treatment page built by the demo in both
languages, in the menu, live only through Medical review, with its sources and the JSON-LD of
the therapy and its medicines."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from articles.models import ArticleIndexPage
from articles.review import UnreviewedContentError
from treatments.models import TreatmentIndexPage, TreatmentPage

KETAMINE_URL = "/treatments/ketamine-treatment/"
SPANISH_KETAMINE_URL = "/es/tratamientos/tratamiento-con-ketamina/"


@pytest.fixture
def ketamine(demo_site):
    return TreatmentPage.objects.get(slug="ketamine-treatment", locale__language_code="en")


def json_ld(html, kind):
    for chunk in html.split('<script type="application/ld+json">')[1:]:
        document = json.loads(chunk.split("</script>")[0])
        if document.get("@type") == kind:
            return document
    raise AssertionError(f"no {kind} in the page")


def test_the_treatments_index_is_in_the_menu_and_lists_the_ketamine_page(client, ketamine):
    index = TreatmentIndexPage.objects.get(locale__language_code="en")
    html = client.get("/").content.decode()

    assert index.live and index.show_in_menus
    assert f'href="{index.url}"' in html
    listing = client.get(index.url).content.decode()
    assert f'href="{ketamine.url}"' in listing


def test_the_ketamine_page_is_live_as_its_reviewer_approved_it(ketamine):
    assert ketamine.url == KETAMINE_URL
    assert ketamine.live
    assert ketamine.medical_reviewer.name == "Imogen Farrow"
    assert [author.name for author in ketamine.authors] == ["Marcus Ellery"]
    assert ketamine.last_reviewed is not None
    assert ketamine.live_revision.medical_approval.clinician == ketamine.medical_reviewer


def test_a_treatment_page_goes_live_only_through_medical_review(ketamine, admin_user):
    draft = ketamine.get_latest_revision_as_object()
    draft.body = [*draft.body.raw_data, {"type": "paragraph", "value": "<p>Unreviewed.</p>"}]
    revision = draft.save_revision(user=admin_user)

    assert not ketamine.permissions_for_user(admin_user).can_publish()
    with pytest.raises(UnreviewedContentError):
        revision.publish()  # as scheduled publishing or a script would, with no permission check
    assert ketamine.get_workflow().name == "Medical review"


def test_the_treatments_section_gives_editors_and_reviewers_the_articles_rights(ketamine):
    index = ketamine.get_parent()

    def rights(group_name, page):
        group = Group.objects.get(name=group_name)
        return {right.permission.codename for right in group.page_permissions.filter(page=page)}

    articles_index = index.get_siblings().type(ArticleIndexPage).get()
    assert rights("Editors", index) == {"add_page", "change_page"}
    assert rights("Medical reviewers", index) == {"change_page", "publish_page"}
    assert rights("Editors", index) == rights("Editors", articles_index)


def test_the_ketamine_page_shows_its_text_sources_and_review(client, ketamine):
    html = client.get(KETAMINE_URL).content.decode()

    assert "<h1>Ketamine treatment: what it can and can&#x27;t do</h1>" in html
    assert "What a session is like" in html
    assert 'id="references-heading"' in html and "www.fda.gov" in html
    assert "Medically reviewed by" in html and "Imogen Farrow" in html


def test_the_ketamine_page_describes_the_therapy_and_both_medicines_to_search_engines(
    client, ketamine
):
    page = json_ld(client.get(KETAMINE_URL).content.decode(), "MedicalWebPage")
    therapy = page["mainEntity"]

    assert therapy["@type"] == "MedicalTherapy" and therapy["name"] == "Ketamine treatment"
    esketamine = therapy["drug"][1]
    assert [drug["name"] for drug in therapy["drug"]] == ["Ketamine", "Esketamine"]
    assert esketamine["proprietaryName"] == "Spravato"
    assert esketamine["administrationRoute"] == "Nasal spray"
    assert esketamine["prescriptionStatus"] == "https://schema.org/PrescriptionOnly"
    assert esketamine["legalStatus"].startswith("Schedule III")
    # Only the pain the evidence supports (CRPS), not "Chronic pain" in search results.
    assert {"@type": "MedicalCondition", "name": "Complex regional pain syndrome"} in page["about"]
    assert {"@type": "MedicalCondition", "name": "Chronic pain"} not in page["about"]
    assert page["reviewedBy"]["name"] == "Imogen Farrow"
    assert len(page["citation"]) >= 5


def test_the_ketamine_page_is_in_spanish_reviewed_on_its_own(client, bilingual_demo_site):
    spanish = TreatmentPage.objects.get(locale=Locale.objects.get(language_code="es"))
    html = client.get(SPANISH_KETAMINE_URL).content.decode()
    page = json_ld(html, "MedicalWebPage")

    assert spanish.live and spanish.url == SPANISH_KETAMINE_URL
    assert spanish.live_revision.medical_approval is not None
    assert "Tratamiento con ketamina: lo que puede y lo que no puede hacer" in html
    assert page["inLanguage"] == "es"
    assert page["mainEntity"]["name"] == "Tratamiento con ketamina"
    assert "/es/tratamientos/" in client.get("/es/").content.decode()  # the Spanish menu
    assert spanish.get_parent().specific.get_workflow().name == "Medical review"
