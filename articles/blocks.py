"""The article body: the site's shared StreamField blocks (clinic/blocks.py), with section
headings that must be unique, so every table-of-contents link lands on its own section, and in
order without gaps, so screen reader users can navigate by heading level."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from clinic.blocks import BodyStreamBlock, heading_anchor

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
