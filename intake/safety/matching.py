"""Fast matching of many word patterns over normalised text.

Python's regular expressions try every alternative at every character, so a hundred crisis
patterns over a 2,000-character message cost milliseconds. Nearly every pattern starts with
one of a few known words ("want", "kill", "suicid..."), so each pattern names them beside it
(Pattern.first_words) and the Matcher only tries a pattern where one of them begins a word of
the text. Patterns that name none are tried everywhere, so nothing is skipped that could match.
Only the public `re` API is used: the first words are declared, not read out of the regex.
"""

import re
from dataclasses import dataclass

STEM = "*"  # "suicid*": any word that begins with "suicid"


@dataclass(frozen=True)
class Pattern:
    """A regular expression over normalised text, with the first word of every text it can
    match: "want" is that word exactly, "suicid*" any word beginning so. An empty
    first_words means the first word is unknown, and the pattern is tried everywhere."""

    regex: str
    first_words: tuple = ()

    def __post_init__(self):
        for word in self.first_words:
            if not word.rstrip(STEM) or " " in word or STEM in word.rstrip(STEM):
                raise ValueError(f"Not a first word: {word!r}")


class Matcher:
    """Finds which of many (key, Pattern) pairs match a text of space-separated words.

    A pattern is only tried where one of its first words begins a word of the text; the few
    patterns whose first word is unknown are searched for everywhere, before the others."""

    CACHE_SIZE = 50_000  # distinct words whose patterns are remembered

    def __init__(self, pairs, once_per_key=frozenset()):
        # Keys for which one matching pattern says all there is to say (a crisis category):
        # their other patterns need not be tried once one has matched.
        self.once_per_key = frozenset(once_per_key)
        self.by_word, self.by_stem = {}, {}
        self.everywhere = []
        self.longest_stem = 0
        self.per_word = {}
        self.compiled = []
        for index, (key, pattern) in enumerate(pairs):
            entry = (index, key, re.compile(pattern.regex))
            self.compiled.append(entry[2])
            if not pattern.first_words:
                self.everywhere.append(entry)
            for word in pattern.first_words:
                self.index_first_word(word, entry)

    def index_first_word(self, word, entry):
        if not word.endswith(STEM):
            self.by_word.setdefault(word, []).append(entry)
            return
        stem = word.rstrip(STEM)
        self.by_stem.setdefault(stem, []).append(entry)
        self.longest_stem = max(self.longest_stem, len(stem))

    def candidates(self, word):
        """The patterns whose first word may be `word` (remembered: words repeat). Those
        naming the word itself come first, then those naming a stem of it, shortest first;
        each group in the patterns' order."""
        found = self.per_word.get(word)
        if found is None:
            found = list(self.by_word.get(word, ()))
            for length in range(1, min(len(word), self.longest_stem) + 1):
                found += self.by_stem.get(word[:length], ())
            if len(self.per_word) >= self.CACHE_SIZE:
                self.per_word.clear()
            self.per_word[word] = found = tuple(found)
        return found

    def matches(self, text, accept=None):
        """{index: key} of the patterns that match somewhere in `text`. For a key in
        once_per_key, only the first pattern found (the everywhere patterns, then word by word
        from the start of the text) stands for it. `accept(index, key, match)`, if given, may
        turn a pattern down (a denied one), seeing its first match: it then neither counts nor
        stands for its key, whose other patterns are still tried."""
        found, settled, turned_down = {}, set(), set()

        def record(index, key, match):
            if accept is not None and not accept(index, key, match):
                turned_down.add(index)  # accept judged all of its matches at once
                return
            found[index] = key
            if key in self.once_per_key:
                settled.add(key)

        for index, key, pattern in self.everywhere:
            if key not in settled and (match := pattern.search(text)):
                record(index, key, match)
        position = 0
        for word in text.split(" "):
            for index, key, pattern in self.candidates(word):
                if (
                    index not in found
                    and index not in turned_down
                    and key not in settled
                    and (match := pattern.match(text, position))
                ):
                    record(index, key, match)
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
