"""The crisis model's featurising (intake/safety/features.py) computes, with numpy, exactly
what its definition says: for every passage, the counts of its sentences' character n-grams
(gram_list) in the vocabulary, as log1p(count) x idf scaled to unit length."""

from collections import Counter

import numpy as np
import pytest

from intake.safety.embeddings import default_embedder
from intake.safety.features import Featuriser, GramTable, Passages, gram_code, gram_list
from intake.safety.learned import default_model
from intake.safety.training import read_corpus

TEXTS = [
    "I want to book an appointment. Do you take my insurance?",
    "ok",
    "Back pain again! Back pain again! Back pain again.",
    "Ya no aguanto mas. Quiero una cita el lunes; gracias.",
    "I paid $40 at 5pm. Room 101 | floor 3",
    "zqxj vvkw. qqqq!",
    ". ".join(f"sentence number {number} about my knee" for number in range(60)),
]


def expected_rows(featuriser, passages):
    """Each span's (columns, values) straight from the definition, one n-gram at a time."""
    rows = []
    for first, last in passages.spans:
        counts = Counter()
        for sentence in passages.sentences[first:last]:
            counts.update(g for g in gram_list(sentence) if g in featuriser.vocabulary)
        columns = sorted(featuriser.vocabulary[gram] for gram in counts)
        by_column = {featuriser.vocabulary[gram]: count for gram, count in counts.items()}
        values = np.array([np.log1p(np.float32(by_column[c])) * featuriser.idf[c] for c in columns])
        norm = np.linalg.norm(values)
        rows.append((np.array(columns, dtype=np.int64), values / norm if norm else values))
    return rows


@pytest.mark.parametrize("text", TEXTS)
def test_ngram_features_are_their_definition(text):
    featuriser = default_model().featuriser
    passages = Passages.of(text)

    rows = featuriser.rows(passages)

    assert len(rows) == len(passages.spans)
    for (columns, values, _), (want_columns, want_values) in zip(
        rows, expected_rows(featuriser, passages), strict=True
    ):
        assert np.array_equal(columns, want_columns)
        assert np.allclose(values, want_values, rtol=0, atol=1e-6)


def test_passages_without_any_known_ngram_have_empty_ngram_rows():
    featuriser = Featuriser({" a": 0, "ab": 1}, np.ones(2), default_embedder())
    passages = Passages.of("Xq. Ab ab. Qx")

    rows = featuriser.rows(passages)

    spans = [passages.text_of(span) for span in passages.spans]
    sizes = {span: len(columns) for span, (columns, _, _) in zip(spans, rows, strict=True)}
    assert sizes["xq"] == 0 and sizes["qx"] == 0
    assert sizes["ab ab"] == 2
    assert all(np.isfinite(values).all() for _, values, _ in rows)
    assert Featuriser({}, np.ones(0), default_embedder()).rows(passages)[0][0].size == 0


def test_sentences_tokenised_word_by_word_get_the_tokens_of_the_whole():
    embedder = default_embedder()
    sentences = [
        "i cant sleep and i keep thinking about ending it",
        "ya no aguanto mas quiero dormir para siempre",
        "appointment on 5 12 at 3pm for 40",
        "supercalifragilistic antidisestablishmentarianism",
        "two  spaces",
        " leading and trailing ",
        "tab\there",
        "",
    ]

    assert embedder.words_apart
    assert embedder.token_ids(sentences) == embedder.tokenise(sentences)
    assert embedder.token_ids(sentences) == embedder.tokenise(sentences)  # remembered words


def test_words_tokenised_together_get_the_tokens_each_gets_alone():
    embedder = default_embedder()
    words = sorted({word for example in read_corpus() for word in example.message.split()})
    words = [word for word in words if word.isascii() and word.isprintable()][:3000]

    together = embedder.tokenise_words(words)

    assert together == [tuple(ids) for ids in embedder.tokenise(words)]
    assert embedder.tokenise_words(["x"]) == [tuple(embedder.tokenise(["x"])[0])]


def test_the_gram_table_finds_every_vocabulary_ngram_and_nothing_else():
    """Many n-grams share a first slot in a table this full of near-identical numbers; each is
    still found where it was put, and numbers not in it are not found."""
    rng = np.random.default_rng(7)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz "))
    grams = {"".join(rng.choice(letters, size=rng.integers(2, 6))) for _ in range(6000)}
    vocabulary = {gram: column for column, gram in enumerate(sorted(grams))}
    absent = {"".join(rng.choice(letters, size=5)) for _ in range(3000)} - grams
    table = GramTable(vocabulary)
    asked = list(vocabulary) + sorted(absent)

    found, columns = table.columns_of(np.array([gram_code(gram) for gram in asked]))

    assert found.tolist() == [gram in vocabulary for gram in asked]
    assert columns.tolist() == list(vocabulary.values())
    shared = np.unique(table.slots_of(np.array([gram_code(g) for g in grams])), return_counts=True)
    assert shared[1].max() > 1  # collisions were met


def test_an_empty_gram_table_finds_nothing():
    found, columns = GramTable({}).columns_of(np.array([gram_code("ab"), gram_code("abc")]))
    assert found.tolist() == [False, False] and columns.size == 0
