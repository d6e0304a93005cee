"""Proves a change to the crisis model's featurising leaves its judgements as they were.

Run before the change with --save (the old implementation's scores, outside the repository),
then after every change with --check:

    .venv/bin/python bench/safety_equivalence.py --save /tmp/safety-speed/before.npz
    .venv/bin/python bench/safety_equivalence.py --check /tmp/safety-speed/before.npz

For every message of the training corpus, and for 300 messages of 2,000 characters made of
them (as the bench's, with many sentences and passages), it records each passage's
probability, the chosen passage, and the feature rows training stacks (Featuriser.rows), so
both judging and training are covered, and what assess() decides (categories, phrases).
--check fails unless every probability is within 1e-6 of the saved one, every chosen passage
and decision is the same and every training row is within 1e-6.
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import random  # noqa: E402

import numpy as np  # noqa: E402
from safety_bench import long_messages  # noqa: E402  (bench/ is the script's folder)

from intake.safety import assess, learned  # noqa: E402
from intake.safety.features import Passages  # noqa: E402
from intake.safety.training import read_corpus  # noqa: E402

TOLERANCE = 1e-6


def judgements(model, messages):
    """Every passage's probability, each message's chosen passage, and its training rows."""
    probabilities, counts, chosen, passages_text = [], [], [], []
    row_columns, row_values, row_embeddings, row_sizes = [], [], [], []
    for message in messages:
        passages = Passages.of(message)
        reading = model.read(message)
        passages_text.append(reading.passage)
        if not passages.spans:
            counts.append(0)
            chosen.append(-1)
            continue
        scores = model.probabilities(passages)
        probabilities.append(scores)
        counts.append(len(scores))
        chosen.append(int(np.argmax(scores)) if passages.has_words(learned.MIN_WORDS) else -1)
        for columns, values, embedding in model.featuriser.rows(passages):
            row_columns.append(columns)
            row_values.append(values)
            row_embeddings.append(embedding)
            row_sizes.append(len(columns))
    return {
        "probabilities": np.concatenate(probabilities).astype(np.float64),
        "counts": np.array(counts),
        "chosen": np.array(chosen),
        "passages": np.array(passages_text),
        "row_columns": np.concatenate(row_columns).astype(np.int64),
        "row_values": np.concatenate(row_values).astype(np.float64),
        "row_embeddings": np.array(row_embeddings, dtype=np.float64),
        "row_sizes": np.array(row_sizes),
        "assessments": np.array([findings(assess(message)) for message in messages]),
    }


def findings(assessment):
    """What assess() decided, without the model's score (compared to 1e-6 above)."""
    return repr((assessment.categories, assessment.phrases, assessment.reading.passage))


def compare(saved, now):
    problems = []
    for name in ("counts", "chosen", "passages", "row_columns", "row_sizes", "assessments"):
        if name not in saved:  # saved before it was recorded
            continue
        if saved[name].shape != now[name].shape or not np.array_equal(saved[name], now[name]):
            problems.append(f"{name} differ")
    for name in ("probabilities", "row_values", "row_embeddings"):
        if saved[name].shape != now[name].shape:
            problems.append(f"{name}: shapes differ")
            continue
        worst = float(np.max(np.abs(saved[name] - now[name]), initial=0.0))
        print(f"{name}: largest difference {worst:.2e}")
        if worst > TOLERANCE:
            problems.append(f"{name} differ by up to {worst:.2e}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path)
    action.add_argument("--check", type=Path)
    arguments = parser.parse_args()
    model = learned.default_model()
    messages = [example.message for example in read_corpus()]
    sample = random.Random(11)  # noqa: S311 (repeatable sample, nothing secret)
    now = judgements(model, messages + long_messages(messages, 300, sample))
    print(f"{len(now['counts'])} messages, {len(now['probabilities'])} passages")
    if arguments.save:
        np.savez(arguments.save, **now)
        return
    with np.load(arguments.check, allow_pickle=False) as saved:
        problems = compare(dict(saved), now)
    if problems:
        sys.exit("NOT the same: " + "; ".join(problems))
    print("same scores, same passages, same training rows")


if __name__ == "__main__":
    main()
