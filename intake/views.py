"""The contact page's views: the form (GET and POST) and the thank-you page.

The form page is served to anonymous visitors from the shared page cache, so its HTML holds
nothing about the visitor except the CSRF token. Everything after a POST is private.
"""

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from intake import actions
from intake.forms import EnquiryForm, live_page_or_none
from intake.spam import client_ip, count_submission, hash_client_ip, is_rate_limited, spam_reasons

logger = logging.getLogger(__name__)

THANK_YOU_SESSION_KEY = "intake:thank-you"
URGENT = "urgent"
RECEIVED = "received"
RATE_LIMITED_MESSAGE = (
    "You have sent several messages in a short time, so we could not accept this one. "
    "What you wrote is still below: please try again later, or call us."
)


def contact_form(page, request):
    if request.method == "POST":
        return submit(page, request)
    source = live_page_or_none(request.GET.get("from"))
    form = EnquiryForm(
        initial={"source": source.pk if source else ""}, privacy_page=privacy_page(page)
    )
    return render_form(page, request, form)


def submit(page, request):
    ip_hash = hash_client_ip(client_ip(request))
    form = EnquiryForm(request.POST, privacy_page=privacy_page(page))
    if is_rate_limited(ip_hash):
        form.add_error(None, RATE_LIMITED_MESSAGE)
        response = render_form(page, request, form, status=429)
        response["Retry-After"] = str(settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS)
        return response
    if form.honeypot_filled:
        count_submission(ip_hash)
        logger.info("Contact form: discarded a submission with the honeypot filled")
        return redirect_to_thank_you(page, request, urgent=False)
    if not form.is_valid():
        return render_form(page, request, form)
    count_submission(ip_hash)
    data = form.cleaned_data
    enquiry = actions.receive_enquiry(
        form,
        client_ip_hash=ip_hash,
        spam_reasons=spam_reasons(data["started"], data["name"], data["message"]),
        acknowledge=page.send_acknowledgement,
    )
    logger.info("Contact form: enquiry %s received (status %s)", enquiry.pk, enquiry.status)
    return redirect_to_thank_you(page, request, urgent=enquiry.urgent)


def thank_you(page, request):
    # The session, not the URL, says which variant to show: it holds no personal data, and
    # nobody can send a person a link that hides the crisis resources from them.
    urgent = request.session.get(THANK_YOU_SESSION_KEY) == URGENT
    response = page.render(
        request,
        template="intake/contact_page_thank_you.html",
        context_overrides={"urgent": urgent},
    )
    add_never_cache_headers(response)
    return response


def render_form(page, request, form, status=200):
    response = page.render(request, context_overrides={"form": form})
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


def privacy_page(page):
    linked = page.privacy_page
    return linked if linked is not None and linked.live else None
