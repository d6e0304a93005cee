"""The article body: the site's shared StreamField blocks (clinic/blocks.py), with section
headings that must be unique so every table-of-contents link lands on its own section."""

from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from clinic.blocks import BodyStreamBlock, heading_anchor

DUPLICATE_HEADING = "Another heading has the same text; give each section its own heading."


class ArticleStreamBlock(BodyStreamBlock):
    def clean(self, value):
        value = super().clean(value)
        errors = {
            position: StructBlockValidationError({"text": ValidationError(DUPLICATE_HEADING)})
            for position in duplicate_heading_positions(value)
        }
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def duplicate_heading_positions(stream_value):
    """Positions of headings whose anchor an earlier heading already has."""
    seen = set()
    duplicates = []
    for position, child in enumerate(stream_value):
        if child.block_type != "heading":
            continue
        anchor = heading_anchor(child.value["text"])
        if anchor in seen:
            duplicates.append(position)
        seen.add(anchor)
    return duplicates
