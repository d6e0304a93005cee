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

    def sums(self, sentences):
        """(sums, counts): each sentence's token vectors added up, and how many tokens."""
        sums = np.zeros((len(sentences), self.dimensions), dtype=np.float32)
        # The fast batch skips the character offsets of each token, which are never used.
        encodings = self.tokenizer.encode_batch_fast(list(sentences), add_special_tokens=False)
        ids = [encoding.ids for encoding in encodings]
        counts = np.array([len(sentence_ids) for sentence_ids in ids], dtype=np.int64)
        if counts.sum():
            # One look-up for every token of the text, then a sum per sentence.
            vectors = self.table[np.fromiter(chain.from_iterable(ids), dtype=np.int64)]
            starts = np.cumsum(counts) - counts
            tokenised = counts > 0  # an empty sentence's run would swallow the next one
            sums[tokenised] = np.add.reduceat(vectors, starts[tokenised], axis=0)
        return sums, counts.tolist()


@lru_cache(maxsize=1)
def default_embedder():
    """The process's one embedder, loaded on first use."""
    return WordLlamaEmbedder(settings.CRISIS_MODEL_CACHE_DIR)
