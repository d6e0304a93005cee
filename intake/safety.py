"""Patient safety: spotting crisis language in a message so it is handled as urgent.

A missed crisis costs far more than a false alarm, so the list is broad; but matching is on
whole words, so "diet" never matches "die" and "skill myself" never matches "kill myself".
"""

import re
from functools import lru_cache

from django.conf import settings

DEFAULT_CRISIS_PHRASES = (
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "taking my own life",
    "want to die",
    "wanna die",
    "wish I was dead",
    "wish I were dead",
    "better off dead",
    "no reason to live",
    "don't want to live",
    "do not want to live",
    "don't want to be alive",
    "overdose",
    "overdosed",
    "overdosing",
    "self-harm",
    "self-harming",
    "harm myself",
    "harming myself",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
)

# Curly apostrophes from phones and word processors, so "don’t" matches "don't".
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def crisis_phrases():
    configured = getattr(settings, "INTAKE_CRISIS_PHRASES", None)
    return tuple(configured) if configured else DEFAULT_CRISIS_PHRASES


@lru_cache(maxsize=4)
def compile_phrases(phrases):
    """One case-insensitive pattern; a space or hyphen in a phrase matches any run of either."""
    alternatives = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = re.split(r"[\s-]+", phrase.strip().translate(APOSTROPHES))
        alternatives.append(r"[\s-]+".join(re.escape(word) for word in words if word))
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def contains_crisis_language(text):
    if not text:
        return False
    pattern = compile_phrases(crisis_phrases())
    return pattern.search(text.translate(APOSTROPHES)) is not None
