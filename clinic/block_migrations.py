"""StreamField data migrations shared by the apps whose pages have a body of
clinic.blocks.BodyStreamBlock (used by their migrations, so kept stable)."""

import uuid

from bs4 import BeautifulSoup, Tag
from django.utils.deconstruct import deconstructible
from django.utils.html import escape
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class ListsAsRichTextOperation(BaseBlockOperation):
    """Lists become one kind of block, typed as rich text: a list block's items (once a list
    of short texts) become its <ul> or <ol>, and a list inside a paragraph moves out into a
    list block of its own, in place, so nothing is lost when paragraphs stop offering lists.

    Applied to the top-level stream (block path "")."""

    def apply(self, block_value):
        converted = []
        for child in block_value:
            if child["type"] == "list" and isinstance(child["value"], dict):
                converted.append({**child, "value": items_as_html(child["value"])})
            elif child["type"] == "paragraph" and has_list(child["value"]):
                converted.extend(split_paragraph(child))
            else:
                converted.append(child)
        return converted

    @property
    def operation_name_fragment(self):
        return "lists_as_rich_text"


def items_as_html(value):
    tag = "ol" if value.get("style") == "numbered" else "ul"
    items = "".join(f"<li>{escape(item)}</li>" for item in value.get("items", []))
    return f"<{tag}>{items}</{tag}>"


def has_list(html):
    nodes = BeautifulSoup(html, "html.parser").contents
    return any(isinstance(node, Tag) and node.name in ("ul", "ol") for node in nodes)


def split_paragraph(child):
    """The paragraph's runs of text and its lists, each a block, in order."""
    blocks = []
    for node in BeautifulSoup(child["value"], "html.parser").contents:
        is_list = isinstance(node, Tag) and node.name in ("ul", "ol")
        kind = "list" if is_list else "paragraph"
        if not is_list and not str(node).strip():
            continue
        if blocks and blocks[-1]["type"] == kind == "paragraph":
            blocks[-1]["value"] += str(node)
        else:
            blocks.append({"type": kind, "value": str(node), "id": str(uuid.uuid4())})
    if blocks:
        blocks[0]["id"] = child.get("id", blocks[0]["id"])
    return blocks
