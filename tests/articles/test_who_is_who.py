"""Who is who is an administrator's decision: which account is which clinician is set only in
Settings › Clinicians' accounts, by administrators, and logged; never in a clinician's record,
which editors and reviewers change. The audit's reproduction (issue 19, finding 1) replayed
with the demo's people."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from articles.models import ArticlePage, Clinician, ClinicianAccount
from tests.fixtures.staff import logged_in_client

SECOND_OPINION = "M. E. Second-Opinion"


def demo_user(username):
    return get_user_model().objects.get(username=username)


def clinician_form(clinician=None, **changes):
    """What the clinician form sends: the record's fields, with `changes`."""
    fields = ("name", "slug", "credentials", "role", "specialty", "bio")
    spanish = ("role_spanish", "specialty_spanish", "bio_spanish")
    data = {name: getattr(clinician, name, "") if clinician else "" for name in fields + spanish}
    data["photo"] = clinician.photo_id if clinician and clinician.photo_id else ""
    return {**data, **changes}


@pytest.fixture
def marcus_article_in_review(demo_site, editor):
    """Marcus Ellery's own article ("Sleep, pain and mood"), changed by an editor and
    submitted to Medical review."""
    page = ArticlePage.objects.get(slug="sleep-pain-and-mood")
    draft = page.get_latest_revision_as_object()
    draft.summary = "A new summary for review."
    draft.save_revision(user=editor)
    page.get_workflow().start(ArticlePage.objects.get(pk=page.pk), editor)
    return ArticlePage.objects.get(pk=page.pk)


def approve(client, page):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": ""})


def test_a_reviewer_cannot_approve_his_own_article_by_relinking_his_account(
    client, marcus_article_in_review
):
    marcus = demo_user("marcus.ellery")
    own_record = Clinician.objects.get(name="Marcus Ellery")
    reviewer = logged_in_client(marcus)
    approve(reviewer, marcus_article_in_review)  # refused: he wrote it
    assert ArticlePage.objects.get(pk=marcus_article_in_review.pk).workflow_in_progress

    reviewer.post(
        f"/admin/snippets/articles/clinician/edit/{own_record.pk}/",
        clinician_form(own_record, user=""),
    )
    reviewer.post(
        "/admin/snippets/articles/clinician/add/",
        clinician_form(name=SECOND_OPINION, credentials="MD", user=marcus.pk),
    )
    approve(reviewer, marcus_article_in_review)

    assert ClinicianAccount.objects.get(user=marcus).clinician == own_record
    assert not ClinicianAccount.objects.filter(clinician__name=SECOND_OPINION).exists()
    page = ArticlePage.objects.get(pk=marcus_article_in_review.pk)
    assert page.workflow_in_progress
    assert page.get_latest_revision_as_object().summary == "A new summary for review."
    assert page.summary != "A new summary for review."
    assert SECOND_OPINION not in client.get(page.url).content.decode()


@pytest.mark.parametrize("username", ["marcus.ellery", "article-editor"])
def test_editors_and_reviewers_never_see_the_list_of_accounts(username, editor, demo_site):
    user = demo_user(username)
    staff = logged_in_client(user)
    ellery = Clinician.objects.get(name="Marcus Ellery")

    pages = [
        staff.get(f"/admin/snippets/articles/clinician/edit/{ellery.pk}/"),
        staff.get("/admin/snippets/articles/clinician/add/"),
        staff.get("/admin/snippets/articles/clinician/"),
    ]
    accounts = staff.get(reverse("clinician_accounts:index"))

    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert 'name="user"' not in html
        assert "rowan.pryce" not in html and "root-admin" not in html
    assert accounts.status_code in (302, 403)
    assert "rowan.pryce" not in accounts.content.decode()


def test_an_administrator_links_an_account_and_it_is_logged(admin_client, demo_site):
    account = get_user_model().objects.create_user("dr.second", "second@example.com")
    clinician = Clinician.objects.create(name="Noor Second", slug="noor-second", live=False)

    response = admin_client.post(
        reverse("clinician_accounts:add"), {"clinician": clinician.pk, "user": account.pk}
    )

    assert response.status_code == 302
    link = ClinicianAccount.objects.get(user=account)
    assert link.clinician == clinician
    entry = ModelLogEntry.objects.get(object_id=str(link.pk), action="wagtail.create")
    assert entry.user.username == "root-admin"
    assert "Noor Second" in entry.label


def test_the_accounts_list_names_each_clinician_and_account(admin_client, demo_site):
    html = admin_client.get(reverse("clinician_accounts:index")).content.decode()

    for username in ("imogen.farrow", "marcus.ellery", "rowan.pryce"):
        assert username in html
