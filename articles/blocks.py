"""The article body: the site's shared StreamField blocks (clinic/blocks.py), with section
headings that must be unique, so every table-of-contents link lands on its own section, and in
order without gaps, so screen reader users can navigate by heading level."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from clinic.blocks import BodyStreamBlock, heading_anchor
from clinic.links import is_web_url

DUPLICATE_HEADING = "Another heading has the same text; give each section its own heading."
SUBHEADING_FIRST = (
    "A subheading (h3) must come after a section heading (h2); make this one a section "
    "heading or add a section heading above it."
)


@dataclass(frozen=True)
class Heading:
    """A heading the body renders: a heading block, or the title of an FAQ block (an h2)."""

    position: int
    text_field: str  # the block's field that holds the text, where its error is shown
    text: str
    level: str

    @property
    def anchor(self):
        return heading_anchor(self.text)


def body_headings(stream_value):
    """Every heading of a body, in order."""
    for position, child in enumerate(stream_value):
        if child.block_type == "heading":
            yield Heading(position, "text", child.value["text"], child.value["level"])
        elif child.block_type == "faq" and child.value.get("heading"):
            yield Heading(position, "heading", child.value["heading"], "h2")


class ArticleStreamBlock(BodyStreamBlock):
    def clean(self, value):
        value = super().clean(value)
        errors = defaultdict(dict)
        for heading in duplicate_headings(value):
            errors[heading.position][heading.text_field] = ValidationError(DUPLICATE_HEADING)
        for heading in subheadings_before_any_section(value):
            errors[heading.position]["level"] = ValidationError(SUBHEADING_FIRST)
        if errors:
            raise StreamBlockValidationError(
                block_errors={
                    position: StructBlockValidationError(field_errors)
                    for position, field_errors in errors.items()
                }
            )
        return value


def duplicate_headings(stream_value):
    """Headings whose anchor an earlier heading already has."""
    seen = set()
    duplicates = []
    for heading in body_headings(stream_value):
        if heading.anchor in seen:
            duplicates.append(heading)
        seen.add(heading.anchor)
    return duplicates


def subheadings_before_any_section(stream_value):
    """h3 headings above the first h2: the page would jump from its h1 title to an h3."""
    early = []
    for heading in body_headings(stream_value):
        if heading.level == "h2":
            break
        early.append(heading)
    return early


class SourceValue(blocks.StructValue):
    @property
    def web_url(self):
        """The link, only if it is a web address: what a page or its JSON-LD links to, even
        for a value that reached the database without the form's validation."""
        return self["url"] if self["url"] and is_web_url(self["url"]) else ""


class SourceBlock(blocks.StructBlock):
    """One numbered reference: where a fact in the article comes from."""

    title = blocks.CharBlock(
        max_length=300, help_text="The page's or paper's own title, as its publisher gives it."
    )
    publisher = blocks.CharBlock(
        required=False,
        default="",
        max_length=200,
        help_text='The organisation or journal, e.g. "National Institute of Mental Health".',
    )
    year = blocks.IntegerBlock(
        required=False,
        min_value=1900,
        max_value=2100,
        help_text="The year it was published or last updated.",
    )
    url = blocks.URLBlock(
        label="Link",
        required=False,
        default="",
        help_text="Where readers can find it; leave it empty only for a printed source.",
    )
    accessed = blocks.DateBlock(
        label="Date accessed",
        required=False,
        help_text="When you last checked the page says what the article says.",
    )

    def clean(self, value):
        value = super().clean(value)
        if not is_web_url(value["url"]):
            error = ValidationError("Enter a web address starting with https:// or http://.")
            raise StructBlockValidationError(block_errors={"url": error})
        return value

    class Meta:
        value_class = SourceValue
        icon = "doc-full"
        label = "Source"
        template = "blocks/source_block.html"
        description = "A reference: title, publisher or journal, year, link and date accessed."
        preview_value = {
            "title": "Low back pain",
            "publisher": "National Institute of Arthritis and Musculoskeletal and Skin Diseases",
            "year": 2023,
            "url": "https://www.niams.nih.gov/health-topics/back-pain",
        }


class SourcesBlock(blocks.StreamBlock):
    source = SourceBlock()


class KeyPointsBlock(blocks.StreamBlock):
    """The "Key points" list at the top of a page: a few short sentences, one per point."""

    point = blocks.CharBlock(
        max_length=100,
        label="Key point",
        help_text="One short, plain sentence.",
    )

    class Meta:
        max_num = 5
