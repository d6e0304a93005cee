"""The HTML that Markdown renders, turned into stream blocks; only the inline markup the
paragraph block allows, and safe link targets, are kept."""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from articles.importers.parsed import (
    collapse_whitespace,
    heading_block,
    html_to_text,
    list_block,
    paragraph_block,
)

# Markdown passes raw HTML through, so the HTML it renders is read as a small tree and only
# what the paragraph block allows (bold, italic, links, superscript) is kept.
DROPPED_TAGS = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
    "head", "title", "textarea", "select", "button", "form", "input", "img", "video", "audio",
}  # fmt: skip
CONTAINER_TAGS = {
    "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "table", "thead", "tbody", "tfoot", "tr", "dl", "details", "body", "html",
}  # fmt: skip
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "wbr"}
HEADING_LEVELS = {"h1": "h1", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
INLINE_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "sup": "sup"}
LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    children: list = field(default_factory=list)


class TreeBuilder(HTMLParser):
    """Builds `Element`s from HTML; tolerant of the unclosed and stray tags old content has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.open_elements = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open_elements[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.open_elements.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.open_elements) - 1, 0, -1):
            if self.open_elements[depth].tag == tag:
                del self.open_elements[depth:]
                return

    def handle_data(self, data):
        self.open_elements[-1].children.append(data)


def html_nodes(source):
    builder = TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root.children


def blocks_from_nodes(nodes, notes):
    blocks = []
    for node in nodes:
        if isinstance(node, str):
            if node.strip():
                blocks.append(paragraph_block(html.escape(collapse_whitespace(node), quote=False)))
        elif node.tag in DROPPED_TAGS or node.tag == "hr":
            continue
        elif node.tag in CONTAINER_TAGS:
            blocks.extend(blocks_from_nodes(node.children, notes))
        elif node.tag in HEADING_LEVELS:
            blocks.append(heading_block(plain_text(node.children), HEADING_LEVELS[node.tag]))
        elif node.tag in ("ul", "ol"):
            blocks.append(list_from_element(node, notes))
        elif node.tag == "blockquote":
            blocks.append(quote_from_element(node))
        else:
            blocks.append(paragraph_block(inline_html([node])))
    return [block for block in blocks if block_has_content(block)]


def block_has_content(block):
    value = block["value"]
    if block["type"] == "heading":
        return bool(value["text"])
    if block["type"] == "quote":
        return bool(value["text"])
    return bool(html_to_text(value))


def list_from_element(element, notes):
    if contains_tag(element.children, "a"):
        notes.append("list items keep their text only; re-add their links in the editor")
    style = "numbered" if element.tag == "ol" else "bulleted"
    return list_block(list(list_items(element)), style)


def list_items(list_element):
    """Each item's own text, with nested items after it: the list block has no nesting."""
    for item in child_elements(list_element, "li"):
        own_content = [
            child
            for child in item.children
            if isinstance(child, str) or child.tag not in ("ul", "ol")
        ]
        text = plain_text(own_content)
        if text:
            yield text
        for nested in item.children:
            if isinstance(nested, Element) and nested.tag in ("ul", "ol"):
                yield from list_items(nested)


def quote_from_element(element):
    """A quote block; a last paragraph starting with a dash ("— Dr Kim") is the attribution."""
    paragraphs = [plain_text([child]) for child in element.children]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    attribution = ""
    if len(paragraphs) > 1 and paragraphs[-1].startswith(("—", "–", "-")):
        attribution = paragraphs.pop().lstrip("—–- ")
    return {"type": "quote", "value": {"text": "\n\n".join(paragraphs), "attribution": attribution}}


def child_elements(element, tag):
    return [child for child in element.children if isinstance(child, Element) and child.tag == tag]


def contains_tag(nodes, tag):
    return any(
        isinstance(node, Element) and (node.tag == tag or contains_tag(node.children, tag))
        for node in nodes
    )


def plain_text(nodes):
    """The visible text of `nodes`, without what DROPPED_TAGS hide, on one line."""
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
        elif node.tag not in DROPPED_TAGS:
            # Block children (paragraphs in a list item) would otherwise run into each other.
            parts.append(" " + plain_text(node.children) + " ")
    return collapse_whitespace("".join(parts))


def inline_html(nodes):
    """Rich text in Wagtail's stored format, keeping only the paragraph block's features."""
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(html.escape(re.sub(r"\s+", " ", node), quote=False))
        elif node.tag in DROPPED_TAGS:
            continue
        elif node.tag == "br":
            parts.append("<br/>")
        elif node.tag in INLINE_TAGS:
            parts.append(wrap_inline(INLINE_TAGS[node.tag], inline_html(node.children)))
        elif node.tag == "a":
            parts.append(link_html(node))
        else:
            parts.append(inline_html(node.children))
    return "".join(parts)


def wrap_inline(tag, inner):
    return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner


def link_html(element):
    inner = inline_html(element.children)
    href = safe_href(element.attributes.get("href", ""))
    if href is None or not inner.strip():
        return inner
    return f'<a href="{html.escape(href)}">{inner}</a>'


def safe_href(href):
    """The link target if it is a web, mail or phone link (or relative); None otherwise."""
    # Browsers ignore spaces and control characters inside a scheme ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", href)
    if not cleaned:
        return None
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    return cleaned if scheme in LINK_SCHEMES else None
