"""Sentence embeddings for the learned crisis model, from WordLlama's static token vectors.

WordLlama (wordllama on PyPI) ships its weights inside its wheel, so nothing is downloaded:
its loader is always called with downloads disabled, and a test proves it never reaches the
network. The loader looks for the tokenizer's configuration in its cache folder rather than in
the wheel, so the packaged copy is placed there first (settings.CRISIS_MODEL_CACHE_DIR).

A passage's embedding is the mean of its tokens' vectors; this module returns per-sentence
sums and token counts so that any run of sentences can be averaged without tokenising again.
"""

import os
import shutil
import tempfile
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

import numpy as np
from django.conf import settings

CONFIG = "l2_supercat"
DIMENSIONS = 256
TOKENIZER_FILE = f"{CONFIG}_tokenizer_config.json"
WORD_START = "\u2581"  # "▁", which the tokenizer puts for each space and the text's start
WORD_CACHE_SIZE = 50_000  # words whose tokens are remembered (about 10 MB at most)


def packaged_tokenizer_config():
    return resources.files("wordllama") / "tokenizers" / TOKENIZER_FILE


def place_tokenizer_config(cache_dir):
    """Copy the wheel's tokenizer configuration to where WordLlama's loader looks for it.
    Several processes may start at once: each writes a file of its own, then renames it into
    place, so none ever reads a half-written copy."""
    target = Path(cache_dir) / "tokenizers" / TOKENIZER_FILE
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(packaged_tokenizer_config()) as source:
        handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
        os.close(handle)
        shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target


class WordLlamaEmbedder:
    """Token-vector sums per sentence, from WordLlama's tokenizer and embedding table."""

    dimensions = DIMENSIONS

    def __init__(self, cache_dir):
        from wordllama import WordLlama  # imported here: only processes that judge text need it

        place_tokenizer_config(cache_dir)
        model = WordLlama.load(
            config=CONFIG, dim=DIMENSIONS, cache_dir=Path(cache_dir), disable_download=True
        )
        # Our own instance: padding would add [PAD] tokens to the shorter sentences of a batch.
        self.tokenizer = model.tokenizer
        self.tokenizer.no_padding()
        self.table = model.embedding
        self.word_ids = {}  # word -> its token ids (token_ids)
        self.words_apart = words_tokenised_apart(self.tokenizer)
        self.begins_word = begins_word(self.tokenizer)

    def sums(self, sentences):
        """(sums, counts): each sentence's token vectors added up, and how many tokens."""
        sums = np.zeros((len(sentences), self.dimensions), dtype=np.float32)
        ids = self.token_ids(sentences)
        counts = np.array([len(sentence_ids) for sentence_ids in ids], dtype=np.int64)
        if counts.sum():
            # One look-up for every token of the text, then a sum per sentence.
            vectors = self.table[np.fromiter(chain.from_iterable(ids), dtype=np.int64)]
            starts = np.cumsum(counts) - counts
            tokenised = counts > 0  # an empty sentence's run would swallow the next one
            sums[tokenised] = np.add.reduceat(vectors, starts[tokenised], axis=0)
        return sums, counts.tolist()

    def token_ids(self, sentences):
        """Each sentence's token ids. When no token of the vocabulary spans two words
        (words_tokenised_apart), a sentence's tokens are its words' tokens in turn: each word
        is then tokenised once per process, as words repeat from text to text (tokenising
        whole sentences was a third of the model's time)."""
        if not self.words_apart:
            return self.tokenise(sentences)
        words = [sentence.split(" ") for sentence in sentences]
        known = self.word_tokens({word for split in words if "" not in split for word in split})
        return [
            self.tokenise([sentence])[0]
            if "" in split  # two spaces in a row are one "▁▁" token: tokenised whole
            else [token for word in split for token in known[word]]
            for sentence, split in zip(sentences, words, strict=True)
        ]

    def word_tokens(self, words):
        """{word: its token ids} for `words`: those remembered, the others tokenised now and
        remembered. The answer is this call's own dict, so another thread clearing the
        remembered words meanwhile cannot take a word from under it."""
        known = {word: self.word_ids.get(word) for word in words}
        new = [word for word, ids in known.items() if ids is None]
        if new:
            tokenised = dict(zip(new, self.tokenise_words(new), strict=True))
            known.update(tokenised)
            if len(self.word_ids) + len(new) > WORD_CACHE_SIZE:
                self.word_ids.clear()
            self.word_ids.update(tokenised)
        return known

    def tokenise_words(self, words):
        """Each word's token ids (a tuple), from one encoding of the words side by side: no
        token spans two words (words_apart), and each word's first token is the one beginning
        with "▁", so the text's tokens are cut where those begin. One call on this thread,
        where the tokenizer's batch call would hand a few dozen words to a pool of threads."""
        ids = np.array(self.tokenise([" ".join(words)])[0], dtype=np.int64)
        starts = np.flatnonzero(self.begins_word[ids])
        if len(starts) != len(words) or starts[0] != 0:  # not when words_apart holds
            return [tuple(ids) for ids in self.tokenise(words)]
        return [tuple(part.tolist()) for part in np.split(ids, starts[1:])]

    def tokenise(self, texts):
        return [self.tokenizer.encode(text, add_special_tokens=False).ids for text in texts]


def words_tokenised_apart(tokenizer):
    """Whether tokenising a text word by word gives the tokens of the whole: the tokenizer
    turns each space into "▁" before its merges, and when no token holds a "▁" after a word
    has begun, no merge ever joins two words."""
    return not any(WORD_START in token.lstrip(WORD_START) for token in tokenizer.get_vocab())


def begins_word(tokenizer):
    """For each token id, whether its token begins with "▁" (a word's first token)."""
    vocabulary = tokenizer.get_vocab()
    begins = np.zeros(max(vocabulary.values(), default=-1) + 1, dtype=bool)
    begins[[i for token, i in vocabulary.items() if token.startswith(WORD_START)]] = True
    return begins


@lru_cache(maxsize=1)
def default_embedder():
    """The process's one embedder, loaded on first use."""
    return WordLlamaEmbedder(settings.CRISIS_MODEL_CACHE_DIR)
