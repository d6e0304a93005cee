"""How long crisis recognition takes on a 2,000-character message (the form's limit).

Run: .venv/bin/python bench/safety_bench.py. Prints CPU milliseconds per message (process
time, so other work on the machine counts less; one thread) for an everyday enquiry, for
ordinary messages made of the corpus's hard negatives (no crisis language but many words
near it), for messages with crisis language and for messages of the fresh held-out sets,
each for the whole check (`assess`: the
patterns and the learned model), for the patterns alone (normalising included) and for the
learned model alone: the mean, the 99th percentile and the slowest message, each message timed
on its own (the median of a few rounds); first the time to load the model and the memory it
adds to a process. Normalising and tokenising remember the words they have seen, so the rounds
after a message's first find its words known: the whole check is also given for each message's
first reading, which meets the rare words of the message unknown (as the form does), the
common ones already seen in the messages before it or read when the model loaded (the
corpus's common words): the held-out messages, which no part of the model saw, show the first
reading of words the warm-up could not know. The target is 5 ms for the whole check,
even for the slowest message.

It runs as a web worker does: the site's code is loaded and frozen out of the garbage
collector's reach (clinic/wsgi.py) before the model loads, and it prints how long a full
collection takes before and after that freeze, a pause that otherwise falls on a request."""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target says

import gc
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from intake.safety import assess, learned, normalise, pattern_findings  # noqa: E402
from intake.safety.training import read_corpus, read_examples  # noqa: E402

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


def held_out():
    """Messages of the fresh held-out sets, which the model and its warm-up words never saw."""
    sets = sorted((ROOT / "tests" / "intake" / "data").glob("crisis_fresh_*.tsv"))
    return [example.message for path in sets for example in read_examples(path)]


def labelled(label):
    """Corpus messages with this label (1: crisis), never the held-out test sets."""
    return [example.message for example in read_corpus() if example.label == label]


def long_messages(pool, count, rng):
    made = []
    for _ in range(count):
        text = ""
        while len(text) < MESSAGE_LENGTH:
            text += rng.choice(pool) + " "
        made.append(text[:MESSAGE_LENGTH])
    return made


def patterns_only(message):
    return pattern_findings(normalise(message))


def per_message_milliseconds(messages, judge, rounds=5):
    """(medians, firsts): each message's CPU time under `judge`, the median of `rounds` runs
    and the first run, each sorted."""
    medians, firsts = [], []
    for message in messages:
        runs = []
        for _ in range(rounds):
            start = time.process_time()
            judge(message)
            runs.append(time.process_time() - start)
        medians.append(statistics.median(runs) * 1000)
        firsts.append(runs[0] * 1000)
    return sorted(medians), sorted(firsts)


def summary(timings):
    p99 = timings[min(len(timings) - 1, round(len(timings) * 0.99))]
    return f"mean {statistics.mean(timings):.2f}, p99 {p99:.2f}, max {timings[-1]:.2f} ms"


def full_collection_milliseconds():
    """The quickest of three full garbage collections, in wall-clock milliseconds."""
    durations = []
    for _ in range(3):
        start = time.perf_counter()
        gc.collect()
        durations.append((time.perf_counter() - start) * 1000)
    return min(durations)


def main():
    rng = random.Random(7)  # noqa: S311 (repeatable sample, nothing secret)
    __import__(settings.ROOT_URLCONF)  # every view, as a worker has them
    unfrozen = full_collection_milliseconds()
    __import__("clinic.wsgi")  # freezes what is loaded, as before gunicorn forks a worker
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    learned.default_model()
    loaded = time.perf_counter() - start
    added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"model loaded in {loaded * 1000:.0f} ms, adding {added:.0f} MB to the process")
    print(
        f"a full garbage collection: {unfrozen:.0f} ms with the site's code loaded, "
        f"{full_collection_milliseconds():.1f} ms once it is frozen (clinic/wsgi.py) and the "
        "model loaded"
    )
    samples = {
        "everyday 2,000-character enquiry": [(EVERYDAY * 3)[:MESSAGE_LENGTH]] * 200,
        "ordinary 2,000-character message": long_messages(labelled(0), 200, rng),
        "crisis 2,000-character message": long_messages(labelled(1), 200, rng),
        "held-out 2,000-character message": long_messages(held_out(), 200, rng),
    }
    assess(samples["everyday 2,000-character enquiry"][0])  # compile patterns
    judges = {"whole check": assess, "patterns": patterns_only, "model": learned.read}
    for name, messages in samples.items():
        print(name)
        for judge_name, judge in judges.items():
            medians, firsts = per_message_milliseconds(messages, judge)
            print(f"  {judge_name}: {summary(medians)}")
            if judge is assess:
                print(f"  {judge_name}, first reading: {summary(firsts)}")


if __name__ == "__main__":
    main()
