"""Demo content of the intake app, built by `manage.py setup_demo`. Safe to run again."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from intake.models import Enquiry
from intake.pages import CRISIS_TEXT_PERMISSION, ContactPage

INTAKE_GROUP = "Intake staff"
# Enquiries arrive only through the form, so staff never get "add".
INTAKE_PERMISSIONS = ("view_enquiry", "change_enquiry", "delete_enquiry")

CLINICAL_LEADS_GROUP = "Clinical leads"
# Besides the contact page: the crisis texts, and Clinic settings with its crisis resources.
CLINICAL_LEADS_PERMISSIONS = (
    "wagtailadmin.access_admin",
    CRISIS_TEXT_PERMISSION,
    "clinic.change_clinicsettings",
)
CLINICAL_LEADS_PAGE_PERMISSIONS = ("change_page", "publish_page")

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
    ensure_clinical_leads_group(contact_page)


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


def ensure_clinical_leads_group(contact_page):
    """Clinical leads own what people in crisis are told: they edit and publish the contact
    page, crisis texts included, and change Clinic settings. No enquiry permission: that
    is the Intake staff group's."""
    group, _ = Group.objects.get_or_create(name=CLINICAL_LEADS_GROUP)
    group.permissions.add(*map(named_permission, CLINICAL_LEADS_PERMISSIONS))
    for codename in CLINICAL_LEADS_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=contact_page, permission=named_permission(f"wagtailcore.{codename}")
        )
    return group


def named_permission(name):
    """The permission called "app_label.codename", as `user.has_perm` names it."""
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
