"""Patient safety: recognising crisis language, however it is written.

`assess(text)` answers whether a text (a contact-form message, a search query) is urgent and
which kinds of crisis language it holds. The text is normalised first (normalise.py), then
matched against the built-in patterns (patterns.py) and any phrases the clinic added in its
settings. It never raises: any input gets an answer.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from intake.choices import CrisisCategory
from intake.safety.matching import Matcher
from intake.safety.normalise import BOUNDARY, normalise
from intake.safety.patterns import (
    FINALITY_ALONE,
    INTENT_ALONE,
    MENTIONS,
    PATTERNS,
    PILLS,
    PRACTICAL_REASON,
    SPANISH,
    URGENT_COMBINATIONS,
    WARNING_SIGNS,
)

__all__ = ["Assessment", "assess", "normalise"]

# {G3}: up to three words in between, never a sentence boundary.
GAP = r"(?:[a-z0-9]+ ){{0,{}}}"
GAP_SIZES = (1, 2, 3, 5, 12)
CATEGORY_ORDER = list(CrisisCategory)


@dataclass(frozen=True)
class Assessment:
    """What a text says about the writer's safety: the crisis categories it matched."""

    categories: tuple = ()

    @property
    def urgent(self):
        return bool(self.categories)

    @property
    def labels(self):
        return [CrisisCategory(code).label for code in self.categories]

    def __bool__(self):
        return self.urgent


def expand(pattern):
    for size in GAP_SIZES:
        pattern = pattern.replace(f"{{G{size}}}", GAP.format(size))
    return pattern.replace("{PILLS}", PILLS)


# What each pattern says when it matches: a category outright, a warning sign to count, or
# a bare mention to check against its sentence.
CATEGORY, SIGN, MENTION = "category", "sign", "mention"


def all_patterns():
    for table in (PATTERNS, SPANISH):
        for category, patterns in table.items():
            yield from (((CATEGORY, category), expand(pattern)) for pattern in patterns)
    for sign, patterns in WARNING_SIGNS.items():
        yield from (((SIGN, sign), expand(pattern)) for pattern in patterns)
    for index, (_, pattern, _) in enumerate(MENTIONS):
        yield (MENTION, index), expand(pattern)


MATCHER = Matcher(
    all_patterns(), once_per_key={(CATEGORY, category) for category in CrisisCategory}
)
MENTION_RULES = [
    (category, re.compile(expand(pattern)), re.compile(unless))
    for category, pattern, unless in MENTIONS
]
PRACTICAL = re.compile(PRACTICAL_REASON)


@lru_cache(maxsize=16)
def compile_clinic_phrases(phrases):
    """One pattern for the clinic's own phrases, each normalised like the text it meets."""
    alternatives = [re.escape(normalise(phrase)) for phrase in phrases]
    alternatives = [phrase for phrase in alternatives if phrase and phrase != re.escape(BOUNDARY)]
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b")


def assess(text, extra_phrases=()):
    """The Assessment of `text`; `extra_phrases` are the clinic's own additions."""
    normalised = normalise(text)
    if not normalised:
        return Assessment()
    matched = MATCHER.matches(normalised).values()
    found = {category for kind, category in matched if kind == CATEGORY}
    mentions = [index for kind, index in matched if kind == MENTION]
    found |= mentions_about_the_writer(normalised, mentions, exclude=found)
    found |= warning_sign_combinations(
        normalised, Counter(s for kind, s in matched if kind == SIGN)
    )
    clinic_pattern = compile_clinic_phrases(tuple(extra_phrases or ()))
    if clinic_pattern is not None and clinic_pattern.search(normalised):
        found.add(CrisisCategory.CLINIC_PHRASE)
    return Assessment(tuple(category for category in CATEGORY_ORDER if category in found))


def mentions_about_the_writer(normalised, mentions, exclude):
    """Categories of bare mentions ("suicide", "hurt myself") that stand in a sentence
    which does not show they are about something else (see patterns.MENTIONS)."""
    found = set()
    sentences = normalised.split(f" {BOUNDARY} ") if mentions else []
    for index in mentions:
        category, pattern, unless = MENTION_RULES[index]
        if category in exclude or category in found:
            continue
        if any(pattern.search(sentence) and not unless.search(sentence) for sentence in sentences):
            found.add(category)
    return found


def warning_sign_combinations(normalised, counts):
    """Categories for warning signs that are ordinary alone but urgent together; `counts`
    says how many different patterns of each sign matched."""
    if counts["finality"] and PRACTICAL.search(normalised):
        counts["finality"] = 0
    present = {sign for sign, count in counts.items() if count}
    found = {category for signs, category in URGENT_COMBINATIONS if signs <= present}
    if counts["finality"] >= FINALITY_ALONE:
        found.add(CrisisCategory.FAREWELL_BURDEN)
    if counts["intent"] >= INTENT_ALONE:
        found.add(CrisisCategory.PLAN_MEANS_INTENT)
    return found
