"""How hard an article is to read, as a school grade, in the article's own language.

English: the Flesch–Kincaid grade. Spanish: the Fernández-Huerta reading ease (Flesch's ease
score adapted to Spanish words and syllables), read as a grade through Flesch's own table from
ease to grade, so one target serves both languages. Flesch–Kincaid on Spanish text counts
syllables by English rules and reads a plain Spanish article as two grades harder than it is.

textstat does the counting. Headings, captions and buttons are left out: they are fragments
without full stops, and counted as sentences they would make any text look easier than it is.
Each list item is read as a sentence of its own, as a reader reads it.
"""

import html
import itertools
from decimal import Decimal

from bs4 import BeautifulSoup
from textstat.backend import metrics

# Blocks with no running text of their own.
SKIPPED_BLOCKS = frozenset({"heading", "image", "call_to_action"})
SENTENCE_ENDS = (".", "?", "!", ":", ";")


# Flesch's table from reading ease to US school grade (90-100: grade 5, 80-90: 6, 70-80: 7,
# 60-70: 8-9, 50-60: 10-12, 30-50: college, below 30: graduate), as (ease, grade) at the middle
# of each band; an ease between two is read along the line between them.
EASE_TO_GRADE = ((95, 5), (85, 6), (75, 7), (65, 8.5), (55, 11), (40, 14), (15, 17))

MEASURE_NAMES = {"en": "Flesch–Kincaid", "es": "Fernández-Huerta"}


def reading_grade(body, language="en"):
    """The body's reading grade, rounded to one decimal; None with no text."""
    text = readable_text(body)
    if not text:
        return None
    if language == "es":
        grade = grade_from_ease(metrics.fernandez_huerta(text, "es"))
    else:
        grade = metrics.flesch_kincaid_grade(text, "en_US")
    return Decimal(max(grade, 0.0)).quantize(Decimal("0.1"))


def grade_from_ease(ease):
    """The school grade a reading-ease score stands for (EASE_TO_GRADE)."""
    if ease >= EASE_TO_GRADE[0][0]:
        return EASE_TO_GRADE[0][1]
    for (easier, lower_grade), (harder, higher_grade) in itertools.pairwise(EASE_TO_GRADE):
        if ease >= harder:
            return lower_grade + (easier - ease) / (easier - harder) * (higher_grade - lower_grade)
    return EASE_TO_GRADE[-1][1]


def measure_name(language):
    """The name of the measure behind a grade in `language`, for staff screens."""
    return MEASURE_NAMES.get(language, MEASURE_NAMES["en"])


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
    if block_type in ("callout", "urgency"):
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
