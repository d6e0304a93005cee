"""The contact form keeps working when its page comes from the page cache: every visitor
gets a CSRF token and a "started" time of their own, so the spam check stays meaningful."""

import re
import time
from unittest import mock

from django.core import signing
from django.test import Client

from intake.choices import Status
from intake.models import Enquiry
from tests.fixtures.intake import CONTACT_URL, THANK_YOU_URL

STARTED = re.compile(r'name="started" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def visit_at(moment):
    """A new visitor opens the contact page at `moment` (seconds since the epoch)."""
    client = Client(enforce_csrf_checks=True)
    with mock.patch("django.core.signing.time.time", return_value=moment):
        response = client.get(CONTACT_URL)
    assert response.status_code == 200
    return client, response


def signed_at(token):
    return signing.b62_decode(token.split(":")[1])


def test_a_cached_form_gives_each_visitor_a_fresh_started_time(contact_page):
    now = int(time.time())
    _, first = visit_at(now - 600)
    _, second = visit_at(now)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert signed_at(STARTED.search(first.text).group(1)) == now - 600
    assert signed_at(STARTED.search(second.text).group(1)) == now


def test_a_form_sent_the_instant_a_cached_page_was_shown_is_filed_as_spam(contact_page, form_data):
    visit_at(time.time() - 600)  # fills the cache with a ten-minute-old page
    client, page = visit_at(time.time())
    assert page["X-Page-Cache"] == "hit"

    form_data["started"] = STARTED.search(page.text).group(1)
    form_data["csrfmiddlewaretoken"] = CSRF.search(page.text).group(1)
    client.post(CONTACT_URL, form_data)

    assert Enquiry.objects.get().status == Status.SPAM


def test_a_person_can_send_the_form_from_a_cached_page(contact_page, form_data, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 3
    visit_at(time.time())  # someone else's visit fills the cache
    client, page = visit_at(time.time() - 30)  # this visitor took 30 s to write
    assert page["X-Page-Cache"] == "hit"

    form_data["started"] = STARTED.search(page.text).group(1)
    form_data["csrfmiddlewaretoken"] = CSRF.search(page.text).group(1)
    response = client.post(CONTACT_URL, form_data)

    assert response.status_code == 302
    assert response["Location"].endswith(THANK_YOU_URL)
    assert Enquiry.objects.get().status == Status.NEW
