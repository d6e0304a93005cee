"""Spelling suggestions ("Did you mean …?") drawn from the site's own words.

Wagtail's database search backend matches whole words, with no fuzzy matching: "depresion",
"anxeity" or "backpain" find nothing. The words of every live public page make a vocabulary;
a query word that is not in it becomes the closest known word ("depression"), or two known
words it joins ("back pain").

The vocabulary is built once per content version and kept in the shared cache: a publish,
unpublish or move changes the version (caching/content_version.py), so a new article's words are
known at once and a removed page's words are forgotten.
"""

import difflib
import re
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.utils.encoding import force_str
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.search import index

from caching import content_version
from search.results import live_pages

# Only the most frequent words, so the entry stays small enough to read on every search.
MAX_WORDS = 5000
# Shorter query words are too ambiguous to correct; longer ones are not words anyone types.
MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 30
# Shortest part of a joined word ("hip" in "hippain").
MIN_PART_LENGTH = 3
# difflib's similarity ratio: 0.8 allows one wrong, missing or swapped letter in most words.
SIMILARITY_CUTOFF = 0.8
# Endings a stemming search backend matches regardless: "exercises" finds "exercise".
INFLECTIONS = ("s", "es", "d", "ed", "ing", "ly")
# Never split a word into one of these: "therapist" must not become "the rapist".
FUNCTION_WORDS = frozenset(
    {"all", "and", "any", "are", "but", "can", "for", "had", "has", "her", "him", "his", "how"}
    | {"its", "may", "not", "now", "off", "one", "our", "out", "own", "she", "the", "too"}
    | {"was", "who", "why", "yet", "you"}
)
WORD = re.compile(r"[^\W\d_]+")


def suggest(request, site, query, found_pages):
    """`query` with its misspelt or joined words corrected, or None if none needs it.

    When the query `found_pages`, a word the site uses in another form ("stretching" where
    pages say "stretch") is not a misspelling: PostgreSQL's search matched it by its stem.
    SQLite's search doesn't stem, so when nothing was found the site's own form is offered."""
    if not any(is_correctable(word) for word in WORD.findall(query)):
        return None  # nothing to correct: don't fetch the vocabulary
    words = vocabulary(request, site)
    corrected = WORD.sub(lambda match: correct_word(match.group(), words, found_pages), query)
    return corrected if corrected != query else None


def correct_word(word, words, other_forms_known):
    """The likeliest known spelling of `word` (itself when known or beyond correction)."""
    folded = word.casefold()
    if not is_correctable(folded) or is_known(folded, words, other_forms_known):
        return word
    return (
        transposed(folded, words) or closest(folded, words) or split_joined(folded, words) or word
    )


def is_correctable(word):
    return MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH


def is_known(word, words, other_forms_known):
    if word in words:
        return True
    return other_forms_known and any(form in words for form in other_forms(word))


def other_forms(word):
    """The word with a common ending dropped or added: "stretches" -> "stretch",
    "juggling" -> "juggle", "walk" -> "walks"…"""
    stems = [word.removesuffix(ending) for ending in INFLECTIONS if word.endswith(ending)]
    return [*stems, *(stem + "e" for stem in stems), *(word + ending for ending in INFLECTIONS)]


def transposed(word, words):
    """The known word with two neighbouring letters swapped back ("pian" -> "pain"): the
    commonest typo, which difflib rates too low in a short word."""
    for i in range(len(word) - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if swapped in words:
            return swapped
    return None


def closest(word, words):
    """The most similar known word; of equally similar ones, the one the site uses most."""
    candidates = difflib.get_close_matches(word, words, n=5, cutoff=SIMILARITY_CUTOFF)
    if not candidates:
        return None
    return max(candidates, key=lambda candidate: (similarity(word, candidate), words[candidate]))


def similarity(word, candidate):
    return round(difflib.SequenceMatcher(None, word, candidate).ratio(), 3)


def split_joined(word, words):
    """ "backpain" -> "back pain": the split into two known words whose rarer part the site
    uses most, or None."""
    splits = [
        (word[:cut], word[cut:])
        for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1)
        if is_part(word[:cut], words) and is_part(word[cut:], words)
    ]
    if not splits:
        return None
    left, right = max(splits, key=lambda pair: min(words[pair[0]], words[pair[1]]))
    return f"{left} {right}"


def is_part(word, words):
    return word in words and word not in FUNCTION_WORDS


def vocabulary(request, site):
    """{word: how many times the site's pages use it}, from the cache or built now."""
    key = vocabulary_key(request, site)
    words = cache.get(key)
    if words is None:
        words = build_vocabulary(site)
        cache.set(key, words, timeout=settings.PAGE_CACHE_SECONDS)
    return words


def vocabulary_key(request, site):
    """Changes with the content version, so a publish retires the old vocabulary; one per
    language, as each searches its own pages."""
    return content_version.cache_key(
        "search:vocabulary", site.pk if site else "", get_language(), request=request
    )


def build_vocabulary(site):
    counts = Counter()
    for page in live_pages(Page.objects.all(), site).specific():
        for text in searchable_texts(page):
            counts.update(word.casefold() for word in WORD.findall(text) if is_storable(word))
    return dict(counts.most_common(MAX_WORDS))


def is_storable(word):
    return MIN_PART_LENGTH <= len(word) <= MAX_WORD_LENGTH


def searchable_texts(page):
    """The text of each field the search index holds for `page` (title, summary, intro, body…).

    Only indexed fields: a word found elsewhere (say, only in a search description) would
    be suggested and then find nothing."""
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField):
            yield as_text(field.get_value(page))


def as_text(value):
    """A field's searchable value as one string (a StreamField gives a list of texts)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(as_text(item) for item in value)
    return force_str(value)
