"""Demo content of the intake app, built by `manage.py setup_demo`. Safe to run again."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from intake.models import ContactPage, Enquiry

INTAKE_GROUP = "Intake staff"
# Enquiries arrive only through the form, so staff never get "add".
INTAKE_PERMISSIONS = ("view_enquiry", "change_enquiry", "delete_enquiry")

CONTACT = {
    "slug": "contact",
    "title": "Contact us",
    "intro": (
        "<p>Tell us a little about what you are looking for and how to reach you. A member "
        "of our intake team will get back to you within two working days.</p>"
    ),
}


def build(home):
    contact_page = ensure_contact_page(home)
    link_home_page_call_to_action(home, contact_page)
    ensure_intake_group()


def ensure_contact_page(home):
    """Create the contact page once; on later runs leave it as editors left it."""
    page = ContactPage.objects.child_of(home).first()
    if page is not None:
        return page
    privacy = Page.objects.child_of(home).filter(slug="privacy-policy").first()
    page = home.add_child(instance=ContactPage(show_in_menus=True, privacy_page=privacy, **CONTACT))
    page.save_revision().publish()
    return page


def link_home_page_call_to_action(home, contact_page):
    """Point the home page's button at the contact page, unless an editor chose another."""
    if home.hero_cta_page_id is not None:
        return
    home.hero_cta_page = contact_page
    home.save_revision().publish()


def ensure_intake_group():
    group, _ = Group.objects.get_or_create(name=INTAKE_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label=Enquiry._meta.app_label, codename__in=INTAKE_PERMISSIONS
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*permissions)
    return group
