"""How long crisis recognition takes on a 2,000-character message (the form's limit).

Run: .venv/bin/python bench/safety_bench.py. Prints CPU microseconds per message (process
time, so other work on the machine counts less) for an everyday enquiry, for ordinary
messages made of the labelled sets' hard negatives (no crisis language but many words near
it: the slowest case) and for messages with crisis language,
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
# A long everyday enquiry, as most are: no crisis words and few that come near them.
EVERYDAY = (
    "Hello, I have had lower back pain for about three years, mostly on the left side, and it "
    "gets worse when I sit at my desk for long stretches or drive to visit my parents. My "
    "family doctor suggested physical therapy, which helped a little, and I have tried "
    "stretching every morning, a standing desk and heat packs. I also sleep badly when the "
    "pain flares, and I feel low and irritable on those days. I read your article about how "
    "mood and back pain affect each other and would like to know whether your clinic could "
    "help with both. Do you take my insurance, and is a referral needed? I work weekdays "
    "until five, so late afternoon or a telehealth visit would suit me best. Thank you. "
)
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
    everyday = [(EVERYDAY * 3)[:MESSAGE_LENGTH]] * 200
    ordinary = long_messages(labelled("ok"), 200, rng)
    crisis = long_messages(labelled("crisis"), 200, rng)
    assess(ordinary[0])  # compile patterns
    print(f"everyday 2,000-character enquiry: {per_message_microseconds(everyday):.0f} µs")
    print(f"ordinary 2,000-character message: {per_message_microseconds(ordinary):.0f} µs")
    print(f"crisis 2,000-character message:   {per_message_microseconds(crisis):.0f} µs")


if __name__ == "__main__":
    main()
