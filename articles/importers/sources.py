"""A Markdown article's "Sources" or "References" section, read into Sources entries: each
list item (or paragraph) one source, its link the title and address, a year and an
"Accessed …" date picked from the text around it."""

import re

from articles.importers.html_blocks import HEADING_LEVELS, Element, plain_text, safe_href
from articles.importers.parsed import collapse_whitespace, parse_date

SECTION_TITLES = re.compile(r"^(sources|references|sources and references|further reading)$", re.I)
ACCESSED = re.compile(r"\b(?:last\s+)?accessed:?\s+(?P<date>[^.;()]+?\d{4}(?:-\d{2}-\d{2})?)", re.I)
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
BARE_URL = re.compile(r"https?://[^\s<>\"]+")
TRIM = " .,;:—–-()[]"


def split_sources(nodes, notes):
    """The nodes without the sources section, and that section's sources (stream JSON)."""
    for position, node in enumerate(nodes):
        if is_sources_heading(node):
            end = next(
                (
                    later
                    for later in range(position + 1, len(nodes))
                    if is_heading(nodes[later]) and level(nodes[later]) <= level(node)
                ),
                len(nodes),
            )
            sources = [source_from(item, notes) for item in source_items(nodes[position + 1 : end])]
            return [*nodes[:position], *nodes[end:]], [s for s in sources if s is not None]
    return nodes, []


def is_heading(node):
    return isinstance(node, Element) and node.tag in HEADING_LEVELS


def level(node):
    return int(node.tag[1])


def is_sources_heading(node):
    return is_heading(node) and SECTION_TITLES.match(plain_text(node.children)) is not None


def source_items(nodes):
    """Each list item, and each paragraph outside a list, of the section."""
    for node in nodes:
        if not isinstance(node, Element):
            if node.strip():
                yield Element("p", {}, [node])
        elif node.tag in ("ul", "ol"):
            yield from (child for child in node.children if isinstance(child, Element))
        else:
            yield node


def source_from(item, notes):
    text = plain_text(item.children)
    if not text:
        return None
    link = first_link(item)
    if link is not None:
        title, url = plain_text(link.children), safe_href(link.attributes.get("href", ""))
        rest = text.replace(title, " ", 1)
    else:
        match = BARE_URL.search(text)
        url = trim_url(match.group(0)) if match else ""
        before_url = text[: match.start()] if match else text
        title, _, rest = before_url.partition(". ")
        rest = rest + " " + (text[match.start() + len(url) :] if match else "")
    if url:
        rest = rest.replace(url, " ")
    accessed = ACCESSED.search(rest)
    if accessed:
        rest = rest[: accessed.start()] + " " + rest[accessed.end() :]
    years = YEAR.findall(rest)
    if not years and link is None and YEAR.search(title):
        # "A leaflet, 2019." has no second sentence: its year ends the title.
        years = YEAR.findall(title)
        title = YEAR.sub(" ", title)
    title = collapse_whitespace(title).strip(TRIM) or text
    if not url:
        notes.append(f'source "{title[:60]}" has no link; add one in the editor')
    return {
        "type": "source",
        "value": {
            "title": title,
            "publisher": publisher_from(YEAR.sub(" ", rest)),
            "year": int(years[-1]) if years else None,
            "url": url or "",
            "accessed": accessed_date(accessed),
        },
    }


def trim_url(url):
    """A bare address without the punctuation of the sentence around it: a full stop after
    it, or a closing bracket it did not open (DOIs often hold brackets of their own)."""
    while url and (url[-1] in ".,;:" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def publisher_from(rest):
    """What is left of the entry once title, link, year and date are taken out."""
    fragments = (collapse_whitespace(part).strip(TRIM) for part in re.split(r"[.;,]", rest))
    return ", ".join(fragment for fragment in fragments if fragment)


def first_link(element):
    for child in element.children:
        if isinstance(child, Element):
            if child.tag == "a" and safe_href(child.attributes.get("href", "")):
                return child
            found = first_link(child)
            if found is not None:
                return found
    return None


def accessed_date(match):
    if match is None:
        return None
    parsed = parse_date(match["date"].strip(TRIM))
    return parsed.isoformat() if parsed else None
