"""Crisis help is never blocked: not by the rate limit, the honeypot or the spam checks.

Other messages over the rate limit get a clear answer that keeps what they typed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from clinic.site_settings import ClinicSettings
from intake.choices import SpamReason, Status
from intake.models import Enquiry, SubmissionWindow
from tests.fixtures.intake import THANK_YOU_URL, started_token

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): rate-limit counts
# are database rows updated with F().
pytestmark = pytest.mark.backend_specific

CRISIS = "I have been thinking about suicide lately… Please call me"


def fill_the_rate_limit(submit, form_data, settings):
    for number in range(settings.INTAKE_RATE_LIMIT_SUBMISSIONS):
        response = submit({**form_data, "message": f"Question number {number} about my back"})
        assert response.status_code == 302


def test_a_crisis_message_over_the_rate_limit_is_stored_urgent(submit, form_data, settings, client):
    fill_the_rate_limit(submit, form_data, settings)

    response = submit({**form_data, "message": CRISIS})

    assert response.status_code == 302
    assert response["Location"].endswith(THANK_YOU_URL)
    enquiry = Enquiry.objects.get(urgent=True)
    assert enquiry.status == Status.NEW
    assert enquiry.spam_reasons == SpamReason.RATE_LIMITED
    html = client.get(THANK_YOU_URL).content.decode()
    assert "safety-notice--urgent" in html


def test_a_crisis_message_with_the_honeypot_filled_is_stored_not_discarded(submit, form_data):
    response = submit({**form_data, "message": CRISIS, "website": "https://example.com"})

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.urgent
    assert enquiry.status == Status.NEW
    assert SpamReason.HONEYPOT in enquiry.spam_reasons.split(",")


def test_a_crisis_message_sent_too_fast_is_urgent_not_spam(submit, form_data):
    response = submit({**form_data, "message": CRISIS, "started": started_token(seconds_ago=0)})

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.urgent
    assert enquiry.status == Status.NEW
    assert enquiry.spam_reasons == SpamReason.TOO_FAST


def test_a_crisis_message_with_links_is_urgent_not_spam(submit, form_data):
    message = f"{CRISIS} https://a.example https://b.example https://c.example"

    submit({**form_data, "message": message})

    enquiry = Enquiry.objects.get()
    assert (enquiry.urgent, enquiry.status) == (True, Status.NEW)
    assert enquiry.spam_reasons == SpamReason.MANY_LINKS


def test_a_crisis_message_that_needs_correcting_shows_help_before_the_errors(submit, form_data):
    response = submit({**form_data, "message": CRISIS, "email": ""})

    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") :]
    assert main.index("safety-notice--urgent") < main.index("There is a problem with your message")
    assert 'href="tel:988"' in main and 'href="tel:911"' in main
    assert "thinking about suicide lately" in html  # what they typed is kept
    assert not Enquiry.objects.exists()


def test_an_ordinary_message_over_the_limit_keeps_the_text_and_says_when_and_who_to_call(
    submit, form_data, settings, demo_site
):
    clinic = ClinicSettings.for_site(demo_site.get_site())
    fill_the_rate_limit(submit, form_data, settings)

    response = submit({**form_data, "message": "One more question about parking"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "One more question about parking" in html
    assert "you can send it in about 60 minutes" in html
    assert clinic.phone and clinic.phone in html
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    assert int(response["Retry-After"]) > 3500
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert Enquiry.objects.count() == settings.INTAKE_RATE_LIMIT_SUBMISSIONS


def test_rate_limit_counts_live_in_the_database_not_in_a_process(submit, form_data, settings):
    fill_the_rate_limit(submit, form_data, settings)
    for cache in caches.all():
        cache.clear()  # a restarted worker or another process has empty caches

    response = submit({**form_data, "message": "Another ordinary question"})

    assert response.status_code == 429
    window = SubmissionWindow.objects.get()
    assert window.count == settings.INTAKE_RATE_LIMIT_SUBMISSIONS


def test_the_urgent_page_leads_with_tap_targets_and_promises_no_reply_time(
    submit, form_data, client
):
    submit({**form_data, "message": CRISIS})

    html = client.get(THANK_YOU_URL).content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    assert main.index("crisis-action") < main.index("We have your message")
    for href in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', "988lifeline.org/chat"):
        assert main.count(href) == 1, href  # each thing said once
    assert "crisis-bar" not in html  # the header's bar would repeat them
    assert "two working days" not in html


def test_ended_rate_limit_windows_are_pruned_by_the_daily_purge(submit, form_data, settings):
    submit(form_data)
    window = SubmissionWindow.objects.get()
    window.started_at = timezone.now() - timedelta(
        seconds=settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS + 1
    )
    window.save()

    call_command("purge_enquiries", stdout=StringIO())

    assert not SubmissionWindow.objects.exists()
