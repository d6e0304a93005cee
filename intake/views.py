"""The contact page's views: the form (GET and POST) and the thank-you page.

The form page is served to anonymous visitors from the shared page cache, so its HTML holds
nothing about the visitor except the CSRF token. Everything after a POST is private.
"""

import logging
import math

from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext

from clinic.site_settings import ClinicSettings
from intake import actions
from intake.choices import SpamReason, Topic
from intake.forms import EnquiryForm, live_page_or_none
from intake.safety import assess
from intake.spam import (
    client_ip,
    count_submission,
    hash_client_ip,
    seconds_until_allowed,
    spam_reasons,
)

logger = logging.getLogger(__name__)

THANK_YOU_SESSION_KEY = "intake:thank-you"
URGENT = "urgent"
RECEIVED = "received"


def contact_form(page, request):
    if request.method == "POST":
        return submit(page, request)
    source = live_page_or_none(request.GET.get("from"))
    initial = {"source": source.pk if source else ""}
    # The page the person came from says what it is about (?topic=, intake_tags.contact_url).
    if request.GET.get("topic") in Topic.values:
        initial["topic"] = request.GET["topic"]
    form = EnquiryForm(initial=initial, **form_options(page, request))
    return render_form(page, request, form)


def submit(page, request):
    """Take a message from the contact form.

    A message with crisis language is never turned away: not by the rate limit, the
    honeypot or any spam check (their reasons are stored for staff). Only a form the person
    must correct (no way to reach them, no consent) is shown again, with the crisis
    resources first."""
    ip_hash = hash_client_ip(client_ip(request))
    form = EnquiryForm(request.POST, **form_options(page, request))
    assessment = assess(form.data.get("message", ""), clinic_settings(request).crisis_phrase_list)
    if form.says_thoughts_of_harm:
        assessment = assessment.self_reported()
    wait_seconds = seconds_until_allowed(ip_hash)
    if not assessment.urgent:
        if wait_seconds:
            return rate_limited(page, request, form, wait_seconds)
        if form.honeypot_filled:
            count_submission(ip_hash)
            logger.info("Contact form: discarded a submission with the honeypot filled")
            return redirect_to_thank_you(page, request, urgent=False)
    if not form.is_valid():
        return render_form(page, request, form, urgent=assessment.urgent)
    count_submission(ip_hash)
    data = form.cleaned_data
    reasons = spam_reasons(data["started"], data["name"], data["message"])
    if form.honeypot_filled:
        reasons.append(SpamReason.HONEYPOT)
    if wait_seconds:
        reasons.append(SpamReason.RATE_LIMITED)
    enquiry = actions.receive_enquiry(
        form,
        client_ip_hash=ip_hash,
        spam_reasons=reasons,
        acknowledge=page.send_acknowledgement,
        assessment=assessment,
    )
    logger.info("Contact form: enquiry %s received (status %s)", enquiry.pk, enquiry.status)
    # What the person wrote decides their page; staff may see it urgent for an earlier message.
    return redirect_to_thank_you(page, request, urgent=assessment.urgent)


def rate_limited(page, request, form, wait_seconds):
    """429, with what the person typed, when they may send again, and who to call now."""
    form.add_error(None, rate_limited_message(clinic_settings(request), wait_seconds))
    response = render_form(page, request, form, status=429)
    response["Retry-After"] = str(wait_seconds)
    return response


def rate_limited_message(clinic, wait_seconds):
    minutes = max(1, math.ceil(wait_seconds / 60))
    when = ngettext("in about %(count)d minute", "in about %(count)d minutes", minutes) % {
        "count": minutes
    }
    call = gettext(", or call us on %(phone)s") % {"phone": clinic.phone} if clinic.phone else ""
    return gettext(
        "You have sent several messages in a short time, so we could not send this one yet. "
        "What you wrote is still below: you can send it %(when)s%(call)s."
    ) % {"when": when, "call": call}


def thank_you(page, request):
    # The session, not the URL, says which variant to show: it holds no personal data, and
    # nobody can send a person a link that hides the crisis resources from them.
    urgent = request.session.get(THANK_YOU_SESSION_KEY) == URGENT
    response = page.render(
        request,
        template="intake/contact_page_thank_you.html",
        # On the urgent page the crisis resources lead; the header's bar would say them twice.
        context_overrides={"urgent": urgent, "hide_crisis_bar": urgent},
    )
    add_never_cache_headers(response)
    return response


def render_form(page, request, form, status=200, urgent=False):
    response = page.render(request, context_overrides={"form": form, "urgent": urgent})
    response.status_code = status
    if request.method == "POST":
        # What the person typed is in this page: no cache may keep it.
        add_never_cache_headers(response)
    return response


def redirect_to_thank_you(page, request, urgent):
    request.session[THANK_YOU_SESSION_KEY] = URGENT if urgent else RECEIVED
    response = redirect(page.get_url(request) + page.reverse_subpage("thank_you"))
    add_never_cache_headers(response)
    return response


def clinic_settings(request):
    return ClinicSettings.for_request(request)


def form_options(page, request):
    """What the contact form takes from the page and the clinic: the privacy page its
    consent links to, the opening hours its call-back times come from, and the crisis lines
    named next to the self-harm question."""
    clinic = clinic_settings(request)
    return {
        "privacy_page": privacy_page(page),
        "weekly_hours": clinic.weekly_hours,
        "crisis_lines": clinic.crisis_lines(),
    }


def privacy_page(page):
    """The privacy page the consent links to, in the language being read when it has one."""
    linked = page.privacy_page
    return linked.localized if linked is not None and linked.live else None
