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
from functools import lru_cache
from itertools import islice

import numpy as np
from scipy import sparse

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
class Windows:
    """The passages judged in a text of so many sentences (windows()), which are the same for
    every text of that length: as (first, last) pairs, as arrays of firsts and lasts, and as
    a (span x sentence) sparse matrix of ones, row i with a one for each sentence of span i.
    Shared by every text, so read-only."""

    spans: tuple
    firsts: np.ndarray
    lasts: np.ndarray
    matrix: sparse.csr_matrix


@lru_cache(maxsize=MAX_SENTENCES + 1)
def windows_of(count):
    spans = tuple(windows(count)) if count else ()
    firsts, lasts = np.array(spans, dtype=np.int64).reshape(-1, 2).T
    lengths = lasts - firsts
    row_starts = np.concatenate([[0], np.cumsum(lengths)])
    sentence = np.arange(row_starts[-1]) - np.repeat(row_starts[:-1] - firsts, lengths)
    matrix = sparse.csr_matrix(
        (np.ones(len(sentence), np.float32), sentence, row_starts), shape=(len(spans), count)
    )
    for array in (firsts, lasts, matrix.data, matrix.indices, matrix.indptr):
        array.flags.writeable = False
    return Windows(spans, firsts, lasts, matrix)


def is_key_held(word):
    return len(word) > 1 and len(set(word)) == 1


@dataclass(frozen=True)
class Passages:
    """A text cut into sentences, with the passages (runs of sentences) to judge."""

    sentences: tuple

    @classmethod
    def of(cls, text):
        return cls.of_normalised(normalise(text))

    @classmethod
    def of_normalised(cls, normalised):
        """The passages of a text already normalised (the patterns need it normalised too)."""
        return cls(tuple(sentences_of(normalised)))

    @property
    def windows(self):
        return windows_of(len(self.sentences))

    @property
    def spans(self):
        return self.windows.spans

    def has_words(self, count):
        """Whether the text has at least `count` words, not counting runs of one letter
        ("xx", "zzz" are what is left of a key held down), which carry no meaning for the
        model to read. Counting stops there: a long message's words are not all looked at."""
        words = (word for sentence in self.sentences for word in sentence.split())
        meaningful = (word for word in words if not is_key_held(word))
        return len(list(islice(meaningful, count))) == count

    def text_of(self, span):
        first, last = span
        return " ".join(self.sentences[first:last])


@dataclass(frozen=True)
class PassageFeatures:
    """The features of every passage of one text, one row per span: a sparse (scipy CSR)
    matrix of n-gram values, each row of unit length or empty (a passage of a few sentences
    uses a few hundred of the text's thousands of n-grams, in no set column order within a
    row), and the embeddings."""

    ngrams: sparse.csr_matrix  # (spans, vocabulary)
    embeddings: np.ndarray  # (spans, dimensions), each row of unit length (or all zero)


# An n-gram's number is its characters' bytes read as one big-endian integer: normalised text
# is ASCII without NUL, so n-grams of different sizes never share a number, and the bits above
# CODE_BITS are free to hold the sentence an n-gram comes from.
CODE_BITS = 8 * max(NGRAM_SIZES)
CODE_MASK = (1 << CODE_BITS) - 1


def gram_code(gram):
    return int.from_bytes(gram.encode("ascii"), "big")


class GramTable:
    """The vocabulary's n-grams as numbers in a hash table (open addressing, linear probing),
    so all of a text's n-grams (some 7,000 distinct ones in 2,000 characters) are found in it
    by a few numpy gathers, rather than by a dict lookup each or a binary search each (which
    misses the processor's cache at most of its 17 steps through 80,000 numbers).

    The table is at most a quarter full, so most n-grams are found in their first slot."""

    EMPTY = -1
    # Fibonacci hashing: the top bits of the number times 2**64 over the golden ratio.
    MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, vocabulary):
        grams = list(vocabulary)
        if any(len(gram) > max(NGRAM_SIZES) for gram in grams):
            raise ValueError(f"n-grams are at most {max(NGRAM_SIZES)} characters long")
        self.bits = max(4, (4 * len(grams)).bit_length())
        self.mask = (1 << self.bits) - 1
        self.codes = np.full(1 << self.bits, self.EMPTY, dtype=np.int64)
        self.columns = np.zeros(1 << self.bits, dtype=np.int64)
        codes = np.array([gram_code(gram) for gram in grams], dtype=np.int64)
        self.insert(codes, np.array([vocabulary[gram] for gram in grams], dtype=np.int64))

    def slots_of(self, codes):
        hashed = codes.astype(np.uint64) * self.MULTIPLIER  # modulo 2**64
        return (hashed >> np.uint64(64 - self.bits)).astype(np.int64)

    def insert(self, codes, columns):
        """Puts distinct n-gram numbers and their columns in the table, all at once: at each
        step, of the n-grams waiting on a free slot the first takes it, and every n-gram not
        placed moves on to the next slot."""
        waiting, slots = np.arange(len(codes)), self.slots_of(codes)
        while len(waiting):
            first_claim = np.zeros(len(waiting), dtype=bool)
            first_claim[np.unique(slots, return_index=True)[1]] = True
            placed = first_claim & (self.codes[slots] == self.EMPTY)
            self.codes[slots[placed]] = codes[waiting[placed]]
            self.columns[slots[placed]] = columns[waiting[placed]]
            waiting, slots = waiting[~placed], (slots[~placed] + 1) & self.mask

    def columns_of(self, codes):
        """(found, columns): which of the n-gram numbers `codes` are in the vocabulary, and
        the column of each one found."""
        columns = np.full(len(codes), self.EMPTY, dtype=np.int64)
        waiting, slots = np.arange(len(codes)), self.slots_of(codes)
        while len(waiting):
            held = self.codes[slots]
            hit = held == codes[waiting]
            columns[waiting[hit]] = self.columns[slots[hit]]
            moving_on = ~hit & (held != self.EMPTY)
            waiting, slots = waiting[moving_on], (slots[moving_on] + 1) & self.mask
        found = columns != self.EMPTY
        return found, columns[found]


def gram_codes(sentences):
    """(codes, owners): the number of every n-gram gram_list gives for each sentence, and
    the index of the sentence it comes from."""
    padded = "".join(f" {sentence} " for sentence in sentences)
    characters = np.frombuffer(padded.encode("ascii"), dtype=np.uint8).astype(np.int64)
    owner = np.repeat(np.arange(len(sentences)), [len(sentence) + 2 for sentence in sentences])
    codes, owners = [], []
    code = characters
    for size in range(1, max(NGRAM_SIZES) + 1):
        if size > 1:  # the n-grams one character longer: append the next character
            code = (code[:-1] << 8) | characters[size - 1 :]
        if size in NGRAM_SIZES:
            starts = owner[: len(code)]
            within = starts == owner[size - 1 :]  # not reaching into the next sentence
            codes.append(code[within])
            owners.append(starts[within])
    return np.concatenate(codes), np.concatenate(owners)


class Featuriser:
    """Turns passages into features: n-gram counts weighted by the model's vocabulary and
    idf, and the embedding mean, each scaled to unit length.

    `vocabulary` maps an n-gram to its column; `idf` holds one weight per column."""

    def __init__(self, vocabulary, idf, embedder):
        self.vocabulary = vocabulary
        self.table = GramTable(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float32)
        self.squared_idf = np.square(self.idf, dtype=np.float64)
        self.embedder = embedder

    @property
    def width(self):
        return len(self.vocabulary) + self.embedder.dimensions

    def features(self, passages):
        """Every span's features. A span's n-gram counts are its sentences' added up, and its
        embedding sum a difference of running totals, so each sentence is counted and
        embedded once."""
        return PassageFeatures(
            ngrams=self.ngram_values(passages), embeddings=self.embeddings(passages)
        )

    def ngram_values(self, passages):
        """Each span's n-gram values, log1p(count) x idf scaled to unit length."""
        per_span = self.span_counts(passages)
        rows = np.repeat(np.arange(per_span.shape[0]), np.diff(per_span.indptr))
        values = np.log1p(per_span.data) * self.idf[per_span.indices]
        norms = np.sqrt(np.bincount(rows, weights=np.square(values, dtype=np.float64)))
        per_span.data = (values / norms[rows]).astype(np.float32)  # every value is > 0
        return per_span

    def ngram_scores(self, passages, idf_weights):
        """Each span's n-gram values (ngram_values) times the vocabulary's weights, added up,
        without making the values: the sum of log1p(count) x idf x weight over the span's
        n-grams, over the length of its log1p(count) x idf, both sparse matrix-vector
        products. `idf_weights` are the weights times idf, one per column."""
        per_span = self.span_counts(passages)
        logs = np.log1p(per_span.data, dtype=np.float64)
        per_span.data = logs
        totals = per_span @ idf_weights
        per_span.data = np.square(logs)
        lengths = np.sqrt(per_span @ self.squared_idf)
        return np.divide(totals, lengths, out=np.zeros(len(totals)), where=lengths > 0)

    def span_counts(self, passages):
        """Each span's counts of the vocabulary's n-grams, its sentences' added up: the
        product of the (span x sentence) matrix of ones and the (sentence x n-gram) counts,
        which scipy does in compiled code."""
        return passages.windows.matrix @ self.sentence_counts(passages.sentences)

    def sentence_counts(self, sentences):
        """Each sentence's counts of the vocabulary's n-grams, a (sentence x vocabulary)
        sparse matrix."""
        codes, owners = gram_codes(sentences)
        keys, counts = np.unique((owners << CODE_BITS) | codes, return_counts=True)
        found, columns = self.table.columns_of(keys & CODE_MASK)
        row_starts = np.searchsorted(keys[found] >> CODE_BITS, np.arange(len(sentences) + 1))
        return sparse.csr_matrix(
            (counts[found].astype(np.float32), columns, row_starts),
            shape=(len(sentences), len(self.vocabulary)),
        )

    def embeddings(self, passages):
        """Each span's mean token vector, scaled to unit length."""
        sums, tokens = self.embedder.sums(passages.sentences)
        firsts, lasts = passages.windows.firsts, passages.windows.lasts
        token_counts = np.maximum(1, span_totals(np.asarray(tokens)[:, None], firsts, lasts))
        return unit_rows((span_totals(sums, firsts, lasts) / token_counts).astype(np.float32))

    def rows(self, passages):
        """One feature row per span of `passages`, as training stacks them into a sparse
        matrix: (columns, values, embedding), the n-gram part sparse in column order, the
        embedding dense."""
        features = self.features(passages)
        ngrams = features.ngrams.sorted_indices()
        return [
            (ngrams.indices[start:stop], ngrams.data[start:stop], embedding)
            for start, stop, embedding in zip(
                ngrams.indptr[:-1], ngrams.indptr[1:], features.embeddings, strict=True
            )
        ]


def span_totals(per_sentence, firsts, lasts):
    """Totals over sentences first..last-1 for each span, from running totals."""
    running = np.zeros((len(per_sentence) + 1, per_sentence.shape[1]), dtype=np.float64)
    np.cumsum(per_sentence, axis=0, out=running[1:])
    return running[lasts] - running[firsts]


def unit_rows(matrix):
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
