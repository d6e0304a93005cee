"""Plain text as copied from an old site's page: each line classified, then turned into blocks."""

import html
import re
from enum import StrEnum

from django.utils.text import slugify

from articles.importers.parsed import (
    ArticleParseError,
    collapse_whitespace,
    finish_article,
    heading_block,
    list_block,
    paragraph_block,
    parse_date,
    same_text,
)

# A plain-text line longer than this is a paragraph however it ends: old sites' section
# headings are a few words, and the heading block holds at most 120 characters.
HEADING_MAX_LENGTH = 80
# A question ("What causes back pain?") is a heading, so "?" is not among these.
SENTENCE_ENDINGS = (".", ",", ":", ";", "!", "…")
BULLET_LINE = re.compile(r"^\s*(?:[•◦▪]\s*|[*-]\s+)(?P<text>\S.*)$")


class LineKind(StrEnum):
    BLANK = "blank"
    BULLET = "bullet"
    DATE = "date"
    HEADING = "heading"
    TEXT = "text"


def parse_plain_text(text):
    """Title on the first line (a repeat right after it is dropped), an optional date line,
    then headings, bullets and paragraphs, one per line."""
    title, lines = split_title(text.splitlines())
    publication_date, lines = take_date_line(lines)
    return finish_article(
        title=title,
        slug=slugify(title),
        publication_date=publication_date,
        blocks=plain_text_blocks(lines),
    )


def classify_line(line):
    """What one line of copied text is: blank, a bullet item, a date, a heading or text."""
    text = collapse_whitespace(line)
    # Rules such as "***" or "———" separate sections on old sites; they carry no words.
    if not any(character.isalnum() for character in text):
        return LineKind.BLANK
    if BULLET_LINE.match(line):
        return LineKind.BULLET
    if parse_date(text) is not None:
        return LineKind.DATE
    if looks_like_heading(text):
        return LineKind.HEADING
    return LineKind.TEXT


def looks_like_heading(text):
    """A short line that doesn't end like a sentence; a question such as "What is it?" counts."""
    if len(text) > HEADING_MAX_LENGTH or text.endswith(SENTENCE_ENDINGS):
        return False
    # A line starting in lower case continues a sentence wrapped from the line before.
    first_letter = next((character for character in text if character.isalnum()), "")
    return not first_letter.islower()


def bullet_text(line):
    match = BULLET_LINE.match(line)
    return collapse_whitespace(match["text"]) if match else None


def split_title(lines):
    """The first non-empty line, and the lines after it without repeats of the title.

    Text copied from old sites often has the title twice (the page heading and a breadcrumb
    or share widget), so title lines directly after the title are dropped.
    """
    remaining = list(lines)
    while remaining and classify_line(remaining[0]) is LineKind.BLANK:
        remaining.pop(0)
    if not remaining:
        raise ArticleParseError("no title")
    title = collapse_whitespace(remaining.pop(0))
    while remaining and (
        classify_line(remaining[0]) is LineKind.BLANK or same_text(remaining[0], title)
    ):
        remaining.pop(0)
    return title, remaining


def take_date_line(lines):
    """The first line that is only a date (the publication date), and the lines without it."""
    for position, line in enumerate(lines):
        if classify_line(line) is LineKind.DATE:
            return parse_date(line), lines[:position] + lines[position + 1 :]
    return None, lines


def plain_text_blocks(lines):
    blocks = []
    bullets = []
    for line in lines:
        kind = classify_line(line)
        if kind is LineKind.BULLET:
            # Indented sub-bullets join the same list: the list block has no nesting.
            bullets.append(bullet_text(line))
            continue
        if kind is LineKind.BLANK:
            # Blank lines between bullets don't end the list.
            continue
        if bullets:
            blocks.append(list_block(bullets, "bulleted"))
            bullets = []
        text = collapse_whitespace(line)
        if kind is LineKind.HEADING:
            blocks.append(heading_block(text, "h2"))
        else:
            blocks.append(paragraph_block(html.escape(text, quote=False)))
    if bullets:
        blocks.append(list_block(bullets, "bulleted"))
    return closing_lines_as_paragraphs(blocks)


def closing_lines_as_paragraphs(blocks):
    """A heading with nothing after it heads no section: it is a closing line, such as
    "Call us to book", that merely lacks a full stop."""
    blocks = list(blocks)
    position = len(blocks)
    while position and blocks[position - 1]["type"] == "heading":
        position -= 1
        text = blocks[position]["value"]["text"]
        blocks[position] = paragraph_block(html.escape(text, quote=False))
    return blocks
