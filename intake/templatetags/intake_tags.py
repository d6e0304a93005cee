"""Template helpers of the intake app: the crisis resources of the safety notice, and the
"Contact us" call to action other pages end with."""

from urllib.parse import quote, urlencode, urlsplit

from django import template

from clinic.models import ClinicSettings, tel_href
from intake.models import ContactPage

register = template.Library()


def sms_href(number, body=""):
    digits = tel_href(number).removeprefix("tel:")
    if not digits:
        return ""
    # "?&body=" is the form both iOS and Android messaging apps read.
    return f"sms:{digits}?&body={quote(body)}" if body else f"sms:{digits}"


def host_of(url):
    """ "https://www.example.org/chat/" -> "example.org", to name a link's destination."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@register.inclusion_tag("intake/includes/safety_notice.html", takes_context=True)
def crisis_resources(context, prominent=False, heading_level=2):
    """The safety notice: crisis numbers and links from the clinic settings."""
    clinic = ClinicSettings.for_request(context["request"])
    return {
        "prominent": prominent,
        "heading_tag": f"h{heading_level}",
        "notice": clinic.crisis_notice,
        "emergency_number": clinic.emergency_number,
        "emergency_href": tel_href(clinic.emergency_number),
        "line_name": clinic.crisis_line_name,
        "line_number": clinic.crisis_line_number,
        "line_call_href": tel_href(clinic.crisis_line_number),
        "line_text_href": sms_href(clinic.crisis_line_number),
        "chat_url": clinic.crisis_chat_url,
        "chat_host": host_of(clinic.crisis_chat_url),
        "text_line_number": clinic.crisis_text_line_number,
        "text_line_keyword": clinic.crisis_text_line_keyword,
        "text_line_href": sms_href(clinic.crisis_text_line_number, clinic.crisis_text_line_keyword),
    }


@register.inclusion_tag("intake/includes/contact_call_to_action.html", takes_context=True)
def contact_call_to_action(context, source=None):
    """A link to the contact form that carries `source` (e.g. an article) as the enquiry's
    source, so staff can see which articles lead people to get in touch."""
    contact_page = ContactPage.objects.live().public().first()
    url = contact_page.get_url(context["request"]) if contact_page else ""
    if url and source is not None and source.pk:
        url = f"{url}?{urlencode({'from': source.pk})}"
    return {"contact_url": url}
