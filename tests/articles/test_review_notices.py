"""Who hears of an article submitted for medical review: each medical reviewer, once, through
a real SMTP server; not the editor who submitted it, nor a superuser who doesn't review. And
the demo's reviewers: staff accounts linked to their Clinicians."""

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.demo import MEDICAL_REVIEWERS, ensure_reviewer_accounts
from articles.models import Clinician, ClinicianAccount

DEMO_REVIEWERS = {
    "Imogen Farrow": ("imogen.farrow", "imogen.farrow@example.com"),
    "Marcus Ellery": ("marcus.ellery", "marcus.ellery@example.com"),
    "Rowan Pryce": ("rowan.pryce", "rowan.pryce@example.com"),
}


def setup_demo():
    call_command("setup_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def reviewer_addresses():
    return {user.email for user in Group.objects.get(name=MEDICAL_REVIEWERS).user_set.all()}


def recipients(messages):
    """How many messages each address received."""
    return Counter(message["To"] for message in messages)


@pytest.fixture
def submit_for_review(smtp_server, make_article, editor):
    """An editor's draft article, submitted to its "Medical review" workflow as the admin's
    "Submit to Medical review" does (Workflow.start); returns the messages the server got."""

    def submit():
        article = make_article("Pacing for people with fibromyalgia", live=False)
        article.save_revision(user=editor)
        smtp_server.start()
        article.get_workflow().start(article, editor)
        return smtp_server.messages

    return submit


# --- Notices ----------------------------------------------------------------------------------


AUTHOR_EMAIL = "imogen.farrow@example.com"  # make_article's articles are Dr. Farrow's


def test_each_medical_reviewer_with_no_part_in_the_article_gets_one_notice(
    submit_for_review, reviewer
):
    messages = submit_for_review()

    expected = reviewer_addresses() - {AUTHOR_EMAIL}
    assert {email for _, email in DEMO_REVIEWERS.values()} | {reviewer.email} <= (
        expected | {AUTHOR_EMAIL}
    )
    assert {address: recipients(messages)[address] for address in expected} == dict.fromkeys(
        expected, 1
    )


def test_the_author_is_not_asked_to_review_her_own_article(submit_for_review):
    messages = submit_for_review()

    assert recipients(messages)[AUTHOR_EMAIL] == 0


def test_the_notice_names_the_article_and_the_review_task(submit_for_review):
    messages = submit_for_review()

    notice = next(m for m in messages if m["To"] == "marcus.ellery@example.com")
    assert "Pacing for people with fibromyalgia" in notice["Subject"]
    assert "Medical review" in notice.get_payload()


def test_the_submitting_editor_gets_no_notice(submit_for_review, editor):
    messages = submit_for_review()

    assert recipients(messages)[editor.email] == 0


def test_nobody_but_the_reviewers_gets_a_notice(submit_for_review, admin_user):
    messages = submit_for_review()

    assert set(recipients(messages)) == reviewer_addresses() - {AUTHOR_EMAIL}


def test_a_superuser_who_does_not_review_gets_no_notice(submit_for_review, admin_user):
    messages = submit_for_review()

    assert recipients(messages)[admin_user.email] == 0


def test_a_superuser_who_reviews_gets_one_notice(submit_for_review, admin_user):
    admin_user.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))

    messages = submit_for_review()

    assert recipients(messages)[admin_user.email] == 1


# --- The demo's reviewers -----------------------------------------------------------------------


@pytest.mark.parametrize("name", DEMO_REVIEWERS)
def test_the_demo_reviewers_have_accounts_linked_to_their_clinicians(demo_site, name):
    username, email = DEMO_REVIEWERS[name]
    user = Clinician.objects.get(name=name).account.user

    assert (user.username, user.email, user.get_full_name()) == (username, email, name)
    assert [group.name for group in user.groups.all()] == [MEDICAL_REVIEWERS]
    assert user.is_active
    assert not user.is_superuser


def test_the_demo_reviewers_have_no_password_until_an_administrator_sets_one(demo_site):
    reviewers = Group.objects.get(name=MEDICAL_REVIEWERS).user_set.all()

    assert reviewers
    assert not any(user.has_usable_password() for user in reviewers)


def test_a_listed_clinician_missing_from_the_demo_gets_no_account(demo_site, django_user_model):
    # Of the listed clinicians only Imogen Farrow exists: the demo's clinicians and their
    # accounts are removed first (inside this test's transaction, like all its changes).
    accounts = ClinicianAccount.objects.values_list("user", flat=True)
    django_user_model.objects.filter(pk__in=list(accounts)).delete()
    Clinician.objects.all().delete()
    reviewers = Group.objects.create(name="Reviewers")
    Clinician.objects.create(name="Imogen Farrow", slug="imogen-farrow", live=False)

    ensure_reviewer_accounts(reviewers)

    assert list(reviewers.user_set.values_list("username", flat=True)) == ["imogen.farrow"]


def test_running_the_demo_again_keeps_the_reviewer_accounts(demo_site, django_user_model):
    accounts = set(django_user_model.objects.values_list("pk", "username", "email"))
    links = set(ClinicianAccount.objects.values_list("clinician", "user"))

    setup_demo()

    assert set(django_user_model.objects.values_list("pk", "username", "email")) == accounts
    assert set(ClinicianAccount.objects.values_list("clinician", "user")) == links


def test_an_administrators_choice_of_account_survives_the_demo(demo_site, django_user_model):
    farrow = Clinician.objects.get(name="Imogen Farrow")
    own_account = django_user_model.objects.create_user("dr.farrow", "farrow@example.com")
    ClinicianAccount.objects.filter(clinician=farrow).update(user=own_account)

    setup_demo()

    assert Clinician.objects.get(name="Imogen Farrow").account.user == own_account
