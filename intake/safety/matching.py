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
        "not",
        "no",
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
        "will",
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
SPACE = ord(" ")
MIN_STEM = 2  # one letter begins words in nearly every text: it tells nothing


def is_literal(op, value):
    if op is sre.LITERAL:
        return True
    return op in (sre.SUBPATTERN, sre.BRANCH) and literal_starts([(op, value)])[1]


def ends_with_space(op, value):
    """Whether a repeat ("(?:suicide )?", "(?:a |an )?", "(?:[a-z0-9]+ ){0,3}") always ends
    with a space."""
    if op not in (sre.MAX_REPEAT, sre.MIN_REPEAT) or not value[2]:
        return False
    return sequence_ends_with_space(list(value[2]))


def sequence_ends_with_space(items):
    if not items:
        return False
    last_op, last_value = items[-1]
    if last_op is sre.SUBPATTERN:
        return sequence_ends_with_space(list(last_value[-1]))
    if last_op is sre.BRANCH:
        return all(sequence_ends_with_space(list(branch)) for branch in last_value[1])
    return last_op is sre.LITERAL and last_value == SPACE


def telling_word(string, starts_word):
    """The least common word that stands at a word start in `string`, cut to a stem."""
    words = string.split(" ")
    candidates = words if starts_word else words[1:]
    telling = [word for word in candidates if len(word) >= MIN_STEM and word not in COMMON]
    return max(telling, key=len)[:ANCHOR_LENGTH] if telling else None


def run_anchors(strings, starts_word):
    if len(strings) > MAX_STARTS:
        return None
    stems = {telling_word(string, starts_word) for string in strings}
    return None if None in stems else frozenset(stems)


def smallest(requirements):
    return min(requirements, key=len) if requirements else None


def anchor_requirements(pattern):
    """Sets of telling stems that any text the pattern matches must each meet: one word of
    the text begins with a stem of every set. Empty when nothing is known."""
    return tuple(requirements_of(list(sre_parse.parse(pattern)), at_word_start=True))


def requirements_of(items, at_word_start):
    """The requirements of a parsed pattern's mandatory parts, in order."""
    requirements, run = [], []
    run_starts_word = at_word_start

    def close_run():
        strings = literal_starts(run)[0]
        stems = run_anchors(strings, run_starts_word)
        if stems is not None:
            requirements.append(stems)
        return all(string.endswith(" ") for string in strings)

    for op, value in items:
        if op in SKIPPED:
            continue
        if op is sre.LITERAL and value == SPACE:
            # A word ends here: each word (or group of words) is a requirement of its own.
            if run:
                close_run()
                run = []
            at_word_start = True
            continue
        if is_literal(op, value):
            if not run:
                run_starts_word = at_word_start
            run.append((op, value))
            continue
        if run and op in (sre.BRANCH, sre.SUBPATTERN):
            # The parser takes the shared beginning out of alternatives ("o" of
            # "overdos\\w*|od"): read the run together with how each alternative begins.
            stems = run_anchors(literal_starts([*run, (op, value)])[0], run_starts_word)
            if stems is not None:
                requirements.append(stems)
                run, at_word_start = [], False
                continue
        if run:
            at_word_start = close_run()
            run = []
        if op is sre.BRANCH:
            # One of the branches matches: each must offer a requirement, and any will do.
            branches = [smallest(requirements_of(list(b), at_word_start)) for b in value[1]]
            if None not in branches:
                requirements.append(frozenset().union(*branches))
            at_word_start = False
        elif op is sre.SUBPATTERN:
            requirements += requirements_of(list(value[-1]), at_word_start)
            at_word_start = False
        else:
            # A repeat may match nothing: a word starts after it only if one started before
            # it and it always ends with a space.
            at_word_start = at_word_start and ends_with_space(op, value)
    if run:
        close_run()
    return requirements


class Matcher:
    """Finds which of many (key, pattern) pairs match a text of space-separated words.

    A pattern is only tried when each of its requirements (anchor_requirements) is met by
    some word of the text, and then only where its first word begins a word of the text;
    the few patterns whose start is unknown are searched for everywhere."""

    CACHE_SIZE = 50_000  # distinct words whose patterns and beginnings are remembered

    def __init__(self, pairs, once_per_key=frozenset()):
        # Keys for which one matching pattern says all there is to say (a crisis category):
        # their other patterns need not be tried once one has matched.
        self.once_per_key = frozenset(once_per_key)
        self.by_word, self.by_stem = {}, {}
        self.everywhere, self.unanchored = [], set()
        self.requirement_counts, self.requirements_by_stem = {}, {}
        self.longest_stem = 0
        self.per_word, self.stems_by_word = {}, {}
        self.compiled = []
        for index, (key, pattern) in enumerate(pairs):
            entry = (index, key, re.compile(pattern))
            self.compiled.append(entry[2])
            self.index_requirements(index, anchor_requirements(pattern))
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

    def index_requirements(self, index, requirements):
        if not requirements:
            self.unanchored.add(index)
            return
        self.requirement_counts[index] = len(requirements)
        for number, stems in enumerate(requirements):
            for stem in stems:
                self.requirements_by_stem.setdefault(stem, []).append((index, number))

    def candidates(self, word):
        """The patterns whose first word may be `word` (remembered: words repeat)."""
        found = self.per_word.get(word)
        if found is None:
            found = list(self.by_word.get(word, ()))
            for length in range(1, min(len(word), self.longest_stem) + 1):
                found += self.by_stem.get(word[:length], ())
            if len(self.per_word) >= self.CACHE_SIZE:
                self.per_word.clear()
            self.per_word[word] = found = tuple(found)
        return found

    def word_stems(self, word):
        """The word's beginnings up to ANCHOR_LENGTH letters (remembered: words repeat)."""
        stems = self.stems_by_word.get(word)
        if stems is None:
            stems = tuple(word[:length] for length in range(1, min(len(word), ANCHOR_LENGTH) + 1))
            if len(self.stems_by_word) >= self.CACHE_SIZE:
                self.stems_by_word.clear()
            self.stems_by_word[word] = stems
        return stems

    def enabled(self, words):
        """Patterns whose every requirement some word of the text meets."""
        present = set().union(*map(self.word_stems, set(words)))
        met = {}
        for stem in present.intersection(self.requirements_by_stem):
            for index, number in self.requirements_by_stem[stem]:
                met.setdefault(index, set()).add(number)
        enabled = set(self.unanchored)
        enabled.update(
            index
            for index, numbers in met.items()
            if len(numbers) == self.requirement_counts[index]
        )
        return enabled

    def matches(self, text):
        """{index: key} of the patterns that match somewhere in `text`."""
        words = text.split(" ")
        enabled = self.enabled(words)
        found, settled = {}, set()

        def record(index, key):
            found[index] = key
            if key in self.once_per_key:
                settled.add(key)

        for index, key, pattern in self.everywhere:
            if index in enabled and key not in settled and pattern.search(text):
                record(index, key)
        tried_here = {}  # word -> its enabled candidates, worked out once per text
        position = 0
        for word in words:
            candidates = tried_here.get(word)
            if candidates is None:
                every = self.per_word.get(word)
                if every is None:
                    every = self.candidates(word)
                candidates = tried_here[word] = [entry for entry in every if entry[0] in enabled]
            for index, key, pattern in candidates:
                if index not in found and key not in settled and pattern.match(text, position):
                    record(index, key)
            position += len(word) + 1
        return found

    def matched_text(self, text, found):
        """The words of `text` that the patterns in `found` (from `matches`) matched, as a
        member of staff would quote them: each match without the context words it needed."""
        phrases = []
        for index in sorted(found):
            match = self.compiled[index].search(text)
            if match and match.group().strip():
                phrases.append(match.group().strip(" |"))
        return tuple(phrases)
