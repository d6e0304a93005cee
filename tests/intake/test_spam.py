"""Spam defences that never lose a real patient: honeypot, fill time, rate limit, heuristics."""

import pytest
from django.test import Client

from intake.models import Enquiry
from intake.spam import client_ip, hash_client_ip
from tests.fixtures.intake import CONTACT_URL, THANK_YOU_URL, started_token


def test_filled_honeypot_is_discarded_with_the_normal_thank_you(submit, form_data, mailoutbox):
    form_data["website"] = "http://cheap-pills.example"

    response = submit(form_data)

    assert response.status_code == 302
    assert response["Location"] == THANK_YOU_URL
    assert Enquiry.objects.count() == 0
    assert mailoutbox == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, contact_page):
    html = client.get(CONTACT_URL).content.decode()

    wrapper = html[html.index('class="intake-hp"') - 10 : html.index('name="website"') + 200]
    assert 'aria-hidden="true"' in wrapper
    assert 'tabindex="-1"' in wrapper
    assert 'autocomplete="off"' in wrapper


def test_a_form_sent_too_fast_is_stored_as_spam(submit, form_data):
    form_data["started"] = started_token(seconds_ago=1)

    response = submit(form_data)

    assert response["Location"] == THANK_YOU_URL
    enquiry = Enquiry.objects.get()
    assert enquiry.status == "spam"
    assert enquiry.spam_reasons == "too_fast"


@pytest.mark.parametrize("token", ["", "contact-form:abc:forged", "garbage"])
def test_missing_or_forged_timestamp_is_stored_as_spam(submit, form_data, token):
    form_data["started"] = token

    response = submit(form_data)

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.status == "spam"
    assert enquiry.spam_reasons == "bad_timestamp"


def test_an_hours_old_timestamp_from_a_cached_page_is_fine(submit, form_data):
    form_data["started"] = started_token(seconds_ago=6 * 60 * 60)

    submit(form_data)

    assert Enquiry.objects.get().status == "new"


def test_form_token_from_the_page_works_once_the_person_took_their_time(
    client, submit, form_data, settings
):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    html = client.get(CONTACT_URL).content.decode()
    token = html.split('name="started" value="')[1].split('"')[0]
    form_data["started"] = token

    submit(form_data)

    assert Enquiry.objects.get().status == "new"


def test_many_links_mark_a_message_as_spam(submit, form_data):
    form_data["message"] = "Visit https://a.example and http://b.example or www.c.example"

    submit(form_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.status == "spam"
    assert "many_links" in enquiry.spam_reasons


def test_a_link_or_two_is_fine(submit, form_data):
    form_data["message"] = "My GP's letter is at https://gp.example/letter, see also www.x.example"

    submit(form_data)

    assert Enquiry.objects.get().status == "new"


def test_forum_markup_marks_a_message_as_spam(submit, form_data):
    form_data["message"] = "Great site [url=http://x.example]cheap[/url]"

    submit(form_data)

    assert "markup" in Enquiry.objects.get().spam_reasons


def test_suspected_spam_is_not_notified_or_acknowledged(submit, form_data, mailoutbox):
    form_data["started"] = ""

    submit(form_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.notification_status == "not_needed"
    assert enquiry.acknowledgement_status == "not_needed"
    assert mailoutbox == []


def test_suspected_spam_with_crisis_language_is_urgent_not_spam_and_alerts_staff(
    submit, form_data, mailoutbox
):
    form_data.update(started="", message="I want to kill myself")

    submit(form_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.status == "new"  # never hidden in the spam folder
    assert enquiry.spam_reasons == "bad_timestamp"  # the reason is kept for staff
    assert enquiry.urgent is True
    # Staff are told; the address a bot may have typed gets no acknowledgement.
    assert [m.to for m in mailoutbox] == [["intake@willowmere-clinic.example"]]


@pytest.mark.backend_specific  # rate-limit rows updated with F()
def test_rate_limit_answers_429_with_the_form_preserved(submit, form_data, settings):
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 2
    for _ in range(2):
        assert submit(form_data).status_code == 302
    form_data["message"] = "My third message, typed with care."

    response = submit(form_data)

    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several messages in a short time" in html
    assert "My third message, typed with care." in html
    assert 'value="Rowan Tenney"' in html
    assert response["Retry-After"] == str(settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert Enquiry.objects.count() == 2


@pytest.mark.backend_specific  # rate-limit rows updated with F()
def test_rate_limit_is_per_client_address(submit, form_data, settings):
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    assert submit(form_data, REMOTE_ADDR="198.51.100.1").status_code == 302

    assert submit(form_data, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert submit(form_data, REMOTE_ADDR="198.51.100.2").status_code == 302


@pytest.mark.backend_specific  # rate-limit rows updated with F()
def test_invalid_submissions_do_not_use_up_the_limit(submit, form_data, settings):
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    for _ in range(3):
        assert submit({**form_data, "email": "wrong"}).status_code == 200

    assert submit(form_data).status_code == 302


@pytest.mark.backend_specific  # rate-limit rows updated with F()
def test_honeypot_submissions_count_towards_the_limit(submit, form_data, settings):
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    submit({**form_data, "website": "spam"})

    assert submit(form_data).status_code == 429


# What each proxy of ours appends: the CDN the client's address, nginx the CDN's.
CLIENT = "203.0.113.9"
CDN = "198.51.100.70"
NGINX = "10.0.0.5"  # the app sees it as REMOTE_ADDR
FORGED = "192.0.2.66"  # what a client writes into the header itself
OTHER_CLIENT = "198.51.100.20"


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for"),
    [
        (0, CLIENT, ""),
        (1, NGINX, CLIENT),
        (2, NGINX, f"{CLIENT}, {CDN}"),
    ],
)
def test_the_client_address_is_found_behind_each_number_of_proxies(
    rf, settings, proxies, remote_addr, forwarded_for
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post(CONTACT_URL, REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == CLIENT


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for"),
    [
        (0, CLIENT, FORGED),
        (1, NGINX, f"{FORGED}, {CLIENT}"),
        (2, NGINX, f"{FORGED}, {CLIENT}, {CDN}"),
        (2, NGINX, f"{FORGED}, {FORGED}, {CLIENT}, {CDN}"),
    ],
)
def test_a_forged_forwarded_for_entry_changes_nothing(
    rf, settings, proxies, remote_addr, forwarded_for
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post(CONTACT_URL, REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == CLIENT


@pytest.mark.backend_specific  # rate-limit rows updated with F()
def test_behind_two_proxies_each_client_has_its_own_rate_limit(submit, form_data, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.INTAKE_RATE_LIMIT_SUBMISSIONS = 1
    behind_proxies = {"REMOTE_ADDR": NGINX}
    assert (
        submit(form_data, HTTP_X_FORWARDED_FOR=f"{CLIENT}, {CDN}", **behind_proxies).status_code
        == 302
    )

    # The same client with a forged entry in front is still over its limit ...
    forged = submit(form_data, HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}, {CDN}", **behind_proxies)
    assert forged.status_code == 429
    # ... while another client behind the same proxies is not.
    other = submit(form_data, HTTP_X_FORWARDED_FOR=f"{OTHER_CLIENT}, {CDN}", **behind_proxies)
    assert other.status_code == 302


def test_client_address_hash_depends_on_the_secret_key(settings):
    first = hash_client_ip("203.0.113.9")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"

    assert hash_client_ip("203.0.113.9") != first


def test_csrf_protection_stays_on(contact_page, form_data):
    strict_client = Client(enforce_csrf_checks=True)

    response = strict_client.post(CONTACT_URL, form_data)

    assert response.status_code == 403
    assert Enquiry.objects.count() == 0
