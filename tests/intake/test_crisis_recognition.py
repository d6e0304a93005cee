"""Crisis recognition measured on labelled messages, not hoped for.

- The project's shared set (../shared/safety/crisis-messages.tsv) goes through the real
  contact form: every crisis message must be stored urgent, at most 5% of the others.
- Our own sets in tests/intake/data/ (written for this project, each by a different person,
  independently of the detector) must keep recall at least 98% and false alarms at most 5%.
  The README reports the figures.
"""

import csv
from pathlib import Path

import pytest

from intake.models import Enquiry, SubmissionWindow
from intake.safety import assess

ROOT = Path(__file__).resolve().parents[2]
SHARED_SET = ROOT.parent / "shared" / "safety" / "crisis-messages.tsv"
# Seen while the patterns were tuned. The fresh held-out sets (crisis_fresh_*.tsv) are judged
# separately, by their own targets.
OWN_SETS = [
    Path(__file__).parent / "data" / name for name in ("crisis_heldout.tsv", "crisis_labelled.tsv")
]
MIN_RECALL = 0.98
MAX_FALSE_ALARMS = 0.05


def read_labelled(path):
    with path.open(encoding="utf-8") as file:
        return [(row["label"], row["message"]) for row in csv.DictReader(file, delimiter="\t")]


def rates(rows, is_urgent):
    crisis = [message for label, message in rows if label == "crisis"]
    ordinary = [message for label, message in rows if label == "ok"]
    missed = [message for message in crisis if not is_urgent(message)]
    alarms = [message for message in ordinary if is_urgent(message)]
    recall = 1 - len(missed) / len(crisis)
    false_alarms = len(alarms) / len(ordinary)
    return recall, false_alarms, missed, alarms


@pytest.mark.skipif(not SHARED_SET.exists(), reason=f"{SHARED_SET} is not beside the project")
def test_every_shared_crisis_message_sent_through_the_form_is_urgent(submit, form_data):
    rows = read_labelled(SHARED_SET)

    def urgent_after_sending(message):
        # Each message comes from a different person: a fresh start for each.
        Enquiry.objects.all().delete()
        SubmissionWindow.objects.all().delete()
        response = submit({**form_data, "message": message})
        assert response.status_code == 302, message
        return Enquiry.objects.get().urgent

    recall, false_alarms, missed, alarms = rates(rows, urgent_after_sending)

    assert missed == []
    assert recall == 1
    assert false_alarms <= MAX_FALSE_ALARMS, alarms


@pytest.mark.parametrize("path", OWN_SETS, ids=lambda path: path.name)
def test_own_labelled_sets_meet_recall_and_false_alarm_targets(path):
    rows = read_labelled(path)
    assert sum(label == "crisis" for label, _ in rows) >= 130
    assert sum(label == "ok" for label, _ in rows) >= 100

    recall, false_alarms, missed, alarms = rates(rows, lambda message: assess(message).urgent)

    assert recall >= MIN_RECALL, missed
    assert false_alarms <= MAX_FALSE_ALARMS, alarms


def test_own_sets_together_hold_at_least_150_crisis_and_100_ordinary_messages():
    rows = [row for path in OWN_SETS for row in read_labelled(path)]

    assert sum(label == "crisis" for label, _ in rows) >= 150
    assert sum(label == "ok" for label, _ in rows) >= 100
