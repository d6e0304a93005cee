"""Each crisis pattern names the first words of every text it can match (patterns.py), and the
matcher tries it nowhere else: a first word missing from a list would hide a crisis. These
tests check every list against the corpus and the held-out sets, and against texts generated
from the pattern itself, and that the matcher keeps to the public `re` API."""

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from intake.safety import all_patterns, normalise
from intake.safety.matching import Matcher, Pattern
from intake.safety.normalise import BOUNDARY

ROOT = Path(__file__).resolve().parents[2]
MESSAGE_FILES = sorted(
    [*(ROOT / "intake/safety/corpus").glob("*.tsv"), *(ROOT / "tests/intake/data").glob("*.tsv")]
)
# The characters of normalised text: lower-case words, digits, spaces and sentence ends.
NORMALISED_ALPHABET = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789 |")
PATTERNS = list(all_patterns())
DECLARED = [(index, key, pattern) for index, (key, pattern) in enumerate(PATTERNS)]


def pattern_id(declared):
    index, (kind, name), _ = declared
    return f"{index}-{kind}-{getattr(name, 'value', name)}"


@cache
def normalised_messages():
    messages = []
    for path in MESSAGE_FILES:
        with path.open(newline="", encoding="utf-8") as lines:
            rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
            messages += [normalise(row[-1]) for row in rows if row]
    return [message for message in messages if message]


@cache
def corpus_text():
    """Every message as one normalised text, a sentence end between them: itself a text the
    matcher could meet, and one scan of it per pattern is quicker than thousands."""
    return f" {BOUNDARY} ".join(normalised_messages())


@cache
def at_word_starts(regex):
    """Finds every word start (as the matcher splits words: at single spaces) where `regex`
    matches, overlapping matches included."""
    return re.compile(r"(?:^|(?<= ))(?=(?:" + regex + r"))")


def undeclared_first_words(pattern, text):
    """The words of `text` where the pattern matches but which its first words don't name."""
    words = {word for word in pattern.first_words if not word.endswith("*")}
    stems = tuple(word.rstrip("*") for word in pattern.first_words if word.endswith("*"))
    starts = at_word_starts(pattern.regex).finditer(text)
    found = (text[start.start() :].split(" ", 1)[0] for start in starts)
    return [word for word in found if word not in words and not word.startswith(stems)]


def test_the_corpus_has_messages_for_the_check():
    assert len(normalised_messages()) > 7000


@pytest.mark.parametrize("declared", DECLARED, ids=pattern_id)
def test_every_corpus_match_begins_with_a_declared_first_word(declared):
    _, _, pattern = declared
    if not pattern.first_words:
        pytest.skip("tried everywhere: no first words to check")
    assert undeclared_first_words(pattern, corpus_text()) == []


@pytest.mark.parametrize("declared", DECLARED, ids=pattern_id)
def test_every_generated_match_begins_with_a_declared_first_word(declared):
    _, _, pattern = declared
    if not pattern.first_words:
        pytest.skip("tried everywhere: no first words to check")

    @hypothesis_settings(
        max_examples=15,
        deadline=None,
        database=None,  # no .hypothesis/ folder in the working tree
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(st.from_regex(pattern.regex, alphabet=NORMALISED_ALPHABET))
    def check(text):
        assert undeclared_first_words(pattern, text) == []

    check()


def test_only_patterns_whose_first_word_is_optional_are_tried_everywhere():
    everywhere = [pattern.regex for _, pattern in PATTERNS if not pattern.first_words]
    assert everywhere
    assert all(regex.startswith(r"\b(?:ya )?no ") for regex in everywhere)


def test_the_matcher_tries_a_pattern_only_where_a_first_word_begins_a_word():
    matcher = Matcher(
        [
            ("exact", Pattern(r"want to die", first_words=("want",))),
            ("stem", Pattern(r"suicid\w*", first_words=("suicid*",))),
            ("misdeclared", Pattern(r"want to die", first_words=("wish",))),
        ]
    )
    found = matcher.matches("i want to die | feeling suicidal")
    assert sorted(found.values()) == ["exact", "stem"]


def test_a_pattern_without_first_words_is_searched_everywhere():
    matcher = Matcher([("anywhere", Pattern(r"to die"))])
    assert list(matcher.matches("i want to die").values()) == ["anywhere"]


@pytest.mark.parametrize("word", ["want to", "", "*", "sui*cid"])
def test_a_first_word_is_one_word_or_one_stem(word):
    with pytest.raises(ValueError):
        Pattern(r"want to die", first_words=(word,))


def test_of_a_categorys_patterns_the_earliest_word_decides_then_the_exact_first_word():
    # Which pattern stands for a category decides the phrase staff are shown and whether
    # a denial before it counts, so the order is part of the behaviour.
    patterns = [
        Pattern(r"to die", first_words=("to",)),
        Pattern(r"wants? to die", first_words=("want*",)),
        Pattern(r"want to die", first_words=("want",)),
    ]
    matcher = Matcher([("category", pattern) for pattern in patterns], once_per_key={"category"})
    assert list(matcher.matches("i want to die")) == [2]


def test_crisis_matching_uses_only_the_public_re_api():
    source = "\n".join(path.read_text() for path in (ROOT / "intake/safety").glob("*.py"))
    assert not re.search(r"\bre\._|\bsre_|_parser\b|_constants\b", source)
