"""Fixtures for the articles tests, on top of the demo site (tests/conftest.py: `demo_site`).

- `articles_index`: the demo's ArticleIndexPage at /articles/.
- `topics`, `clinicians`: the demo's Topics by slug ("chronic-pain", "mental-health",
  "treatment-options") and Clinicians by surname ("farrow" MD, "ellery" PMHNP-BC).
- `editor`, `reviewer`: users in the demo's "Editors" and "Medical reviewers" groups, with
  no other rights. `editor_client`, `reviewer_client`: a separate test client logged in as
  each, so one test can act as both (the `client` fixture stays anonymous).
- `topic`, `clinician`: a fresh Topic ("Back care") and Clinician ("Noor Ellery, MD") that
  no demo article uses, published as Rowan Pryce approved them; `make_topic(name, slug)`
  makes others.
- `make_article(title=..., body=..., topics=..., live=True, **fields)`: an ArticlePage under
  the index, published as a clinician approved it (or a draft with live=False), written by
  Dr. Farrow unless `authors` is given, reviewed by `medical_reviewer` (else Rowan Pryce) on
  `last_reviewed` (else today). `body` takes StreamField data, e.g.
  [("paragraph", "<p>Hi</p>")].
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.demo import EDITORS, MEDICAL_REVIEWERS
from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Clinician,
    ClinicianAccount,
    Topic,
)
from articles.review import publish_reviewed

DEFAULT_BODY = [("paragraph", "<p>Gentle movement helps most kinds of long-lasting pain.</p>")]


@pytest.fixture
def articles_index(demo_site):
    return ArticleIndexPage.objects.child_of(demo_site).get()


@pytest.fixture
def topics(demo_site):
    return {topic.slug: topic for topic in Topic.objects.all()}


@pytest.fixture
def clinicians(demo_site):
    return {
        "farrow": Clinician.objects.get(name="Imogen Farrow"),
        "ellery": Clinician.objects.get(name="Marcus Ellery"),
    }


def user_in_group(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "a-long-test-password"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(demo_site, django_user_model):
    return user_in_group(django_user_model, "article-editor", EDITORS)


@pytest.fixture
def reviewer(demo_site, django_user_model, clinician):
    """A medical reviewer whose account is linked to a clinician, as approving requires."""
    user = user_in_group(django_user_model, "medical-reviewer", MEDICAL_REVIEWERS)
    ClinicianAccount.objects.create(clinician=clinician, user=user)
    return user


def logged_in_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return logged_in_client(editor)


@pytest.fixture
def reviewer_client(reviewer):
    return logged_in_client(reviewer)


@pytest.fixture
def make_article(articles_index, clinicians):
    def make(title="Moving gently with back pain", body=None, topics=(), live=True, **fields):
        authors = fields.pop("authors", None) or [clinicians["farrow"]]
        page = ArticlePage(
            title=title,
            body=body if body is not None else DEFAULT_BODY,
            topics=list(topics),
            authorships=[ArticleAuthor(clinician=author) for author in authors],
            live=False,
            **fields,
        )
        articles_index.add_child(instance=page)
        if not live:
            page.save_revision()
            return ArticlePage.objects.get(pk=page.pk)
        # Live only as a clinician approved it (articles.review).
        reviewer = page.medical_reviewer or Clinician.objects.get(name="Rowan Pryce")
        page.medical_reviewer = reviewer
        page.last_reviewed = page.last_reviewed or timezone.localdate()
        publish_reviewed(page, reviewer, reviewed_on=page.last_reviewed)
        return ArticlePage.objects.get(pk=page.pk)

    return make


def publish_as_reviewed(obj):
    """Save a new topic or clinician and publish it as a demo clinician approved it (they go
    live only through review, articles.review)."""
    obj.live = False
    obj.save()
    publish_reviewed(obj, Clinician.objects.get(name="Rowan Pryce"))
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture
def make_topic(demo_site):
    def make(name, slug):
        return publish_as_reviewed(Topic(name=name, slug=slug))

    return make


@pytest.fixture
def topic(make_topic):
    return make_topic("Back care", "back-care")


@pytest.fixture
def clinician(demo_site):
    return publish_as_reviewed(
        Clinician(name="Noor Ellery", credentials="MD", role="Pain physician")
    )
