"""The learned crisis model: current against its corpus, offline, deterministic, and judged
only on messages it never saw.

The fresh held-out sets (data/crisis_fresh_*.tsv) were written by authors who never saw the
corpus, the patterns or the other sets; none was tuned on before its one first reading: D on
v6, G on v9, R on v19 (committed before v19 was trained). After that reading a set is seen
(later changes looked at its misses) and stays here as a floor. Sets A, B, C, E, F and H to Q
were held out the same way, then joined the corpus (intake/safety/corpus/spent_heldout_*.tsv).
A sealed set (data/sealed/, when there is one) waits, unread, for the next model: only its size
and its distance from everything the model and patterns saw are checked until its one reading.
The figures are in the README ("Measured recognition").
"""

import csv
import math
import re
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.checks import run_checks
from django.core.management import call_command

from intake.safety import assess, learned
from intake.safety.features import Passages
from intake.safety.learned import MODEL_PATH, CrisisModel, lengthened
from intake.safety.training import (
    CORPUS_DIR,
    LENGTH_PENALTIES,
    Example,
    Trainer,
    author_of,
    choose_length_penalty,
    choose_threshold,
    corpus_sha256,
    folds,
    read_corpus,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
FRESH_SETS = sorted(DATA.glob("crisis_fresh_*.tsv"))
SEALED_SETS = sorted((DATA / "sealed").glob("crisis_fresh_*.tsv"))
SEEN_SETS = [DATA / "crisis_labelled.tsv", DATA / "crisis_heldout.tsv"]
SHARED_SETS = sorted((ROOT.parent / "shared" / "safety").glob("*.tsv"))
PATTERN_FILES = [ROOT / "intake" / "safety" / "patterns.py"]

# The targets: 95% recall and 10% false alarms on unseen sets, 97% and 10% on our own.
# Each fresh set here keeps a floor (recall, false alarms), so that no change makes recognition
# of unseen messages worse: a new set's is the target; a seen set's what today's model reads,
# rounded to the safe side. First reading: R 97.5% / 5.2% (v19). Seen, on v19: D 97.8% / 11.4%,
# G 95.5% / 8.3% (G had read 94.2% on v16 and 95.5% on v15: a few of its 243 crisis messages
# either way).
TARGET = (0.95, 0.10)
FLOORS = {"crisis_fresh_d.tsv": (0.95, 0.12), "crisis_fresh_g.tsv": (0.95, 0.10)}
NEAR_DUPLICATE = 0.8  # character 5-gram Jaccard similarity


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["label"], row.get("lang") or "en", row["message"]) for row in reader]


def wilson_interval(successes, total, z=1.96):
    """The 95% confidence interval of a proportion (Wilson score)."""
    if not total:
        return 0.0, 1.0
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def test_the_saved_model_was_trained_on_the_corpus_as_it_is_now():
    model = np.load(MODEL_PATH, allow_pickle=False)

    assert str(model["corpus_sha256"]) == corpus_sha256(), (
        "The corpus changed since the model was trained: run `make crisis-model`."
    )


def test_loading_the_model_reads_the_corpus_common_words_once(tmp_path):
    """A process's first message should not pay for tokenising everyday words: the model
    file carries the corpus's common words, and loading reads them."""
    from intake.safety.embeddings import WordLlamaEmbedder

    embedder = WordLlamaEmbedder(tmp_path)
    model = CrisisModel.load(embedder=embedder)

    assert len(model.warm_words) >= 1000
    assert {"pain", "appointment", "dolor", "cita"} <= set(model.warm_words)
    assert set(model.warm_words) <= set(embedder.word_ids)


def test_the_corpus_is_large_varied_and_part_spanish():
    examples = read_corpus()
    spanish = [e for e in examples if e.language in ("es", "mixed")]

    assert len(examples) >= 3000
    assert len(spanish) / len(examples) >= 0.30
    assert {e.label for e in examples} == {0, 1}
    # The same words from two authors are fine; the same words with both labels are not.
    labels = {}
    for example in examples:
        labels.setdefault(example.message, set()).add(example.label)
    assert [message for message, found in labels.items() if len(found) > 1] == []


def test_the_model_file_holds_plain_arrays_only():
    # A pickle would run code when loaded; np.load refuses one with allow_pickle=False.
    with np.load(MODEL_PATH, allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)


def deploy_check_errors():
    return [
        message
        for message in run_checks(include_deployment_checks=True)
        if message.id == "intake.E001"
    ]


def test_the_deployment_check_passes_when_the_model_loads():
    assert deploy_check_errors() == []


def test_the_deployment_check_fails_when_the_model_cannot_load(tmp_path, monkeypatch):
    damaged = tmp_path / "crisis_model.npz"
    damaged.write_bytes(MODEL_PATH.read_bytes()[:5000])  # a copy cut short
    monkeypatch.setattr(learned, "MODEL_PATH", damaged)
    [error] = deploy_check_errors()
    assert error.msg.startswith("The crisis model cannot be loaded: ")
    assert "patterns alone" in error.hint
    monkeypatch.setattr(learned, "MODEL_PATH", tmp_path / "missing.npz")
    assert "No such file" in deploy_check_errors()[0].msg


def test_the_model_loads_and_judges_with_the_network_blocked(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, socket, sys
        sys.path.insert(0, {str(ROOT)!r})
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ["CRISIS_MODEL_CACHE_DIR"] = {str(tmp_path / "cache")!r}

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        import django
        django.setup()
        from intake.safety.learned import CrisisModel
        model = CrisisModel.load()
        print(round(model.read("I keep thinking everyone would be better off without me").score, 3))
        print(round(model.read("Can I book an appointment for next Tuesday?").score, 3))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )

    assert result.returncode == 0, result.stderr
    crisis_score, ordinary_score = map(float, result.stdout.split())
    assert crisis_score > ordinary_score
    assert (tmp_path / "cache" / "tokenizers").is_dir()


def test_training_is_deterministic(tmp_path):
    examples = read_corpus()[::12]  # a slice of the corpus: the same code path, in seconds
    from intake.safety.embeddings import default_embedder

    first = Trainer(default_embedder()).fit(examples)
    second = Trainer(default_embedder()).fit(examples)

    assert first.keys() == second.keys()
    for name in first:
        assert np.array_equal(first[name], second[name]), name


def judged(rows):
    """Recall and false alarms of assess() (patterns and model together) over `rows`."""
    crisis = [message for label, _, message in rows if label == "crisis"]
    ordinary = [message for label, _, message in rows if label == "ok"]
    missed = [message for message in crisis if not assess(message).urgent]
    alarms = [message for message in ordinary if assess(message).urgent]
    return crisis, ordinary, missed, alarms


@pytest.mark.parametrize("path", FRESH_SETS + SEALED_SETS, ids=lambda path: path.name)
def test_fresh_held_out_set_is_large_enough_and_part_spanish(path):
    rows = read_rows(path)
    spanish = [row for row in rows if row[1] in ("es", "mixed")]

    assert sum(label == "crisis" for label, _, _ in rows) >= 150
    assert sum(label == "ok" for label, _, _ in rows) >= 100
    assert len(spanish) / len(rows) >= 0.30


@pytest.mark.parametrize("path", FRESH_SETS, ids=lambda path: path.name)
def test_fresh_held_out_set_keeps_its_recall_and_false_alarm_floor(path):
    crisis, ordinary, missed, alarms = judged(read_rows(path))
    min_recall, max_false_alarms = FLOORS.get(path.name, TARGET)

    recall = 1 - len(missed) / len(crisis)
    false_alarms = len(alarms) / len(ordinary)
    assert recall >= min_recall, (recall, missed)
    assert false_alarms <= max_false_alarms, (false_alarms, alarms)


@pytest.mark.skipif(not SHARED_SETS, reason="../shared/safety is not beside the project")
@pytest.mark.parametrize("path", SHARED_SETS, ids=lambda path: path.name)
def test_shared_sets_are_all_recognised_with_no_false_alarm(path):
    _, _, missed, alarms = judged(read_rows(path))

    assert missed == []
    assert alarms == []


def shingles(text):
    text = re.sub(r"\s+", " ", text.lower()).strip()
    return {text[i : i + 5] for i in range(max(1, len(text) - 4))}


def pattern_phrases():
    """The literal words of the crisis patterns, regular-expression syntax taken out."""
    phrases = []
    for path in PATTERN_FILES:
        for literal in re.findall(r'r?"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")):
            words = re.sub(r"\{G\d+\}|\{PILLS\}|\\[a-z]|[^a-z ]+", " ", literal)
            words = re.sub(r"\s+", " ", words).strip()
            if len(words) >= 12:
                phrases.append(words)
    return phrases


def near_duplicates(texts, others):
    """Pairs (text, other) whose 5-gram Jaccard similarity is at least NEAR_DUPLICATE,
    found with one sparse product rather than millions of set comparisons."""
    from scipy import sparse

    columns = {}

    def matrix(items):
        rows, cols = [], []
        for row, item in enumerate(items):
            for gram in shingles(item):
                rows.append(row)
                cols.append(columns.setdefault(gram, len(columns)))
        return rows, cols

    left, right = matrix(texts), matrix(others)
    shape = len(columns)
    # Each (row, column) pair occurs once: shingles() is a set.
    a = sparse.csr_matrix((np.ones(len(left[0])), left), shape=(len(texts), shape))
    b = sparse.csr_matrix((np.ones(len(right[0])), right), shape=(len(others), shape))
    overlap = (a @ b.T).tocoo()
    sizes_a = np.asarray(a.sum(axis=1)).ravel()
    sizes_b = np.asarray(b.sum(axis=1)).ravel()
    union = sizes_a[overlap.row] + sizes_b[overlap.col] - overlap.data
    similar = overlap.data / union >= NEAR_DUPLICATE
    return [
        (texts[i], others[j])
        for i, j in zip(overlap.row[similar], overlap.col[similar], strict=True)
    ]


def test_near_duplicates_are_found():
    # The detector itself: a lightly edited copy is caught, a different message is not.
    pairs = near_duplicates(
        ["i keep thinking about ending my life tonight"],
        ["I keep thinking about ending my life tonight!", "can i book a visit on monday"],
    )

    assert len(pairs) == 1


def test_fresh_held_out_sets_share_no_near_duplicate_with_what_the_model_or_patterns_saw():
    fresh = [message for path in FRESH_SETS + SEALED_SETS for _, _, message in read_rows(path)]
    seen = [e.message for e in read_corpus(CORPUS_DIR)]
    seen += [message for path in [*SEEN_SETS, *SHARED_SETS] for _, _, message in read_rows(path)]
    seen += pattern_phrases()

    assert near_duplicates(fresh, seen) == []


def test_the_model_alone_tells_crisis_from_everyday_language():
    model = CrisisModel.load()

    assert model.read("ya le deje cartas a mis hijos y regale a mi perro").urgent
    assert not model.read("Do you take Medicare for the ketamine sessions?").urgent


def test_a_single_word_is_left_to_the_patterns():
    """An unfamiliar word typed into search can land anywhere in the embedding space; alone it
    holds no meaning for the model to read, while the crisis words are patterns."""
    model = CrisisModel.load()

    for word in ("quillwort", "xylophone", "zzzz", "Quillwort."):
        assert model.read(word).score == 0.0, word
        assert not assess(word).urgent, word
    for word in ("suicide", "overdose", "suicidal."):
        assert assess(word).urgent, word
    assert model.read("kiero morirme").urgent


def test_each_sentence_of_a_long_message_is_read_as_if_sent_alone():
    """Passages are scored together from running totals over the sentences; a one-sentence
    passage must score exactly as that sentence would on its own."""
    model = CrisisModel.load()
    text = (
        "I booked the Tuesday slot for my knee. Parking was fine last time. "
        "Honestly everyone would be better off without me. Do you take Aetna?"
    )
    passages = Passages.of(text)
    scores = model.probabilities(passages)

    single = [(span, score) for span, score in zip(passages.spans, scores, strict=True)]
    single = [(span, score) for span, score in single if span[1] - span[0] == 1]
    assert len(single) == 4
    for span, score in single:
        assert score == pytest.approx(model.read(passages.text_of(span)).score, abs=1e-5)
    assert model.read(text).passage == "honestly everyone would be better off without me"


def test_judging_scores_each_passage_as_the_regression_reads_its_training_features():
    """Judging sums the n-gram part straight from the counts; training stacks the feature rows
    (Featuriser.rows). Both must give the regression the same numbers."""
    model = CrisisModel.load()
    texts = [
        "I booked the Tuesday slot. I gave my dog away and wrote letters to my kids. Bye.",
        "ya no aguanto mas, tengo las pastillas guardadas. mi cita es el martes",
        "Back pain for years!!! physical therapy helped a bit. Do you take Aetna? Thanks",
        "xx zzz. ok",
    ]
    for text in texts:
        passages = Passages.of(text)
        rows = model.featuriser.rows(passages)
        from_rows = [
            model.intercept
            + values @ model.ngram_weights[columns]
            + model.embedding_scale * (embedding @ model.embedding_weights)
            for columns, values, embedding in rows
        ]
        expected = 1 / (1 + np.exp(-np.array(from_rows)))
        assert model.probabilities(passages) == pytest.approx(expected, abs=1e-6), text
        assert len(rows) == len(passages.spans) > 1


def test_the_training_command_trains_saves_and_reports_on_a_corpus_folder(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # A slice of the corpus (the same code path, quickly), written as six authors' files so
    # that cross-validation keeps each author within one fold.
    files = {}
    for index, example in enumerate(read_corpus()[::25]):
        label = "crisis" if example.label else "ok"
        rows = files.setdefault(f"en_batch{index % 6}.tsv", ["label\tlang\tmessage"])
        rows.append(f"{label}\t{example.language}\t{example.message}")
    for name, rows in files.items():
        (corpus / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = tmp_path / "model.npz"
    said = StringIO()

    call_command("train_crisis_model", corpus=str(corpus), output=str(output), stdout=said)

    model = CrisisModel.load(output)
    assert model.corpus_sha256 == corpus_sha256(corpus)
    assert 0 < model.threshold < 1
    assert model.length_penalty in LENGTH_PENALTIES
    assert f"Length penalty {model.length_penalty}" in said.getvalue()
    assert "recall" in said.getvalue() and "Spanish and Spanglish" in said.getvalue()
    assert model.read("I am going to kill myself tonight, I have the pills ready").score > 0.5


def test_a_corpus_file_author_is_its_batch_in_either_language():
    assert author_of("corpus/en_batch4.tsv") == author_of("corpus/es_batch4.tsv") == "batch4"
    assert author_of("es_batch1_crisis.tsv") == author_of("en_batch1_ordinary.tsv") == "batch1"
    assert author_of("mixed_batch6_medicines.tsv") == "batch6"
    assert author_of("spent_heldout_h.tsv") == "spent_heldout_h"
    assert {example.author for example in read_corpus()} >= {"batch1", "spent_heldout_k"}


def test_cross_validation_keeps_each_author_within_one_fold():
    """Scores from folds that share an author's phrasings would flatter the model: the site
    reads writers it has never read."""
    examples = read_corpus()
    assignment = folds(examples)

    folds_of_author = {}
    for example, fold in zip(examples, assignment, strict=True):
        folds_of_author.setdefault(example.author, set()).add(fold)
    assert all(len(found) == 1 for found in folds_of_author.values())
    assert len(set(assignment)) == 5
    # Balanced as far as the largest author allows: no fold is empty or holds half.
    assert max(np.bincount(assignment)) < len(examples) / 2


def test_a_corpus_of_few_authors_is_still_split_into_folds():
    examples = [Example(index % 2, "en", f"message {index}", "batch1") for index in range(50)]

    assert sorted(set(folds(examples))) == [0, 1, 2, 3, 4]


def test_the_length_penalty_lowers_long_texts_only():
    assert lengthened(0.8, 1, 1.0) == pytest.approx(0.8)
    assert lengthened(0.8, 4, 0.0) == pytest.approx(0.8)
    assert lengthened(0.8, 4, 1.0) < lengthened(0.8, 2, 1.0) < 0.8
    # One logit point per natural log of the sentence count: 0.8 is 4:1, e sentences make it 4:e.
    assert lengthened(0.8, math.e, 1.0) == pytest.approx(4 / (4 + math.e))


def test_a_model_reads_a_long_text_with_its_length_penalty():
    with np.load(MODEL_PATH, allow_pickle=False) as saved:
        arrays = dict(saved)
    plain = CrisisModel(
        {**arrays, "length_penalty": np.float32(0.0)}, CrisisModel.load().featuriser.embedder
    )
    penalised = CrisisModel(
        {**arrays, "length_penalty": np.float32(1.0)}, plain.featuriser.embedder
    )
    one = "I have been saving up my pills and I know where they are."
    three = f"Do you take Aetna? {one} Parking was fine last time."

    assert penalised.read(one).score == pytest.approx(plain.read(one).score)
    assert penalised.read(three).score == pytest.approx(lengthened(plain.read(three).score, 3, 1.0))
    assert penalised.read(three).passage == plain.read(three).passage


def test_the_length_penalty_is_chosen_where_long_ordinary_messages_crowd_out_crisis_ones():
    """Cross-validated scores where every ordinary message scoring high is long: without a
    penalty the threshold must sit above them and misses the short crisis messages."""
    examples, scores, sentences = [], [], []
    for index in range(100):
        examples.append(Example(0, "en", f"ordinary {index}", "a"))
        long_and_heavy = index < 20
        scores.append(0.75 if long_and_heavy else 0.05)
        sentences.append(8 if long_and_heavy else 1)
    for index in range(50):
        examples.append(Example(1, "en", f"crisis {index}", "a"))
        scores.append(0.7)
        sentences.append(1)
    flagged = [False] * len(examples)

    penalty = choose_length_penalty(examples, scores, sentences, flagged)

    assert penalty > 0
    threshold = choose_threshold(
        examples, lengthened(np.array(scores), np.array(sentences), penalty), flagged
    )
    assert threshold <= 0.7
    assert choose_length_penalty(examples, scores, [1] * len(examples), flagged) == 0.0
