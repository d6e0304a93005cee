"""Template helpers of the intake app: the crisis resources of the safety notice, and the
"Contact us" call to action other pages end with."""

import re
from urllib.parse import quote, urlencode, urlsplit

from django import template
from django.utils.translation import get_language

from clinic.languages import page_in_current_language
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
        "notice": clinic.reader_crisis_notice,
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
        **spanish_crisis_line(clinic),
    }


def spanish_crisis_line(clinic):
    """The crisis line's own Spanish service, shown where the site is read in Spanish (and
    its Spanish chat instead of the English one)."""
    if get_language() != "es":
        return {}
    return {
        "spanish_option": clinic.crisis_line_spanish_option,
        "spanish_text_keyword": clinic.crisis_text_spanish_keyword,
        "spanish_text_href": sms_href(
            clinic.crisis_line_number, clinic.crisis_text_spanish_keyword
        ),
        # The chat in Spanish, in place of the English one.
        **(
            {
                "chat_url": clinic.crisis_chat_spanish_url,
                "chat_host": host_of(clinic.crisis_chat_spanish_url),
            }
            if clinic.crisis_chat_spanish_url
            else {}
        ),
    }


def contact_url(request, source=None):
    """The contact form's URL, carrying `source` (e.g. an article) as the enquiry's source,
    so staff can see which articles lead people to get in touch. "" without a contact page."""
    contact_page = page_in_current_language(ContactPage.objects.live().public())
    url = contact_page.get_url(request) if contact_page else ""
    if url and source is not None and source.pk:
        url = f"{url}?{urlencode({'from': source.pk})}"
    return url


@register.inclusion_tag("intake/includes/contact_call_to_action.html", takes_context=True)
def contact_call_to_action(context, source=None):
    """The "Contact us today!" box other pages end with."""
    return {"contact_url": contact_url(context["request"], source)}


def with_contact_source(request, html, source):
    """`html` (a rendered body) with every link to the contact page carrying `source` as the
    enquiry's source: the editor's call-to-action blocks and links inside paragraphs alike,
    however the editor made them (a chosen page, a typed URL, with or without a query)."""
    url = contact_url(request, source)
    if "?" not in url:
        return html
    path = url.split("?", 1)[0]
    link = re.compile(r'href="(?:https?://[^/"]+)?' + re.escape(path) + r'(?:\?[^"#]*)?(#[^"]*)?"')
    return link.sub(lambda match: f'href="{url}{match.group(1) or ""}"', html)


class ContactSourceNode(template.Node):
    def __init__(self, nodelist, source):
        self.nodelist = nodelist
        self.source = source

    def render(self, context):
        html = self.nodelist.render(context)
        return with_contact_source(context["request"], html, self.source.resolve(context))


@register.tag
def contactsource(parser, token):
    """`{% contactsource page %}...{% endcontactsource %}`: links to the contact page inside
    carry `page` as the enquiry's source (`with_contact_source`)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("'contactsource' needs the source page.")
    nodelist = parser.parse(("endcontactsource",))
    parser.delete_first_token()
    return ContactSourceNode(nodelist, parser.compile_filter(bits[1]))
