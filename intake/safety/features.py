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
from itertools import chain, repeat

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


def gram_list(sentence):
    """Every character n-gram of one sentence, in order, with a space at either end so that
    the beginnings and ends of words count as such."""
    padded = f" {sentence} "
    length = len(padded)
    return [
        padded[start : start + size] for size in NGRAM_SIZES for start in range(length - size + 1)
    ]


def ngrams(sentence):
    """The counts of a sentence's character n-grams (gram_list)."""
    return Counter(gram_list(sentence))


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


@dataclass(frozen=True)
class PassageFeatures:
    """The features of every passage of one text, one row per span, as dense arrays over the
    vocabulary columns the text uses (`columns`): a text touches a few thousand n-grams of
    the vocabulary at most, so a dense block is small and every passage is scored at once."""

    columns: np.ndarray  # (k,) vocabulary columns
    ngram_values: np.ndarray  # (spans, k), each row of unit length (or all zero)
    embeddings: np.ndarray  # (spans, dimensions), each row of unit length (or all zero)


class Featuriser:
    """Turns passages into features: n-gram counts weighted by the model's vocabulary and
    idf, and the embedding mean, each scaled to unit length.

    `vocabulary` maps an n-gram to its column; `idf` holds one weight per column."""

    def __init__(self, vocabulary, idf, embedder):
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float32)
        self.embedder = embedder

    @property
    def width(self):
        return len(self.vocabulary) + self.embedder.dimensions

    def features(self, passages):
        """Every span's features. A span's counts and embedding sum are differences of running
        totals over the sentences, so each sentence is counted and embedded once."""
        columns, sentence_counts = self.sentence_counts(passages.sentences)
        sums, tokens = self.embedder.sums(passages.sentences)
        firsts, lasts = np.asarray(passages.spans, dtype=np.int64).reshape(-1, 2).T
        counts = span_totals(sentence_counts, firsts, lasts)
        ngram_values = np.log1p(counts.astype(np.float32)) * self.idf[columns]
        token_counts = np.maximum(1, span_totals(np.asarray(tokens)[:, None], firsts, lasts))
        embeddings = span_totals(sums, firsts, lasts) / token_counts
        return PassageFeatures(
            columns=columns,
            ngram_values=unit_rows(ngram_values),
            embeddings=unit_rows(embeddings.astype(np.float32)),
        )

    def sentence_counts(self, sentences):
        """The vocabulary columns the sentences use, and each sentence's n-gram counts in
        them: (columns, counts of shape (sentences, columns))."""
        grams = [gram_list(sentence) for sentence in sentences]
        found = np.fromiter(
            map(self.vocabulary.get, chain.from_iterable(grams), repeat(-1)),
            dtype=np.int64,
            count=sum(map(len, grams)),
        )
        owners = np.repeat(np.arange(len(grams)), [len(sentence) for sentence in grams])
        known = found >= 0
        columns, local = np.unique(found[known], return_inverse=True)
        cells = np.bincount(
            owners[known] * len(columns) + local, minlength=len(grams) * len(columns)
        )
        return columns, cells.reshape(len(grams), len(columns)).astype(np.float64)

    def rows(self, passages):
        """One feature row per span of `passages`, as training stacks them into a sparse
        matrix: (columns, values, embedding), the n-gram part sparse, the embedding dense."""
        features = self.features(passages)
        rows = []
        for values, embedding in zip(features.ngram_values, features.embeddings, strict=True):
            used = np.flatnonzero(values)
            rows.append((features.columns[used], values[used], embedding))
        return rows


def span_totals(per_sentence, firsts, lasts):
    """Totals over sentences first..last-1 for each span, from running totals."""
    running = np.zeros((len(per_sentence) + 1, per_sentence.shape[1]), dtype=np.float64)
    np.cumsum(per_sentence, axis=0, out=running[1:])
    return running[lasts] - running[firsts]


def unit_rows(matrix):
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
