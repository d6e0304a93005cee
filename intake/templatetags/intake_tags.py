"""Template helpers of the intake app: the crisis resources of the safety notice, the contact
page's "not for urgent problems" notice, and the "Contact us" call to action other pages end
with."""

import re
from urllib.parse import urlencode

from django import template

from clinic.crisis_lines import tel_href
from clinic.languages import page_in_current_language
from clinic.site_settings import ClinicSettings
from intake.pages import ContactPage

register = template.Library()


@register.inclusion_tag("intake/includes/safety_notice.html", takes_context=True)
def crisis_resources(context, prominent=False, heading_level=2):
    """The safety notice: the crisis lines of the clinic settings, in the reader's language."""
    clinic = ClinicSettings.for_request(context["request"])
    return {
        "prominent": prominent,
        "heading_tag": f"h{heading_level}",
        "notice": clinic.reader_crisis_notice,
        "lines": clinic.crisis_lines(),
    }


@register.inclusion_tag("intake/includes/not_urgent_notice.html", takes_context=True)
def not_urgent_notice(context):
    """What the form is not for: anything that can't wait for the reply the page promises
    goes to the clinic's phone (with its hours), an emergency to the emergency number. The
    crisis lines are the safety notice's."""
    clinic = ClinicSettings.for_request(context["request"])
    return {
        "clinic": clinic if clinic.phone_href else None,
        "reply_days": clinic.reply_within_working_days,
        "emergency_number": clinic.emergency_number,
        "emergency_href": tel_href(clinic.emergency_number),
    }


def contact_url(request, source=None):
    """The contact form's URL, carrying `source` (e.g. an article) as the enquiry's source,
    so staff can see which articles lead people to get in touch, and the topic it is about.
    "" without a contact page."""
    contact_page = page_in_current_language(ContactPage.objects.live().public())
    url = contact_page.get_url(request) if contact_page else ""
    if url and source is not None and source.pk:
        params = {"from": source.pk}
        # A page may say which of the form's topics its readers write about (an article's
        # or treatment page's `enquiry_topic`): the form starts with it chosen.
        topic = getattr(source, "enquiry_topic", "")
        if topic:
            params["topic"] = topic
        url = f"{url}?{urlencode(params)}"
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
