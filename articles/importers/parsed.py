"""What every importer produces: the `ParsedArticle`, the error for an unusable file, and the
helpers both formats share (whitespace, dates, blocks, summary, distinct headings)."""

import html
import re
from dataclasses import dataclass
from datetime import date

from django.utils.html import strip_tags

from articles.models import ArticlePage
from clinic.blocks import heading_anchor, list_html

SUMMARY_LIMIT = ArticlePage._meta.get_field("summary").max_length
TITLE_LIMIT = ArticlePage._meta.get_field("title").max_length
SLUG_LIMIT = ArticlePage._meta.get_field("slug").max_length

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# "Nov" and "November" name the same month; "Sept" is a common abbreviation too.
MONTHS = {
    name: number
    for number, full_name in enumerate(MONTH_NAMES, start=1)
    for name in (full_name, full_name[:3])
} | {"sept": 9}
WRITTEN_DATE = re.compile(r"^(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")


class ArticleParseError(ValueError):
    """A file that cannot become an article; the message says why, for the import report."""


@dataclass(frozen=True)
class ParsedArticle:
    """One article read from a file, ready to become an ArticlePage (blocks in stream JSON)."""

    title: str
    slug: str
    date: date | None
    summary: str  # the writer's own; shown under the title as the lead
    description: str  # for listings and search engines: the summary, else the opening
    topics: tuple[str, ...]
    blocks: list[dict]
    sources: tuple[dict, ...] = ()
    notes: tuple[str, ...] = ()


def collapse_whitespace(text):
    # str.split() also splits on the non-breaking spaces that text copied from web pages has.
    return " ".join(text.split())


def same_text(first, second):
    return collapse_whitespace(first).casefold() == collapse_whitespace(second).casefold()


def parse_date(text):
    """The date in "Nov 9, 2022", "November 9, 2022" or "2022-11-09"; None for anything else."""
    text = collapse_whitespace(text)
    match = WRITTEN_DATE.match(text)
    month = MONTHS.get(match["month"].lower()) if match else None
    if match is None or month is None:
        match = ISO_DATE.match(text)
        month = int(match["month"]) if match else None
    if match is None:
        return None
    try:
        return date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def html_to_text(value):
    return collapse_whitespace(html.unescape(strip_tags(value)))


def heading_block(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph_block(inner_html):
    # Dropped tags leave double spaces behind; no kept attribute contains a space to break.
    inner_html = re.sub(r" {2,}", " ", inner_html).strip()
    return {"type": "paragraph", "value": f"<p>{inner_html}</p>"}


def list_block(items, style):
    """A list block of plain-text items; `style` is "bulleted" or "numbered"."""
    return {"type": "list", "value": list_html(items, numbered=style == "numbered")}


def finish_article(
    *, title, slug, blocks, publication_date=None, summary="", topics=(), sources=(), notes=()
):
    """Check what every article needs and fill in what can be derived."""
    if not title:
        raise ArticleParseError("no title")
    if len(title) > TITLE_LIMIT:
        raise ArticleParseError(f"the title is longer than {TITLE_LIMIT} characters")
    if not slug:
        raise ArticleParseError("no URL slug can be made from the title; add a slug")
    if len(slug) > SLUG_LIMIT:
        raise ArticleParseError(f"the slug is longer than {SLUG_LIMIT} characters")
    if not blocks:
        raise ArticleParseError("the article has no body")
    if len(summary) > SUMMARY_LIMIT:
        raise ArticleParseError(f"the summary is longer than {SUMMARY_LIMIT} characters")
    blocks, promoted = first_heading_a_section(blocks)
    blocks, renamed = unique_headings(blocks)
    return ParsedArticle(
        title=title,
        slug=slug,
        date=publication_date,
        # An opening paragraph is not copied into the summary: the page would show it twice,
        # as the lead and again as the first paragraph.
        summary=summary,
        description=summary or summary_from_blocks(blocks),
        topics=tuple(topics),
        blocks=blocks,
        sources=tuple(sources),
        notes=(*notes, *promoted, *renamed),
    )


def first_heading_a_section(blocks):
    """Blocks whose first heading is a section heading (h2), and a note if it was an h3.

    ArticleStreamBlock rejects an h3 before any h2 (headings must not skip a level), and old
    sites often used h3 for their top sections; later h3s then follow an h2 and may stay.
    """
    for position, block in enumerate(blocks):
        if block["type"] != "heading":
            continue
        if block["value"]["level"] != "h3":
            return blocks, []
        text = block["value"]["text"]
        promoted = [*blocks[:position], heading_block(text, "h2"), *blocks[position + 1 :]]
        note = f'first heading "{text}" made a section heading: an article cannot open with an h3'
        return promoted, [note]
    return blocks, []


def unique_headings(blocks):
    """Blocks whose headings are all distinct, and a note for each renamed one.

    ArticleStreamBlock rejects two headings with the same anchor (each table-of-contents link
    must land on its own section), so a repeat gets " (2)", " (3)"… appended.
    """
    seen = set()
    result = []
    notes = []
    for block in blocks:
        if block["type"] != "heading":
            result.append(block)
            continue
        text = block["value"]["text"]
        unique_text = text
        copy_number = 2
        while heading_anchor(unique_text) in seen:
            unique_text = f"{text} ({copy_number})"
            copy_number += 1
        seen.add(heading_anchor(unique_text))
        if unique_text != text:
            notes.append(f'repeated heading "{text}" renamed "{unique_text}"')
        result.append(heading_block(unique_text, block["value"]["level"]))
    return result, notes


def summary_from_blocks(blocks):
    for block in blocks:
        if block["type"] == "paragraph":
            return truncate_at_word(html_to_text(block["value"]), SUMMARY_LIMIT)
    return ""


def truncate_at_word(text, limit):
    """`text` cut to at most `limit` characters at a word boundary, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"
