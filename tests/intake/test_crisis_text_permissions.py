"""What people in crisis are told is changed by clinical leads and superusers only: the contact
page's urgent texts and the crisis resources of Clinic settings, through the real admin forms.
Page editors and settings editors neither see those fields nor change them by saving."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from articles.demo import EDITORS
from clinic.site_settings import ClinicSettings
from intake.demo import CLINICAL_LEADS_GROUP
from intake.pages import CRISIS_TEXT_PERMISSION, ContactPage
from tests.fixtures.staff import logged_in_client, user_in_group

PAGE_CRISIS_FIELDS = ("urgent_thank_you_text", "urgent_acknowledgement_text")
SETTINGS_CRISIS_FIELDS = (
    "crisis_notice",
    "emergency_number",
    "crisis_line_name",
    "crisis_line_number",
    "crisis_chat_url",
    "crisis_text_line_number",
    "crisis_text_line_keyword",
    "crisis_phrases",
    "escalation_email",
    "escalation_minutes",
)
CRISIS_TAB = "Crisis resources"
NEW_URGENT_ACKNOWLEDGEMENT = "We will read your message first thing. Call 988 now if you can."
# What a draft editor would make of the urgent thank-you text, if the form let them.
FORGED_URGENT_THANK_YOU = "<p>We will get back to you soon.</p>"


@pytest.fixture
def clinical_lead_client(demo_site, django_user_model):
    group = Group.objects.get(name=CLINICAL_LEADS_GROUP)
    return logged_in_client(user_in_group(django_user_model, "clinical-lead", group))


@pytest.fixture
def settings_editor_client(demo_site, django_user_model):
    """Someone trusted with Clinic settings but not with the crisis texts."""
    group = Group.objects.create(name="Test settings editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_clinicsettings"),
    )
    return logged_in_client(user_in_group(django_user_model, "settings-editor", group))


@pytest.fixture(params=["clinical_lead_client", "admin_client"])
def crisis_client(request, demo_site):
    """A clinical lead, then a superuser: both may change the crisis texts."""
    return request.getfixturevalue(request.param)


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def settings_edit_url(site):
    return reverse("wagtailsettings:edit", args=("clinic", "clinicsettings", site.pk))


def shown_form(client, url):
    """The admin's edit form as the person sees it: the values a browser would send back,
    and the headings of its tabs."""
    response = client.get(url)
    assert response.status_code == 200
    soup = WagtailTestUtils.get_soup(response.content)
    form = soup.select_one("form[data-edit-form]")
    # A tab's own text, without its error counter.
    tabs = [tab.find(string=True).strip() for tab in form.select("[role=tab]")]
    return form_values(form), tabs


def form_values(form):
    data = {}
    for control in form.select("input[name], textarea[name], select[name]"):
        kind = control.get("type", "text")
        if kind in ("submit", "button", "file", "image"):
            continue
        if kind in ("checkbox", "radio") and not control.has_attr("checked"):
            continue
        data.setdefault(control["name"], []).extend(control_values(control))
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def control_values(control):
    if control.name == "textarea":
        return [control.text.removeprefix("\n")]
    if control.name == "select":
        return [option.get("value", option.text) for option in control.select("option[selected]")]
    return [control.get("value", "on" if control.get("type") == "checkbox" else "")]


def publish(client, page, data):
    response = client.post(page_edit_url(page), {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]


def save_settings(client, site, data):
    response = client.post(settings_edit_url(site), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def crisis_resources(site):
    values = ClinicSettings.objects.filter(site=site).values(*SETTINGS_CRISIS_FIELDS)
    return values.get()


# --- The contact page -------------------------------------------------------------------------


def test_an_editors_contact_page_form_has_no_crisis_texts(page_editor_client, contact_page):
    data, _ = shown_form(page_editor_client, page_edit_url(contact_page))

    assert not set(PAGE_CRISIS_FIELDS) & set(data)
    assert {"thank_you_text", "acknowledgement_text"} <= set(data)


def test_an_editors_save_keeps_the_crisis_texts(page_editor_client, contact_page):
    before = [getattr(contact_page, field) for field in PAGE_CRISIS_FIELDS]
    data, _ = shown_form(page_editor_client, page_edit_url(contact_page))

    publish(
        page_editor_client, contact_page, {**data, "thank_you_heading": "Thank you for writing"}
    )

    page = ContactPage.objects.get(locale__language_code="en")
    assert page.thank_you_heading == "Thank you for writing"
    assert [getattr(page, field) for field in PAGE_CRISIS_FIELDS] == before


def test_an_editors_forged_crisis_text_is_ignored(page_editor_client, contact_page):
    before = contact_page.urgent_thank_you_text
    data, _ = shown_form(page_editor_client, page_edit_url(contact_page))

    publish(
        page_editor_client, contact_page, {**data, "urgent_thank_you_text": FORGED_URGENT_THANK_YOU}
    )

    assert ContactPage.objects.get(locale__language_code="en").urgent_thank_you_text == before


def test_an_editor_restoring_an_older_revision_keeps_the_crisis_texts(
    page_editor_client, clinical_lead_client, contact_page
):
    older = contact_page.get_latest_revision()
    data, _ = shown_form(clinical_lead_client, page_edit_url(contact_page))
    changes = {
        "thank_you_heading": "Message received",
        "urgent_acknowledgement_text": NEW_URGENT_ACKNOWLEDGEMENT,
    }
    publish(clinical_lead_client, contact_page, {**data, **changes})
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(contact_page.pk, older.pk))
    data, _ = shown_form(page_editor_client, revert_url)

    response = page_editor_client.post(revert_url, {**data, "action-publish": "action-publish"})

    assert response.status_code == 302
    page = ContactPage.objects.get(locale__language_code="en")
    assert page.thank_you_heading == contact_page.thank_you_heading  # restored
    assert page.urgent_acknowledgement_text == NEW_URGENT_ACKNOWLEDGEMENT  # kept


def test_clinical_leads_and_superusers_change_the_crisis_texts(crisis_client, contact_page):
    data, _ = shown_form(crisis_client, page_edit_url(contact_page))
    assert set(PAGE_CRISIS_FIELDS) <= set(data)

    publish(
        crisis_client,
        contact_page,
        {**data, "urgent_acknowledgement_text": NEW_URGENT_ACKNOWLEDGEMENT},
    )

    assert (
        ContactPage.objects.get(locale__language_code="en").urgent_acknowledgement_text
        == NEW_URGENT_ACKNOWLEDGEMENT
    )


# --- Clinic settings ----------------------------------------------------------------------------


def test_a_settings_editor_sees_no_crisis_resources_tab(settings_editor_client, demo_site):
    data, tabs = shown_form(settings_editor_client, settings_edit_url(demo_site.get_site()))

    assert not set(SETTINGS_CRISIS_FIELDS) & set(data)
    assert CRISIS_TAB not in tabs
    assert "Contact" in tabs
    assert "tagline" in data


def test_a_settings_editors_save_keeps_the_crisis_resources(settings_editor_client, demo_site):
    site = demo_site.get_site()
    before = crisis_resources(site)
    data, _ = shown_form(settings_editor_client, settings_edit_url(site))
    forged = {"crisis_notice": "Email us.", "emergency_number": "0", "escalation_email": ""}

    save_settings(settings_editor_client, site, {**data, **forged, "tagline": "Pain and mood"})

    assert ClinicSettings.for_site(site).tagline == "Pain and mood"
    assert crisis_resources(site) == before


def test_clinical_leads_and_superusers_change_the_crisis_resources(crisis_client, demo_site):
    site = demo_site.get_site()
    data, tabs = shown_form(crisis_client, settings_edit_url(site))
    assert CRISIS_TAB in tabs
    assert set(SETTINGS_CRISIS_FIELDS) <= set(data)

    save_settings(crisis_client, site, {**data, "emergency_number": "112"})

    assert ClinicSettings.for_site(site).emergency_number == "112"


def test_the_demos_editors_cannot_open_clinic_settings(demo_site, django_user_model):
    editor = user_in_group(django_user_model, "article-editor", Group.objects.get(name=EDITORS))

    response = logged_in_client(editor).get(settings_edit_url(demo_site.get_site()))

    assert response.status_code in (302, 403)
    assert not editor.has_perm("clinic.change_clinicsettings")
    assert not editor.has_perm(CRISIS_TEXT_PERMISSION)


# --- The demo's Clinical leads ------------------------------------------------------------------


def group_page_permissions(group):
    return set(
        GroupPagePermission.objects.filter(group=group).values_list("page", "permission__codename")
    )


def test_the_demo_makes_a_clinical_leads_group(contact_page):
    group = Group.objects.get(name=CLINICAL_LEADS_GROUP)

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "change_crisis_text", "change_clinicsettings"}
    assert group_page_permissions(group) == {
        (contact_page.pk, "change_page"),
        (contact_page.pk, "publish_page"),
    }


def test_only_clinical_leads_hold_the_crisis_permission(demo_site):
    app_label, codename = CRISIS_TEXT_PERMISSION.split(".")
    holders = Group.objects.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    )

    assert [group.name for group in holders] == [CLINICAL_LEADS_GROUP]


def test_running_the_demo_again_keeps_the_clinical_leads_group(demo_site):
    group = Group.objects.get(name=CLINICAL_LEADS_GROUP)
    permissions = set(group.permissions.all())
    page_permissions = group_page_permissions(group)

    # English-only, as demo_site was built: the Spanish pages would bring rights of their own
    # (a translation is guarded like its original, clinic.translations).
    call_command("setup_demo", "--english-only", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Group.objects.filter(name=CLINICAL_LEADS_GROUP).count() == 1
    assert set(group.permissions.all()) == permissions
    assert group_page_permissions(group) == page_permissions


def test_administrators_can_give_the_crisis_permission_to_any_group(admin_client, demo_site):
    group = Group.objects.get(name=CLINICAL_LEADS_GROUP)

    response = admin_client.get(reverse("wagtailusers_groups:edit", args=(group.pk,)))

    assert "Can change crisis texts and resources" in response.content.decode()
