"""setup_demo's articles content: index, topics, clinicians, articles, groups and workflow."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from articles.blocks import ArticleStreamBlock
from articles.demo import EDITORS, MEDICAL_REVIEWERS
from articles.models import ArticlePage, Clinician, Topic
from articles.reports import pages_due_for_review
from articles.review import publish_reviewed

REFERENCE_TITLE = "Can mental health issues cause back pain?"
REFERENCE_HEADINGS = [
    "What is back pain?",
    "What causes back pain?",
    "How to prevent back pain",
    "What makes back pain more likely?",
    "Diagnosis & treatment",
    "Sources",
]


def setup_demo():
    call_command("setup_demo", english_only=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def demo_articles():
    return list(
        ArticlePage.objects.live().filter(locale__language_code="en").order_by("publication_date")
    )


def blocks_of(articles, block_type):
    return [block for page in articles for block in page.body if block.block_type == block_type]


def list_tag(block):
    """ "ul" or "ol": the kind of list a list block holds."""
    return block.value.source.lstrip()[1:3]


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "topics": Topic.objects.count(),
        "clinicians": Clinician.objects.count(),
        "images": get_image_model().objects.count(),
        "groups": Group.objects.count(),
        "group page permissions": GroupPagePermission.objects.count(),
        "group collection permissions": GroupCollectionPermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
    }


@pytest.fixture
def reference_article(demo_site):
    return ArticlePage.objects.get(title=REFERENCE_TITLE)


def test_running_the_demo_again_changes_nothing(demo_site):
    before = counts()

    setup_demo()

    assert counts() == before


def test_an_editors_change_to_an_article_survives_the_demo(reference_article):
    reference_article.title = "Back pain and mood: how they are linked"
    reviewer = reference_article.medical_reviewer
    publish_reviewed(reference_article, reviewer, reviewed_on=reference_article.last_reviewed)

    setup_demo()

    assert ArticlePage.objects.get(pk=reference_article.pk).title == (
        "Back pain and mood: how they are linked"
    )
    assert not ArticlePage.objects.filter(title=REFERENCE_TITLE).exists()


def test_the_articles_index_is_published_in_the_menu(articles_index, demo_site):
    assert articles_index.get_parent().pk == demo_site.pk
    assert articles_index.url == "/articles/"
    assert articles_index.title == "Articles"
    assert articles_index.live
    assert articles_index.show_in_menus
    assert articles_index.intro


def test_the_demo_files_articles_under_three_topics(demo_site):
    topics = {topic.slug: topic for topic in Topic.objects.all()}

    assert {"chronic-pain", "mental-health", "treatment-options"} <= set(topics)
    assert topics["chronic-pain"].name == "Chronic pain"
    assert all(topic.description for topic in topics.values())
    for topic in topics.values():
        assert ArticlePage.objects.live().filter(topics=topic).count() >= 2


def test_three_clinicians_with_credentials_role_specialty_bio_and_photo(demo_site):
    clinicians = Clinician.objects.all()

    assert {clinician.credentials for clinician in clinicians} == {"MD", "PMHNP-BC", "PsyD"}
    for clinician in clinicians:
        assert clinician.role
        assert clinician.specialty
        assert clinician.bio
        assert clinician.slug
        assert clinician.photo.collection == Collection.get_first_root_node()


def test_at_least_five_live_articles_under_the_index(articles_index):
    articles = demo_articles()

    assert len(articles) >= 5
    assert all(page.get_parent().pk == articles_index.pk for page in articles)
    assert all(page.summary for page in articles)


def test_articles_have_distinct_publication_dates_from_2024_to_2026(demo_site):
    dates = [page.publication_date for page in demo_articles()]

    assert len(set(dates)) == len(dates)
    assert all(date(2024, 1, 1) <= day <= date(2026, 12, 31) for day in dates)


def test_each_article_is_reviewed_by_a_clinician_who_did_not_write_it(demo_site):
    for page in demo_articles():
        assert page.authors
        assert page.medical_reviewer is not None
        assert page.medical_reviewer not in page.authors
        assert page.last_reviewed >= page.publication_date


def test_no_article_is_overdue_for_review_and_one_falls_due_within_the_month(demo_site):
    # The clinic promises a review every 12 months, so the demo keeps it; the review-due
    # report still has a page to show: a short one whose text has not changed since its
    # review, so that its old review date vouches for all it says.
    articles = demo_articles()
    due_soon = [
        page
        for page in articles
        if page.review_due_date <= timezone.localdate() + timedelta(days=30)
    ]

    assert not [page.title for page in articles if page.review_is_overdue]
    assert [page.slug for page in due_soon] == ["keeping-a-pain-and-mood-diary"]
    assert [page.slug for page in pages_due_for_review()] == ["keeping-a-pain-and-mood-diary"]


def test_an_article_has_a_hero_image_with_alt_text(demo_site):
    with_hero = [page for page in demo_articles() if page.hero_image_id]

    assert with_hero
    assert all(page.hero_image_alt for page in with_hero)


def test_the_articles_use_every_block_type(demo_site):
    articles = demo_articles()
    used = {block.block_type for page in articles for block in page.body}

    assert used == set(ArticleStreamBlock().child_blocks)


def test_the_articles_use_every_heading_level_list_style_and_urgency(demo_site):
    articles = demo_articles()

    assert {block.value["level"] for block in blocks_of(articles, "heading")} == {"h2", "h3"}
    assert {list_tag(block) for block in blocks_of(articles, "list")} == {"ul", "ol"}
    assert {block.value["urgency"] for block in blocks_of(articles, "callout")} == {
        "info",
        "urgent",
        "emergency",
    }


def test_image_blocks_carry_their_own_alt_text(demo_site):
    for block in blocks_of(demo_articles(), "image"):
        image = block.value["image"]
        assert image.contextual_alt_text
        assert image.contextual_alt_text != image.title


def test_every_article_body_passes_the_editors_validation(demo_site):
    # The demo stores raw JSON; this is what the admin would check on saving each article.
    for page in demo_articles():
        ArticleStreamBlock().clean(page.body)


def test_the_reference_article_has_its_sections_in_order(reference_article):
    headings = [text for _anchor, text in reference_article.table_of_contents()]

    assert headings == REFERENCE_HEADINGS


def test_the_reference_article_lists_causes_prevention_and_risks(reference_article):
    lists = blocks_of([reference_article], "list")

    assert [list_tag(block) for block in lists] == ["ul"] * len(lists)
    assert len(lists) >= 3
    assert all(block.value.source.count("<li>") >= 4 for block in lists)
    assert len(blocks_of([reference_article], "paragraph")) >= 5
    assert blocks_of([reference_article], "quote")


def test_the_reference_article_ends_with_a_contact_call_to_action(client, reference_article):
    html = client.get(reference_article.url).content.decode()
    closing = html[html.rindex("Contact us today!") :]

    assert html.count("Contact us today!") == 1  # the article template's, not a body block's
    # With the article's topic, which the form starts with (test_page_polish.py).
    assert f'href="/contact/?from={reference_article.pk}&amp;topic=chronic_pain"' in closing
    assert "Related articles" in closing or "article__footer" in closing


def test_in_body_calls_to_action_point_at_live_pages(demo_site):
    for block in blocks_of(demo_articles(), "call_to_action"):
        assert block.value["page"].live
        assert block.value["button_label"]


def test_articles_go_through_the_medical_review_workflow(articles_index):
    workflow = articles_index.get_workflow()
    [task] = workflow.tasks.specific()

    assert workflow.name == "Medical review"
    assert all(page.get_workflow() == workflow for page in demo_articles())
    assert [group.name for group in task.groups.all()] == [MEDICAL_REVIEWERS]


def test_editors_can_write_articles_but_not_publish_them(editor, articles_index):
    index_permissions = articles_index.permissions_for_user(editor)
    article_permissions = demo_articles()[0].permissions_for_user(editor)

    assert index_permissions.can_add_subpage()
    assert article_permissions.can_edit()
    assert not article_permissions.can_publish()
    assert not index_permissions.can_publish_subpage()


def test_medical_reviewers_can_edit_articles_and_publish_them_only_through_review(reviewer):
    permissions = demo_articles()[0].permissions_for_user(reviewer)

    assert permissions.can_edit()
    assert permissions.may_publish_by_rights()  # what Medical review's approval needs
    assert not permissions.can_publish()  # nobody publishes an article by hand


@pytest.mark.parametrize("user_fixture", ["editor", "reviewer"])
def test_editorial_staff_manage_images_topics_and_clinicians(db, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    image_codenames = set(
        GroupCollectionPermission.objects.filter(
            group__in=user.groups.all(), collection=Collection.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )

    assert {"add_image", "choose_image", "change_image"} <= image_codenames
    for codename in ("add", "change", "view"):
        assert user.has_perm(f"articles.{codename}_topic")
        assert user.has_perm(f"articles.{codename}_clinician")
    assert user.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("user_fixture", ["editor", "reviewer"])
def test_editorial_staff_have_no_enquiry_permissions(db, request, user_fixture):
    user = request.getfixturevalue(user_fixture)

    assert not [perm for perm in user.get_all_permissions() if perm.startswith("intake.")]


def test_editorial_groups_hold_no_intake_permission(demo_site):
    for name in (EDITORS, MEDICAL_REVIEWERS):
        group = Group.objects.get(name=name)
        assert not group.permissions.filter(content_type__app_label="intake").exists()


def test_every_demo_article_renders_for_visitors(client, demo_site):
    for page in demo_articles():
        response = client.get(page.url)

        assert response.status_code == 200, page.url
        heading = WagtailTestUtils.get_soup(response.content).find("h1")
        assert heading.get_text(strip=True) == page.title
