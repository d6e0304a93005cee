"""How hard an article is to read: the Flesch–Kincaid grade of the text a reader reads.

textstat does the counting. Headings, captions and buttons are left out: they are fragments
without full stops, and counted as sentences they would make any text look easier than it is.
Each list item is read as a sentence of its own, as a reader reads it.
"""

import html
from decimal import Decimal

import textstat
from bs4 import BeautifulSoup

# Blocks with no running text of their own.
SKIPPED_BLOCKS = frozenset({"heading", "image", "call_to_action"})
SENTENCE_ENDS = (".", "?", "!", ":", ";")


def reading_grade(body):
    """The body's Flesch–Kincaid grade level, rounded to one decimal; None with no text."""
    text = readable_text(body)
    if not text:
        return None
    grade = max(textstat.flesch_kincaid_grade(text), 0.0)
    return Decimal(grade).quantize(Decimal("0.1"))


def readable_text(body):
    """The body's running text as plain sentences."""
    parts = []
    for block in body:
        if block.block_type not in SKIPPED_BLOCKS:
            parts.extend(block_sentences(block.block_type, block.value))
    return " ".join(" ".join(parts).split())


def block_sentences(block_type, value):
    if block_type == "quote":
        return [value["text"]]
    if block_type == "callout":
        return html_sentences(value["text"].source)
    if block_type == "faq":
        return [
            sentence
            for item in value["items"]
            for sentence in html_sentences(item["answer"].source)
        ]
    return html_sentences(getattr(value, "source", str(value)))


def html_sentences(markup):
    """Paragraphs' text, each list item ended as a sentence."""
    fragment = BeautifulSoup(markup, "html.parser")
    for item in fragment.find_all("li"):
        text = item.get_text(" ").strip()
        if text and not text.endswith(SENTENCE_ENDS):
            item.append(".")
        item.append(" ")
    for block in fragment.find_all(["p", "li"]):
        block.append(" ")
    return [html.unescape(fragment.get_text())]


def grade_against_target(grade, target):
    """How a reading grade compares with the clinic's target, in words an editor acts on."""
    if grade is None:
        return "Not measured yet: it is measured when the article is saved."
    if grade <= target:
        return f"Grade {grade}: within the clinic's target of grade {target:g} or below."
    return (
        f"Grade {grade}: above the clinic's target of grade {target:g}. Shorter sentences and "
        "everyday words bring it down."
    )
