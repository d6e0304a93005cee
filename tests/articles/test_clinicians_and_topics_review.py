"""Clinicians' and topics' public text goes live through Medical review, in both languages
(issue 19, finding 6, replayed with the demo's people); and what the editor offers around
review: "Submit to Medical review" first, no "Publish", an "Approve" that asks first and then
says what happened."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import ArticleIndexPage, ArticlePage, Clinician, Topic
from tests.fixtures.staff import logged_in_client

FAKE = "PsyD, FAKE-CERT-BY-EDITOR1"


def demo_user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def editor1(demo_site, django_user_model):
    user = django_user_model.objects.create_user("editor1", "editor1@example.com", "x" * 16)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def clinician_form(clinician, **changes):
    fields = ("name", "slug", "credentials", "role", "specialty", "bio")
    spanish = ("role_spanish", "specialty_spanish", "bio_spanish")
    data = {name: getattr(clinician, name) for name in fields + spanish}
    data["photo"] = clinician.photo_id or ""
    return {**data, **changes}


def edit_url(obj):
    name = type(obj)._meta.model_name
    return reverse(f"wagtailsnippets_articles_{name}:edit", args=(obj.pk,))


def approve_url(obj):
    name = type(obj)._meta.model_name
    task_state = obj.current_workflow_task_state
    return reverse(
        f"wagtailsnippets_articles_{name}:workflow_action", args=(obj.pk, "approve", task_state.pk)
    )


def public_pages(clinician):
    """Where a clinician's credentials show: their page and an article's byline, in English
    and in Spanish."""
    pages = []
    for index in ArticleIndexPage.objects.all():
        pages.append(index.clinician_url(clinician))
        article = ArticlePage.objects.live().descendant_of(index)
        pages += [page.url for page in article.filter(authorships__clinician=clinician)[:1]]
    return pages


@pytest.mark.parametrize("action", ["action-save", "action-publish"])
def test_an_editors_change_to_a_clinicians_credentials_is_not_public_until_reviewed(
    action, bilingual_demo_site, editor1, client
):
    pryce = Clinician.objects.get(name="Rowan Pryce")
    pages = public_pages(pryce)
    assert any(url.startswith("/es/") for url in pages)

    logged_in_client(editor1).post(
        edit_url(pryce), clinician_form(pryce, credentials=FAKE, **{action: "1"})
    )

    assert Clinician.objects.get(pk=pryce.pk).credentials == "PsyD"
    for url in pages:
        html = client.get(url).content.decode()
        assert "Rowan Pryce" in html and "FAKE-CERT" not in html


def test_a_reviewer_with_publish_rights_cannot_publish_a_clinician_by_hand(demo_site, client):
    marcus = logged_in_client(demo_user("marcus.ellery"))
    pryce = Clinician.objects.get(name="Rowan Pryce")

    marcus.post(edit_url(pryce), clinician_form(pryce, credentials=FAKE, **{"action-publish": "1"}))

    assert Clinician.objects.get(pk=pryce.pk).credentials == "PsyD"


def test_a_clinicians_change_goes_live_once_another_clinician_approves_it(
    demo_site, editor1, client
):
    pryce = Clinician.objects.get(name="Rowan Pryce")
    logged_in_client(editor1).post(
        edit_url(pryce), clinician_form(pryce, credentials="PsyD, ABPP", **{"action-submit": "1"})
    )
    pryce = Clinician.objects.get(pk=pryce.pk)
    assert pryce.current_workflow_task.name == "Medical review"

    rowan = logged_in_client(demo_user("rowan.pryce"))
    rowan.post(approve_url(pryce), {"comment": ""})  # his own record: refused
    assert Clinician.objects.get(pk=pryce.pk).credentials == "PsyD"

    marcus = logged_in_client(demo_user("marcus.ellery"))
    response = marcus.post(approve_url(pryce), {"comment": ""}, follow=True)

    assert Clinician.objects.get(pk=pryce.pk).credentials == "PsyD, ABPP"
    assert "Rowan Pryce, PsyD, ABPP" in client.get(public_pages(pryce)[0]).content.decode()
    said = [str(message) for message in response.context["messages"]]
    assert any(
        "You approved “Rowan Pryce, PsyD, ABPP”: this version is live now" in m for m in said
    )


def test_a_topics_new_wording_is_not_public_until_reviewed(demo_site, editor1, client):
    topic = Topic.objects.get(slug="chronic-pain")
    form = {
        "name": "Chronic pain (unreviewed)",
        "slug": topic.slug,
        "description": topic.description,
        "name_spanish": "Dolor (sin revisar)",
        "description_spanish": topic.description_spanish,
    }

    logged_in_client(editor1).post(edit_url(topic), {**form, "action-submit": "1"})

    assert Topic.objects.get(pk=topic.pk).name == "Chronic pain"
    html = client.get("/articles/").content.decode()
    assert "Chronic pain" in html and "unreviewed" not in html
    topic = Topic.objects.get(pk=topic.pk)
    topic.current_workflow_task.on_action(
        topic.current_workflow_task_state, demo_user("rowan.pryce"), "approve"
    )
    assert "Chronic pain (unreviewed)" in client.get("/articles/").content.decode()


# --- What the editor offers ---------------------------------------------------------------


def test_the_clinician_editor_offers_submit_first_and_no_publish(demo_site, admin_client):
    pryce = Clinician.objects.get(name="Rowan Pryce")

    html = admin_client.get(edit_url(pryce)).content.decode()

    assert 'name="action-publish"' not in html
    assert html.index("Submit to Medical review") < html.index("Save draft")


def test_the_article_editor_offers_submit_first(demo_site, admin_client):
    article = ArticlePage.objects.get(slug="sleep-pain-and-mood")

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content
    html = html.decode()

    assert html.index("Submit to Medical review") < html.index("Save draft")


@pytest.fixture
def article_in_review(demo_site, editor1):
    # Marcus Ellery's, quoting Rowan Pryce: Imogen Farrow may review it.
    article = ArticlePage.objects.get(slug="sleep-pain-and-mood")
    draft = article.get_latest_revision_as_object()
    draft.summary = "Reviewed summary."
    draft.save_revision(user=editor1)
    article.get_workflow().start(ArticlePage.objects.get(pk=article.pk), editor1)
    return ArticlePage.objects.get(pk=article.pk)


def test_approve_asks_first_and_says_what_approving_does(article_in_review):
    imogen = logged_in_client(demo_user("imogen.farrow"))
    task_state = article_in_review.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(article_in_review.pk, "approve", task_state.pk),
    )

    confirmation = imogen.get(url, headers={"x-requested-with": "XMLHttpRequest"})

    html = confirmation.json()["html"]
    assert "Approving publishes this version" in html
    assert "Imogen Farrow, MD" in html
    assert ArticlePage.objects.get(pk=article_in_review.pk).summary != "Reviewed summary."

    response = imogen.post(url, {"comment": ""}, follow=True)

    page = ArticlePage.objects.get(pk=article_in_review.pk)
    assert page.summary == "Reviewed summary."
    said = [str(message) for message in response.context["messages"]]
    assert any(
        f"You approved “{page.title}”: this version is live now, reviewed by Imogen Farrow, MD"
        in message
        for message in said
    )
