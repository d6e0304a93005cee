"""Fast matching of many word patterns over normalised text.

Python's regular expressions try every alternative at every character, so a hundred crisis
patterns over a 2,000-character message cost milliseconds. Nearly every pattern starts with
one of a few known words ("want", "kill", "suicid..."), so the Matcher works out those first
words from each pattern (with the standard library's own regex parser) and only tries a
pattern where one of them begins a word of the text. Patterns whose start cannot be worked
out are tried everywhere, so nothing is ever skipped that could match.
"""

import re
from re import _constants as sre
from re import _parser as sre_parse

MAX_STARTS = 5000  # beyond this many literal beginnings, a pattern is simply tried everywhere


def literal_starts(items):
    """(strings, whole): the literal strings a parsed pattern can begin with, and whether
    those strings are the whole pattern (so what follows may extend them)."""
    results = {""}
    for op, value in items:
        if op in (sre.AT, sre.ASSERT_NOT, sre.ASSERT):
            continue
        if op is sre.LITERAL:
            results = {result + chr(value) for result in results}
            continue
        if op is sre.SUBPATTERN:
            inner, whole = literal_starts(value[-1])
        elif op is sre.BRANCH:
            branches = [literal_starts(branch) for branch in value[1]]
            inner = set().union(*(strings for strings, _ in branches))
            whole = all(whole for _, whole in branches)
        else:
            return results, False
        results = {result + start for result in results for start in inner}
        if not whole or len(results) > MAX_STARTS:
            return results, False
    return results, True


def first_words(pattern):
    """(words, stems): the first word of every match is one of `words` or begins with one
    of `stems` ("suicid" in "suicid\\w*"); None when that is unknown."""
    starts, _ = literal_starts(sre_parse.parse(pattern))
    if len(starts) > MAX_STARTS:
        return None
    words, stems = set(), set()
    for start in starts:
        word, space, _ = start.partition(" ")
        (words if space else stems).add(word)
    if "" in words or "" in stems:
        return None
    return words, stems


# Words too common to show whether a pattern can match ("i", "my", "to"...).
COMMON = frozenset(
    [
        "i",
        "im",
        "ive",
        "id",
        "ill",
        "me",
        "my",
        "myself",
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "so",
        "it",
        "its",
        "this",
        "that",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "dont",
        "not",
        "no",
        "never",
        "just",
        "really",
        "very",
        "you",
        "your",
        "he",
        "she",
        "they",
        "we",
        "what",
        "when",
        "how",
        "why",
        "who",
        "with",
        "about",
        "all",
        "any",
        "some",
        "can",
        "cant",
        "will",
        "wont",
        "would",
        "could",
        "have",
        "has",
        "had",
        "get",
        "got",
        "go",
        "going",
        "want",
    ]
)
ANCHOR_LENGTH = 5
SKIPPED = (sre.AT, sre.ASSERT_NOT, sre.ASSERT)


def is_literal(op, value):
    if op is sre.LITERAL:
        return True
    return op in (sre.SUBPATTERN, sre.BRANCH) and literal_starts([(op, value)])[1]


def ends_with_space(op, value):
    """Whether a repeat ("(?:suicide )?", "(?:[a-z0-9]+ ){0,3}") always ends with a space."""
    if op not in (sre.MAX_REPEAT, sre.MIN_REPEAT) or not value[2]:
        return False
    last_op, last_value = list(value[2])[-1]
    if last_op is sre.SUBPATTERN and last_value[-1]:
        last_op, last_value = list(last_value[-1])[-1]
    return last_op is sre.LITERAL and last_value == ord(" ")


def telling_word(string, starts_word):
    """The least common word that stands at a word start in `string`, cut to a stem."""
    words = string.split(" ")
    candidates = words if starts_word else words[1:]
    telling = [word for word in candidates if word and word not in COMMON]
    return max(telling, key=len)[:ANCHOR_LENGTH] if telling else None


def run_anchors(strings, starts_word):
    if len(strings) > MAX_STARTS:
        return None
    stems = {telling_word(string, starts_word) for string in strings}
    return None if None in stems else frozenset(stems)


def union_of(anchor_sets):
    anchor_sets = list(anchor_sets)
    return None if None in anchor_sets else frozenset().union(*anchor_sets)


def fewer(best, candidate):
    if candidate is None:
        return best
    return candidate if best is None or len(candidate) < len(best) else best


def anchor_stems(pattern):
    """Stems one of which begins a word of any text the pattern matches, or None (unknown)."""
    return anchors_of_items(list(sre_parse.parse(pattern)), at_word_start=True)


def anchors_of_items(items, at_word_start):
    """The smallest set of telling stems among the mandatory parts of a parsed pattern."""
    best, run = None, []
    run_starts_word = at_word_start = at_word_start
    for op, value in items:
        if op in SKIPPED:
            continue
        if is_literal(op, value):
            if not run:
                run_starts_word = at_word_start
            run.append((op, value))
            continue
        if run:
            strings = literal_starts(run)[0]
            best = fewer(best, run_anchors(strings, run_starts_word))
            at_word_start = all(string.endswith(" ") for string in strings)
            run = []
        if op is sre.BRANCH:
            branches = (anchors_of_items(list(branch), at_word_start) for branch in value[1])
            best = fewer(best, union_of(branches))
            at_word_start = False
        elif op is sre.SUBPATTERN:
            best = fewer(best, anchors_of_items(list(value[-1]), at_word_start))
            at_word_start = False
        else:
            # A repeat may match nothing: a word starts after it only if one started before
            # it and it always ends with a space.
            at_word_start = at_word_start and ends_with_space(op, value)
    if run:
        best = fewer(best, run_anchors(literal_starts(run)[0], run_starts_word))
    return best


class Matcher:
    """Finds which of many (key, pattern) pairs match a text of space-separated words.

    A pattern is tried only where its first word begins a word of the text, and only when
    one of its telling words (anchor_stems) is somewhere in the text at all."""

    CACHE_SIZE = 50_000  # distinct words whose candidate patterns are remembered

    def __init__(self, pairs):
        self.by_word, self.by_stem, self.by_anchor = {}, {}, {}
        self.everywhere, self.unanchored = [], set()
        self.longest_stem = 0
        self.cache, self.enabled_by_word = {}, {}
        for index, (key, pattern) in enumerate(pairs):
            entry = (index, key, re.compile(pattern))
            self.index_anchors(index, anchor_stems(pattern))
            starts = first_words(pattern)
            if starts is None:
                self.everywhere.append(entry)
                continue
            words, stems = starts
            for word in words:
                self.by_word.setdefault(word, []).append(entry)
            for stem in stems:
                self.by_stem.setdefault(stem, []).append(entry)
                self.longest_stem = max(self.longest_stem, len(stem))

    def index_anchors(self, index, anchors):
        if anchors is None:
            self.unanchored.add(index)
            return
        for anchor in anchors:
            self.by_anchor.setdefault(anchor, set()).add(index)

    def candidates(self, word):
        """The patterns whose first word may be `word` (remembered: words repeat)."""
        found = self.cache.get(word)
        if found is None:
            found = list(self.by_word.get(word, ()))
            for length in range(1, min(len(word), self.longest_stem) + 1):
                found += self.by_stem.get(word[:length], ())
            if len(self.cache) >= self.CACHE_SIZE:
                self.cache.clear()
            self.cache[word] = found = tuple(found)
        return found

    def enabled(self, words):
        """Patterns one of whose telling words is in the text."""
        return self.unanchored.union(*map(self.enabled_by, set(words)))

    def enabled_by(self, word):
        """Patterns with a telling word that `word` begins with (remembered)."""
        found = self.enabled_by_word.get(word)
        if found is None:
            stems = (word[:length] for length in range(1, min(len(word), ANCHOR_LENGTH) + 1))
            found = frozenset().union(*(self.by_anchor.get(stem, ()) for stem in stems))
            if len(self.enabled_by_word) >= self.CACHE_SIZE:
                self.enabled_by_word.clear()
            self.enabled_by_word[word] = found
        return found

    def matches(self, text):
        """{index: key} of the patterns that match somewhere in `text`."""
        words = text.split(" ")
        enabled = self.enabled(words)
        found = {}
        for index, key, pattern in self.everywhere:
            if index in enabled and pattern.search(text):
                found[index] = key
        position = 0
        for word in words:
            for index, key, pattern in self.candidates(word):
                if index in enabled and index not in found and pattern.match(text, position):
                    found[index] = key
            position += len(word) + 1
        return found
