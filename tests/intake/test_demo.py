"""setup_demo's intake content: the contact page, the home page's button, the staff group."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page, Revision

from clinic.models import HomePage, StandardPage
from intake.models import Enquiry
from intake.pages import ContactPage


def setup_demo():
    call_command("setup_demo", english_only=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_creates_the_contact_page_under_home(contact_page):
    home = HomePage.objects.get(locale__language_code="en")

    assert contact_page.get_parent().pk == home.pk
    assert contact_page.url == "/contact/"
    assert contact_page.live
    assert contact_page.show_in_menus
    assert contact_page.privacy_page.slug == "privacy-policy"
    assert home.hero_cta_page_id == contact_page.pk


def test_demo_creates_the_intake_staff_group(demo_site):
    group = Group.objects.get(name="Intake staff")

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_enquiry", "change_enquiry", "delete_enquiry"}


def test_only_intake_staff_get_enquiry_permissions(demo_site):
    # "Editors" and "Medical reviewers" come from the articles demo, if at all: never with these.
    # ("Clinical leads" hold an intake permission on the contact page, none on enquiries.)
    enquiries = ContentType.objects.get_for_model(Enquiry)
    groups = Group.objects.filter(permissions__content_type=enquiries).distinct()

    assert [group.name for group in groups] == ["Intake staff"]


def test_running_the_demo_again_changes_nothing(demo_site):
    revisions = Revision.objects.count()
    pages = Page.objects.count()
    group = Group.objects.get(name="Intake staff")
    permissions = set(group.permissions.all())

    setup_demo()

    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages
    assert ContactPage.objects.count() == 1
    assert set(Group.objects.get(name="Intake staff").permissions.all()) == permissions


def test_an_editors_choice_of_call_to_action_page_survives_the_demo(demo_site):
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage.objects.get(slug="about")
    home.hero_cta_page = about
    home.save_revision().publish()

    setup_demo()

    assert HomePage.objects.get(locale__language_code="en").hero_cta_page_id == about.pk


def test_contact_page_allows_no_children_and_only_one_instance():
    assert ContactPage.subpage_types == []
    assert ContactPage.max_count == 1
    assert ContactPage.parent_page_types == ["clinic.HomePage"]
