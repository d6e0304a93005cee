"""StreamField blocks shared by every page type (standard pages, home page, articles)."""

import re

from bs4 import BeautifulSoup, Tag
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, Site

from clinic.links import UNSAFE_LINK, is_safe_link, links_in_html
from clinic.site_settings import ClinicSettings

# Paragraphs may not contain h1 (the page title) nor raw HTML; headings and lists have blocks
# of their own, so there is one way to make each.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "superscript"]
LIST_FEATURES = ["ul", "ol", "bold", "italic", "link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120,
        help_text="A few words saying what the section is about, e.g. a question readers ask.",
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Subheading (h3)")],
        default="h2",
        help_text="Subheadings divide a section; the first heading is a section heading.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "blocks/heading_block.html"
        description = "A section heading; h2 headings appear in the table of contents."
        preview_value = {"text": "What causes back pain?", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


# Ids the site's templates give elements of their own (the skip link's target, section
# headings around the body): a heading titled "Main" must not take one of them.
TEMPLATE_IDS = frozenset(
    {
        "main",
        "toc-heading",
        "related-heading",
        "contact-cta-heading",
        "latest-articles-heading",
        "references-heading",
        "key-points-heading",
    }
)
NUMBERED_TEMPLATE_ID = re.compile(r"source-\d+")  # each of an article's numbered sources


def heading_anchor(text):
    """A stable id for a heading, so links to a section keep working after edits elsewhere."""
    anchor = slugify(text) or "section"
    taken = anchor in TEMPLATE_IDS or NUMBERED_TEMPLATE_ID.fullmatch(anchor)
    return f"{anchor}-section" if taken else anchor


def refuse_unsafe_links_in(html):
    """Links in text are http(s), mailto: or tel:, or on this site (clinic.links)."""
    unsafe = [url for url in links_in_html(html) if not is_safe_link(url)]
    if unsafe:
        raise ValidationError(UNSAFE_LINK.format(url=unsafe[0][:80]))


def refuse_unsafe_links_in_child(value, name):
    """The same for a rich-text child of a StructBlock, with the error on that child."""
    try:
        refuse_unsafe_links_in(value[name].source if value[name] else "")
    except ValidationError as error:
        raise StructBlockValidationError(block_errors={name: error}) from error


class SafeLinksMixin:
    """For a RichTextBlock: its links are validated as every link on the site is."""

    def clean(self, value):
        value = super().clean(value)
        refuse_unsafe_links_in(value.source)
        return value


class ParagraphBlock(SafeLinksMixin, blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault(
            "help_text",
            "Short paragraphs in plain words read best. Lists and headings have blocks of "
            "their own.",
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "blocks/paragraph_block.html"
        description = "Running text, with bold, italic and links."
        preview_value = "<p>Back pain is one of the most common reasons people see a doctor.</p>"


class ListBlock(SafeLinksMixin, blocks.RichTextBlock):
    """A bulleted or numbered list, typed as one: Enter adds an item, as in any editor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", LIST_FEATURES)
        kwargs.setdefault(
            "help_text",
            'Start a line with "- " for bullets or "1. " for numbers (or type "/" and choose '
            "a list), then type: Enter starts the next item.",
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not is_only_lists(value.source):
            raise ValidationError(NOT_A_LIST)
        return value

    class Meta:
        icon = "list-ul"
        label = "List"
        template = "blocks/list_block.html"
        description = "A bulleted or numbered list, e.g. causes, risks or prevention tips."
        preview_value = "<ul><li>Poor posture</li><li>Stress</li><li>Poor sleep</li></ul>"


NOT_A_LIST = (
    'Make this a bulleted or numbered list (start a line with "- " or "1. "), or put the text '
    "in a paragraph block."
)


def is_only_lists(html):
    """The rich text is one or more lists with no text around them (an empty paragraph, left
    by pressing Enter twice at the end of a list, doesn't count)."""
    nodes = BeautifulSoup(html, "html.parser").contents
    lists = [node for node in nodes if isinstance(node, Tag) and node.name in ("ul", "ol")]
    others = [node for node in nodes if node not in lists and node.get_text().strip()]
    return bool(lists) and not others


def list_html(items, numbered=False):
    """A list block's value from its items' text (importers and the demo build lists so)."""
    tag = "ol" if numbered else "ul"
    return f"<{tag}>{''.join(f'<li>{escape(item)}</li>' for item in items)}</{tag}>"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        help_text="The words quoted, without quotation marks. Never a patient's story: "
        "educational articles carry no testimonials."
    )
    attribution = blocks.CharBlock(
        required=False,
        default="",
        max_length=200,
        help_text="Who said or wrote it, e.g. a clinician's name and role, or a publication.",
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "blocks/quote_block.html"
        description = "A passage set apart, with who said it."
        preview_value = {
            "text": "Pain is real, and so is recovery.",
            "attribution": "Dr. Imogen Farrow, pain physician",
        }


# The label a box has unless the editor writes another, by urgency, in the reader's language.
DEFAULT_CALLOUT_LABELS = {
    "info": _("Good to know"),
    "urgent": _("Get medical help today"),
    "emergency": _("Emergency: call {emergency_number}"),
}


def lead_in_block():
    """The sentence that leads into an advice box's list. (Stored as `heading`; editors see
    it as what it is, beside the box's title.)"""
    return blocks.CharBlock(
        required=False,
        default="",
        max_length=120,
        label="Lead-in sentence",
        help_text='Introduces the list below it, e.g. "Call 911 if you have back pain with".',
    )


def advice_block():
    return blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"],
        label="Advice",
        help_text="The advice itself; a bulleted list of signs reads quickest.",
    )


class AdviceBoxBlock(blocks.StructBlock):
    """What every advice box does: its advice's links are checked as every link is."""

    def clean(self, value):
        value = super().clean(value)
        refuse_unsafe_links_in_child(value, "text")
        return value


class CalloutBlock(AdviceBoxBlock):
    urgency = blocks.ChoiceBlock(
        choices=[
            ("info", "Advice (blue)"),
            ("urgent", "Urgent: get help today (amber)"),
            ("emergency", "Emergency (red)"),
        ],
        default="info",
        help_text="How urgent the advice is; sets the box's colour and icon.",
    )
    label = blocks.CharBlock(
        required=False,
        default="",
        max_length=60,
        label="Box title",
        help_text='The bold words at the top of the box, e.g. "Call or text 988" for thoughts '
        'of suicide. Left empty: "Good to know", "Get medical help today" or "Emergency: call '
        '911".',
    )
    heading = lead_in_block()
    text = advice_block()

    class Meta:
        icon = "warning"
        label = "Callout"
        template = "blocks/callout_block.html"
        description = "Advice boxed by urgency, as health services present it."
        preview_value = {
            "urgency": "urgent",
            "label": "",
            "heading": "See a doctor today if you have back pain with",
            "text": "<ul><li>a fever</li><li>weakness in one leg that is getting worse</li></ul>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # str() first: the label is translated, then the number filled in.
        context["label"] = value["label"] or str(DEFAULT_CALLOUT_LABELS[value["urgency"]]).format(
            emergency_number=emergency_number(context.get("request"))
        )
        return context


class UrgencyTier(models.TextChoices):
    """The three urgency tiers health services use, one wording everywhere (issue #21)."""

    EMERGENCY = "emergency", "Call 911 now (red)"
    TODAY = "today", "Get seen today (amber)"
    ROUTINE = "routine", "See your doctor if… (blue)"


# What readers see above each tier's box, in their language; fixed, so that every page says the
# same thing for the same urgency. The colour is the callout's of the same urgency.
URGENCY_TIER_LABELS = {
    UrgencyTier.EMERGENCY: _("Call {emergency_number} now"),
    UrgencyTier.TODAY: _("Get seen today"),
    UrgencyTier.ROUTINE: _("See your doctor if…"),
}
URGENCY_TIER_COLOURS = {
    UrgencyTier.EMERGENCY: "emergency",
    UrgencyTier.TODAY: "urgent",
    UrgencyTier.ROUTINE: "info",
}


class UrgencyBlock(AdviceBoxBlock):
    """When to get help, in one of three tiers with a fixed label and colour each: "Call 911
    now", "Get seen today", "See your doctor if…"."""

    tier = blocks.ChoiceBlock(
        choices=UrgencyTier.choices,
        default=UrgencyTier.EMERGENCY,
        help_text="Sets the box's label and colour; readers see the same words on every page.",
    )
    heading = lead_in_block()
    text = advice_block()

    class Meta:
        icon = "warning"
        label = "When to get help"
        template = "blocks/urgency_block.html"
        description = 'A "Call 911 now", "Get seen today" or "See your doctor if…" box.'
        preview_value = {
            "tier": "today",
            "heading": "See a doctor today if you have back pain with",
            "text": "<ul><li>a fever</li><li>weakness in one leg that is getting worse</li></ul>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["label"] = urgency_label(value["tier"], context.get("request"))
        context["colour"] = URGENCY_TIER_COLOURS[value["tier"]]
        context["same_day_contact"] = same_day_contact(value["tier"], context.get("request"))
        return context


def urgency_label(tier, request=None):
    """A tier's label in the reader's language, with the site's emergency number."""
    return str(URGENCY_TIER_LABELS[tier]).format(emergency_number=emergency_number(request))


def same_day_contact(tier, request):
    """The Clinic settings whose phone and opening hours a "Get seen today" box gives under
    its advice, so "call us today" comes with the number and the hours (read from the
    settings at each render, they stay true when staff change them). None for the other
    tiers, and where the settings have no phone."""
    if tier != UrgencyTier.TODAY:
        return None
    clinic = clinic_settings(request)
    return clinic if clinic is not None and clinic.phone_href else None


def emergency_number(request):
    """The site's emergency number (Clinic settings), or 911 where there is no site."""
    clinic = clinic_settings(request)
    return clinic.emergency_number if clinic is not None else "911"


def clinic_settings(request):
    """The Clinic settings of the request's site, or None where there is no request or site
    (a block rendered outside a page)."""
    try:
        return ClinicSettings.for_request(request)
    except (AttributeError, ClinicSettings.DoesNotExist, Site.DoesNotExist):
        return None


class CaptionedImageBlock(blocks.StructBlock):
    """Wagtail's ImageBlock (alt text chosen for this context) plus an optional caption."""

    image = ImageBlock(
        help_text="Describe the image for people who cannot see it, or mark it decorative."
    )
    caption = blocks.CharBlock(
        required=False,
        default="",
        max_length=250,
        help_text="Shown under the image. Say when a chart is an illustration, not real data.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_block.html"
        description = "A photo, drawing or chart, with alt text and an optional caption."

    def get_preview_value(self):
        """The newest image in the library, if there is one, shown as the example."""
        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return self.get_default()
        return self.normalize(
            {
                "image": {"image": image, "alt_text": image.title, "decorative": False},
                "caption": "An example caption",
            }
        )


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, help_text='What you invite the reader to do, e.g. "Talk to our team".'
    )
    text = blocks.TextBlock(required=False, default="", help_text="One or two sentences on why.")
    page = blocks.PageChooserBlock(
        help_text="Where the button leads. Links to the contact page record the article the "
        "reader came from."
    )
    button_label = blocks.CharBlock(
        max_length=60, help_text='A verb and what follows, e.g. "Send us a message".'
    )

    class Meta:
        icon = "link"
        label = "Call to action"
        template = "blocks/call_to_action_block.html"
        description = "A boxed invitation with a button, e.g. to the contact form."

    def get_preview_value(self):
        return self.normalize(
            {
                "heading": "Talk to our team",
                "text": "We treat pain and mood together.",
                "page": Page.objects.filter(depth=2).first(),
                "button_label": "Send us a message",
            }
        )


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250, help_text="As a reader would ask it.")
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], help_text="A short, direct answer."
    )

    def clean(self, value):
        value = super().clean(value)
        refuse_unsafe_links_in_child(value, "answer")
        return value


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        default="Frequently asked questions",
        help_text="The section heading above the questions.",
    )
    items = blocks.ListBlock(FAQItemBlock(), min_num=1, help_text="One question and answer each.")

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "blocks/faq_block.html"
        description = "Question and answer pairs; also published as FAQPage structured data."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Do I need a referral?",
                    "answer": "<p>No. You can contact us yourself.</p>",
                }
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Anchored like a heading block, so two FAQ blocks never share an id.
        context["anchor"] = heading_anchor(value["heading"])
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    list = ListBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    urgency = UrgencyBlock()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
