"""How long crisis recognition takes on a 2,000-character message (the form's limit).

Run: .venv/bin/python bench/safety_bench.py. Prints CPU microseconds per message (process
time, so other work on the machine counts less) for ordinary messages (no crisis language:
every candidate pattern is tried, the slowest case) and for messages with crisis language,
built from the labelled sets in tests/intake/data."""

import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from intake.safety import assess  # noqa: E402

DATA = ROOT / "tests" / "intake" / "data"
MESSAGE_LENGTH = 2000


def labelled(label):
    messages = []
    for path in sorted(DATA.glob("crisis_*.tsv")):
        with path.open(encoding="utf-8") as file:
            rows = csv.DictReader(file, delimiter="\t")
            messages += [row["message"] for row in rows if row["label"] == label]
    return messages


def long_messages(pool, count, rng):
    made = []
    for _ in range(count):
        text = ""
        while len(text) < MESSAGE_LENGTH:
            text += rng.choice(pool) + " "
        made.append(text[:MESSAGE_LENGTH])
    return made


def per_message_microseconds(messages, rounds=5):
    timings = []
    for _ in range(rounds):
        start = time.process_time()
        for message in messages:
            assess(message)
        timings.append((time.process_time() - start) / len(messages) * 1e6)
    return statistics.median(timings)


def main():
    rng = random.Random(7)  # noqa: S311 (repeatable sample, nothing secret)
    ordinary = long_messages(labelled("ok"), 200, rng)
    crisis = long_messages(labelled("crisis"), 200, rng)
    assess(ordinary[0])  # compile patterns
    print(f"ordinary 2,000-character message: {per_message_microseconds(ordinary):.0f} µs")
    print(f"crisis 2,000-character message:   {per_message_microseconds(crisis):.0f} µs")


if __name__ == "__main__":
    main()
