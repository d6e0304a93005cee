"""One rule for going live (articles.review): an article is live only at a version a clinician
approved who neither wrote it nor is quoted in it, whatever path tries to publish it; and no
page goes live by becoming an alias. The audit's reproductions (issue 19, findings 2 and 3),
replayed with the demo's people, and every other way Wagtail and wagtail-localize publish."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage, ReviewApproval
from articles.review import UnreviewedContentError, publish_reviewed
from clinic.blocks import PARAGRAPH_FEATURES
from clinic.models import StandardPage
from tests.fixtures.staff import logged_in_client

DRAFT_TEXT = "Nobody has reviewed this sentence."


def demo_user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def editor1(demo_site, django_user_model):
    """An editor as the audit had: in Wagtail's "Editors" group and the clinic's."""
    user = django_user_model.objects.create_user("editor1", "editor1@example.com", "x" * 16)
    user.groups.add(*Group.objects.filter(name__in=["Editors"]))
    return user


@pytest.fixture
def pacing(demo_site):
    """The demo's "Pacing" article: written by Imogen Farrow, reviewed by Rowan Pryce."""
    return ArticlePage.objects.get(slug="pacing-a-steadier-way-to-live-with-chronic-pain")


def submit_changed_draft(page, user):
    """`user` edits the article's text and submits it to Medical review."""
    draft = page.get_latest_revision_as_object()
    draft.body = [*draft.body.raw_data, {"type": "paragraph", "value": f"<p>{DRAFT_TEXT}</p>"}]
    draft.save_revision(user=user)
    page.get_workflow().start(ArticlePage.objects.get(pk=page.pk), user)
    return ArticlePage.objects.get(pk=page.pk)


def json_ld(response, kind):
    html = response.content.decode()
    for chunk in html.split('<script type="application/ld+json">')[1:]:
        document = json.loads(chunk.split("</script>")[0])
        if document.get("@type") == kind:
            return document
    raise AssertionError(f"no {kind} in the page")


def approve_url(page):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))


# --- Finding 2: an author publishes her own draft with a bulk action ------------------------


def test_an_author_cannot_publish_her_own_draft_with_the_bulk_publish_action(
    client, pacing, editor1
):
    before = json_ld(client.get(pacing.url), "MedicalWebPage")
    live_revision = pacing.live_revision_id
    page = submit_changed_draft(pacing, editor1)
    imogen = logged_in_client(demo_user("imogen.farrow"))

    imogen.post(approve_url(page), {"comment": ""})
    response = imogen.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {})

    page = ArticlePage.objects.get(pk=page.pk)
    assert response.status_code in (200, 302)
    assert page.live_revision_id == live_revision
    assert page.workflow_in_progress  # not cancelled by a publication
    public = client.get(page.url)
    assert DRAFT_TEXT not in public.content.decode()
    after = json_ld(public, "MedicalWebPage")
    assert after["reviewedBy"] == before["reviewedBy"]
    assert after["lastReviewed"] == before["lastReviewed"]


def test_the_bulk_publish_action_names_the_article_as_not_publishable(pacing, admin_client):
    page = submit_changed_draft(pacing, None)

    response = admin_client.get(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}")

    assert page.title in response.content.decode()
    assert response.context["items"] == []  # administrators too: review publishes it
    assert [item["item"].pk for item in response.context["items_with_no_access"]] == [page.pk]


def test_an_administrator_cannot_publish_an_unreviewed_article_through_the_admin_api(
    pacing, admin_client, client
):
    page = submit_changed_draft(pacing, None)

    response = admin_client.post(f"/admin/api/main/pages/{page.pk}/action/publish/")

    assert response.status_code == 403
    assert DRAFT_TEXT not in client.get(page.url).content.decode()


def test_the_editor_offers_an_administrator_no_publish_that_skips_review(pacing, admin_client):
    edit_page = admin_client.get(reverse("wagtailadmin_pages:edit", args=(pacing.pk,)))

    html = edit_page.content.decode()
    assert 'name="action-publish"' not in html
    assert "Submit to Medical review" in html


def edit_form_data(page, action, clinicians):
    """What the edit form sends for `page` with its body replaced by one new paragraph."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(
                [("paragraph", rich_text(f"<p>{DRAFT_TEXT}</p>", features=PARAGRAPH_FEATURES))]
            ),
            "sources": streamfield([]),
            "key_points": streamfield([]),
            "authorships": inline_formset([{"clinician": clinicians["farrow"].pk}], min=1),
            "publication_date": page.publication_date.isoformat(),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
        }
    )
    data[action] = "action"
    return data


def test_publishing_from_the_editor_saves_a_draft_only(pacing, admin_client, client, clinicians):
    edit_url = reverse("wagtailadmin_pages:edit", args=(pacing.pk,))

    response = admin_client.post(edit_url, edit_form_data(pacing, "action-publish", clinicians))

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=pacing.pk)
    assert page.live_revision_id == pacing.live_revision_id
    assert DRAFT_TEXT in page.get_latest_revision_as_object().body.raw_data[0]["value"]
    assert DRAFT_TEXT not in client.get(page.url).content.decode()


def test_a_new_article_cannot_be_published_in_one_go(demo_site, admin_client):
    index = ArticleIndexPage.objects.child_of(demo_site).get()
    add_url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))

    html = admin_client.get(add_url).content.decode()

    assert 'name="action-publish"' not in html
    assert "Submit to Medical review" in html


def test_reverting_to_an_earlier_version_does_not_publish_it(
    pacing, admin_client, client, clinicians
):
    first_revision = pacing.live_revision
    changed = pacing.get_latest_revision_as_object()
    changed.title = "Pacing, reviewed again"
    approval = ReviewApproval.objects.get(revision=first_revision)
    changed.last_reviewed = approval.reviewed_on
    publish_reviewed(changed, approval.clinician, reviewed_on=approval.reviewed_on)
    url = reverse("wagtailadmin_pages:revisions_revert", args=(pacing.pk, first_revision.pk))
    data = edit_form_data(pacing, "action-publish", clinicians)

    response = admin_client.post(url, {**data, "revision": first_revision.pk})

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=pacing.pk)
    assert page.title == "Pacing, reviewed again"
    assert page.has_unpublished_changes


def test_a_copy_of_a_live_article_starts_as_a_draft(pacing, admin_client):
    url = reverse("wagtailadmin_pages:copy", args=(pacing.pk,))

    admin_client.post(
        url,
        {
            "new_title": "Pacing (copy)",
            "new_slug": "pacing-copy",
            "new_parent_page": pacing.get_parent().pk,
            "publish_copies": "on",
        },
    )

    copy = ArticlePage.objects.get(slug="pacing-copy")
    assert not copy.live


def test_a_copy_cannot_be_put_live_in_code_either(pacing):
    with pytest.raises(UnreviewedContentError):
        pacing.copy(update_attrs={"slug": "pacing-copy", "title": "Copy"}, keep_live=True)


def test_an_unapproved_version_cannot_be_scheduled(pacing):
    draft = submit_changed_draft(pacing, None).get_latest_revision()
    draft.approved_go_live_at = timezone.now() + timedelta(days=1)

    with pytest.raises(UnreviewedContentError):
        draft.save(update_fields=["approved_go_live_at"])


def test_scheduled_publishing_publishes_an_approved_version_when_its_time_comes(pacing, client):
    page = submit_changed_draft(pacing, None)
    latest = page.get_latest_revision_as_object()
    latest.go_live_at = timezone.now() + timedelta(hours=1)
    latest.save_revision()
    page = ArticlePage.objects.get(pk=page.pk)
    marcus = demo_user("marcus.ellery")  # neither wrote nor is quoted in "Pacing"
    page.current_workflow_task.on_action(page.current_workflow_task_state, marcus, "approve")
    assert DRAFT_TEXT not in client.get(page.url).content.decode()  # scheduled, not yet live

    # An hour later (the clock moved back rather than forward):
    revision = ArticlePage.objects.get(pk=page.pk).get_latest_revision()
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")

    assert DRAFT_TEXT in client.get(page.url).content.decode()


def test_a_live_articles_text_cannot_be_changed_in_place(pacing):
    pacing.title = "Changed without review"

    with pytest.raises(UnreviewedContentError):
        pacing.save()


def test_moving_a_live_article_keeps_it_live_as_reviewed(pacing, demo_site):
    index = pacing.get_parent()
    sibling = ArticlePage.objects.child_of(index).exclude(pk=pacing.pk).first()

    pacing.move(sibling, pos="left")

    page = ArticlePage.objects.get(pk=pacing.pk)
    assert page.live and page.live_revision_id == pacing.live_revision_id


# --- Finding 3: an editor puts pages live on the Spanish site --------------------------------


@pytest.fixture
def spanish(bilingual_demo_site):
    return Locale.objects.get(language_code="es")


def add_draft_child(parent, title):
    child = StandardPage(title=title, slug=title.lower().replace(" ", "-"), live=False)
    parent.add_child(instance=child)
    child.save_revision()
    return child


def test_translating_a_child_page_puts_no_spanish_alias_live(
    spanish, editor1, client, capture_on_commit, make_standard_page
):
    # An English-only parent: every page of the demo has its Spanish version.
    parent = make_standard_page("Our team")
    slug = parent.slug
    child = add_draft_child(parent, "Our reviewers")
    editor = logged_in_client(editor1)

    with capture_on_commit(execute=True):
        editor.post(f"/admin/localize/submit/page/{child.pk}/", {"locales": [spanish.pk]})

    alias = Page.objects.get(translation_key=parent.translation_key, locale=spanish)
    assert alias.alias_of_id == parent.pk and not alias.live
    assert client.get(f"/es/{slug}/").status_code == 404

    with capture_on_commit(execute=True):
        editor.post(f"/admin/localize/submit/page/{parent.pk}/", {"locales": [spanish.pk]})

    converted = Page.objects.get(pk=alias.pk)
    assert converted.alias_of_id is None  # a Spanish page of its own now, as a draft
    assert not converted.live
    assert PageLogEntry.objects.filter(page=converted, action="wagtail.convert_alias").exists()
    assert client.get(f"/es/{slug}/").status_code == 404
    assert f"/es/{slug}/" not in client.get("/sitemap.xml").content.decode()


def test_publishing_an_original_does_not_put_its_aliases_live(spanish, demo_site):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    alias = about.create_alias(parent=demo_site.get_translation(spanish), update_locale=spanish)
    assert not alias.live

    about.save_revision().publish()

    assert not Page.objects.get(pk=alias.pk).live


@pytest.fixture
def capture_on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
