"""What the learned crisis model reads in a text: its passages, and each passage's features.

Training (training.py) and judging (learned.py) both go through this module, so the model is
always fed exactly what it was trained on. A text is normalised first (normalise.py), then cut
into sentences. The model judges short passages (a sentence, or a few in a row), not only the
whole text: in a long message about appointments and insurance the one sentence that matters
would otherwise be drowned out.

Each passage has two kinds of features:
- character n-grams of the normalised words, which hold up against misspellings, slang and
  Spanish written without accents ("suicidarme", "sucidal", "ya no aguanto");
- a sentence embedding from WordLlama's static token vectors (offline, inside its wheel),
  which carries meaning beyond the exact words ("where my husband keeps the gun").

Both are sums over the passage's sentences, so a window of several sentences costs no more
work than its sentences did once.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np

from intake.safety.normalise import BOUNDARY, normalise

NGRAM_SIZES = (2, 3, 4, 5)
# A passage is up to this many sentences in a row; the whole text is judged as well.
WINDOW_SENTENCES = 3
# Sentences beyond this many are merged with their neighbours: the form takes 2,000
# characters, so this only bounds the work for unusual texts (one word per line).
MAX_SENTENCES = 40
SEPARATOR = f" {BOUNDARY} "


def sentences_of(normalised):
    """The sentences of a normalised text, merged down to at most MAX_SENTENCES."""
    sentences = [sentence for sentence in normalised.split(SEPARATOR) if sentence.strip()]
    sentences = [sentence.strip(" " + BOUNDARY) for sentence in sentences]
    sentences = [sentence for sentence in sentences if sentence]
    if len(sentences) <= MAX_SENTENCES:
        return sentences
    size = -(-len(sentences) // MAX_SENTENCES)
    return [" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size)]


def ngrams(sentence):
    """Character n-grams of one sentence, with a space at either end so that the beginnings
    and ends of words count as such."""
    padded = f" {sentence} "
    length = len(padded)
    return Counter(
        padded[start : start + size] for size in NGRAM_SIZES for start in range(length - size + 1)
    )


def windows(count):
    """(first, last) sentence ranges judged for a text of `count` sentences: every run of up
    to WINDOW_SENTENCES sentences, and the whole text."""
    spans = {
        (first, min(first + size, count))
        for size in range(1, WINDOW_SENTENCES + 1)
        for first in range(count)
    }
    spans.add((0, count))
    return sorted(spans)


@dataclass(frozen=True)
class Passages:
    """A text cut into sentences, with the passages (runs of sentences) to judge."""

    sentences: tuple
    spans: tuple

    @classmethod
    def of(cls, text):
        sentences = tuple(sentences_of(normalise(text)))
        return cls(sentences, tuple(windows(len(sentences))) if sentences else ())

    @property
    def word_count(self):
        return sum(len(sentence.split()) for sentence in self.sentences)

    def text_of(self, span):
        first, last = span
        return " ".join(self.sentences[first:last])


class Featuriser:
    """Turns passages into feature rows: n-gram counts weighted by the model's vocabulary and
    idf, and the embedding mean, each scaled to unit length.

    `vocabulary` maps an n-gram to its column; `idf` holds one weight per column."""

    def __init__(self, vocabulary, idf, embedder):
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float32)
        self.embedder = embedder

    @property
    def width(self):
        return len(self.vocabulary) + self.embedder.dimensions

    def sentence_parts(self, sentences):
        """For each sentence: its n-gram columns and counts, its embedding sum and its token
        count. Computed once per sentence, then summed per passage."""
        grams = []
        for sentence in sentences:
            counts = {}
            for gram, count in ngrams(sentence).items():
                column = self.vocabulary.get(gram)
                if column is not None:
                    counts[column] = count
            grams.append(counts)
        sums, tokens = self.embedder.sums(sentences)
        return grams, sums, tokens

    def rows(self, passages):
        """One feature row per span of `passages`: (columns, values, embedding) where the
        n-gram part is sparse (columns and values) and the embedding part dense."""
        grams, sums, tokens = self.sentence_parts(passages.sentences)
        rows = []
        for first, last in passages.spans:
            counts = Counter()
            for part in grams[first:last]:
                counts.update(part)
            rows.append(
                (
                    *self.weighted(counts),
                    unit(sums[first:last].sum(axis=0) / max(1, sum(tokens[first:last]))),
                )
            )
        return rows

    def weighted(self, counts):
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        values = np.log1p(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        values *= self.idf[columns]
        return columns, unit(values)


def unit(vector):
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
