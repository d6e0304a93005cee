"""StreamField blocks shared by every page type (standard pages, home page, articles)."""

from django.utils.text import slugify
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Paragraphs may not contain h1 (the page title) nor raw HTML; headings have their own block.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Subheading (h3)")], default="h2"
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
    {"main", "toc-heading", "related-heading", "contact-cta-heading", "latest-articles-heading"}
)


def heading_anchor(text):
    """A stable id for a heading, so links to a section keep working after edits elsewhere."""
    anchor = slugify(text) or "section"
    return f"{anchor}-section" if anchor in TEMPLATE_IDS else anchor


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Back pain is one of the most common reasons people see a doctor.</p>"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", "Bulleted"), ("numbered", "Numbered")], default="bulleted"
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=500, label="Item"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "List"
        template = "blocks/list_block.html"
        description = "A bulleted or numbered list, e.g. causes, risks or prevention tips."
        preview_value = {"style": "bulleted", "items": ["Poor posture", "Stress", "Poor sleep"]}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "blocks/quote_block.html"
        preview_value = {"text": "Pain is real, and so is recovery.", "attribution": "A patient"}


class CalloutBlock(blocks.StructBlock):
    urgency = blocks.ChoiceBlock(
        choices=[
            ("info", "Non-urgent advice"),
            ("urgent", "Urgent: see a doctor soon"),
            ("emergency", "Emergency: call 911"),
        ],
        default="info",
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = "Callout"
        template = "blocks/callout_block.html"
        description = "Advice boxed by urgency, as health services present it."
        preview_value = {
            "urgency": "urgent",
            "heading": "See a doctor soon if",
            "text": "<p>your pain spreads down one or both legs.</p>",
        }


class CaptionedImageBlock(blocks.StructBlock):
    """Wagtail's ImageBlock (alt text chosen for this context) plus an optional caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock()
    button_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "link"
        label = "Call to action"
        template = "blocks/call_to_action_block.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, default="Frequently asked questions")
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "blocks/faq_block.html"
        description = "Question and answer pairs; also published as FAQPage structured data."

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
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
