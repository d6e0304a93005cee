"""The learned half of crisis recognition: a logistic regression over each passage's
features (features.py), trained on the corpus in intake/safety/corpus/ (training.py).

The model is a plain `.npz` file of arrays (no pickle: loading it runs no code), committed
beside this module with the SHA-256 of the corpus it was trained on. It is loaded once per
process. A text's score is that of its most crisis-like passage, so one sentence in a long
message counts in full, lowered by the model's length penalty: the best of a long message's
many passages is high by chance more often than a short message's one.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from intake.safety.embeddings import default_embedder
from intake.safety.features import Featuriser, Passages

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "crisis_model.npz"
# A single word carries no meaning the model can read beyond what the patterns see, and an
# unfamiliar one (a plant's name typed into search) can land anywhere in the embedding space:
# one-word texts are judged by the patterns alone ("suicide", "overdose" are patterns).
MIN_WORDS = 2


@dataclass(frozen=True)
class Reading:
    """How crisis-like the model finds a text: the probability of its strongest passage, the
    passage itself (normalised words), and whether it is over the model's threshold."""

    score: float = 0.0
    passage: str = ""
    threshold: float = 1.0

    @property
    def urgent(self):
        return self.score >= self.threshold

    @property
    def strength(self):
        """In words for staff: how clearly it reads like crisis language."""
        if self.score >= max(0.9, self.threshold):
            return "strongly"
        if self.score >= (1 + self.threshold) / 2:
            return "clearly"
        return "somewhat"


class CrisisModel:
    def __init__(self, arrays, embedder):
        vocabulary = arrays["vocabulary"]
        self.featuriser = Featuriser(
            {gram: column for column, gram in enumerate(vocabulary.tolist())},
            arrays["idf"],
            embedder,
        )
        # float64 once here, so each passage's weighted sum is taken in float64 (features.py).
        self.ngram_weights = arrays["ngram_weights"].astype(np.float64)
        self.idf_weights = self.ngram_weights * self.featuriser.idf
        self.embedding_weights = arrays["embedding_weights"].astype(np.float32)
        self.embedding_scale = float(arrays["embedding_scale"])
        self.intercept = float(arrays["intercept"])
        self.threshold = float(arrays["threshold"])
        self.length_penalty = float(arrays["length_penalty"])
        self.corpus_sha256 = str(arrays["corpus_sha256"])
        self.warm_words = arrays.get("warm_words", np.array([])).tolist()

    @classmethod
    def load(cls, path=MODEL_PATH, embedder=None):
        with np.load(path, allow_pickle=False) as arrays:
            model = cls(dict(arrays), embedder or default_embedder())
        model.warm_up()
        return model

    def warm_up(self):
        """Read the corpus's common words once (training.WARM_WORDS), so that the process's
        first messages find them already normalised and tokenised, as later ones do."""
        if self.warm_words:
            # One word a sentence: side by side, "can" "not" would be read as "cannot".
            self.read(". ".join(self.warm_words))

    def read(self, text):
        return self.read_passages(Passages.of(text))

    def read_passages(self, passages):
        if not passages.has_words(MIN_WORDS):
            return Reading(threshold=self.threshold)
        scores = self.probabilities(passages)
        best = int(np.argmax(scores))
        return Reading(
            score=float(lengthened(scores[best], len(passages.sentences), self.length_penalty)),
            passage=passages.text_of(passages.spans[best]),
            threshold=self.threshold,
        )

    def probabilities(self, passages):
        """Each passage's probability of being crisis language: what the regression makes of
        its features (Featuriser.features), with the n-gram part summed straight from the
        counts."""
        logits = self.intercept + self.featuriser.ngram_scores(passages, self.idf_weights)
        embeddings = self.featuriser.embeddings(passages)
        logits += self.embedding_scale * (embeddings @ self.embedding_weights)
        return 1 / (1 + np.exp(-logits))


def lengthened(probability, sentences, penalty):
    """A probability lowered by `penalty` logit points per natural log of the text's number of
    sentences (a one-sentence text keeps its own). Works on numbers or numpy arrays."""
    probability = np.clip(probability, 1e-12, 1 - 1e-12)
    logit = np.log(probability / (1 - probability)) - penalty * np.log(np.maximum(sentences, 1))
    return 1 / (1 + np.exp(-logit))


@lru_cache(maxsize=1)
def default_model():
    """The process's model, or None (logged) when it cannot be loaded: the patterns then
    judge alone, and nothing a person sends is ever refused for it."""
    try:
        return CrisisModel.load()
    except Exception:  # a missing or damaged model file must not take the contact form down
        logger.exception("Crisis model could not be loaded; judging by the patterns only")
        return None


def load_problem():
    """Why the model file cannot be loaded, in one line, or None when it loads."""
    try:
        CrisisModel.load(MODEL_PATH)
    except Exception as error:  # anything that would leave the site on the patterns alone
        return f"{type(error).__name__}: {error}"
    return None


def read(text):
    return read_passages(Passages.of(text))


def read_normalised(normalised):
    """The reading of a text already normalised (normalise.py): it is not done twice."""
    return read_passages(Passages.of_normalised(normalised))


def read_passages(passages):
    model = default_model()
    if model is None:
        return Reading()
    return model.read_passages(passages)
