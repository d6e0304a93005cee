"""Fixtures for the intake tests: the contact page, valid form data, staff in each role,
and enquiries made directly in the database. (The in-process SMTP server, `smtp_server`, is
shared: tests/conftest.py.)"""

import time
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing
from wagtail.models import GroupPagePermission, Page

from intake.choices import ContactMethod, DeliveryStatus, Topic
from intake.demo import INTAKE_GROUP
from intake.models import ContactPage, Enquiry
from intake.spam import FORM_STARTED_SALT, FORM_STARTED_VALUE
from tests.two_factor import sign_in_verified

CONTACT_URL = "/contact/"
THANK_YOU_URL = "/contact/thank-you/"


def started_token(seconds_ago=60):
    """The form's signed timestamp, as if the form had been shown `seconds_ago`."""
    with mock.patch("django.core.signing.time.time", return_value=time.time() - seconds_ago):
        return signing.TimestampSigner(salt=FORM_STARTED_SALT).sign(FORM_STARTED_VALUE)


@pytest.fixture
def contact_page(demo_site):
    return ContactPage.objects.get(locale__language_code="en")


@pytest.fixture
def form_data(contact_page):
    """A complete, valid submission that passes every spam check."""
    return {
        "name": "Rowan Tenney",
        "email": "rowan@example.com",
        "phone": "",
        "contact_method": ContactMethod.EMAIL,
        "best_time": "any",
        "topic": Topic.CHRONIC_PAIN,
        "message": "My lower back has hurt for a year. Could I book a first appointment?",
        "consent": "on",
        "source": "",
        "started": started_token(),
        "website": "",
    }


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the contact form as a browser would, running on-commit callbacks (the emails)."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CONTACT_URL, data, **extra)

    return post


@pytest.fixture
def make_enquiry(db):
    def make(**fields):
        values = {
            "name": "Avery Lindqvist",
            "email": "avery@example.com",
            "contact_method": ContactMethod.EMAIL,
            "topic": Topic.DEPRESSION_ANXIETY,
            "message": "I would like to talk to someone about low mood.",
            "notification_status": DeliveryStatus.SENT,
            **fields,
        }
        return Enquiry.objects.create(**values)

    return make


def user_in_group(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "a-long-test-password"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def intake_user(demo_site, django_user_model):
    return user_in_group(django_user_model, "intake", Group.objects.get(name=INTAKE_GROUP))


@pytest.fixture
def intake_client(client, intake_user):
    """Signed in as intake staff, second factor included (it is required of them)."""
    return sign_in_verified(client, intake_user)


@pytest.fixture
def editor_user(demo_site, django_user_model):
    """A page editor, as the articles app sets up "Editors": admin access and page rights."""
    group = Group.objects.create(name="Test page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.objects.get(depth=1)
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    return user_in_group(django_user_model, "editor", group)


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client
