"""Retention: purge_enquiries deletes what has been kept long enough, and nothing else."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.models import Enquiry, EnquiryNote

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): date arithmetic in
# the database; deletes in one transaction.
pytestmark = pytest.mark.backend_specific


def purge(*args):
    out = StringIO()
    call_command("purge_enquiries", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def aged(make_enquiry):
    """One enquiry per case, named for whether the purge must delete it."""

    def days_ago(days):
        return timezone.now() - timedelta(days=days)

    cases = {
        "closed long ago": ("closed", 400, True),
        "booked long ago": ("booked", 366, True),
        "closed recently": ("closed", 300, False),
        "spam long ago": ("spam", 31, True),
        "spam recently": ("spam", 10, False),
        "new long ago": ("new", 1000, False),
        "in progress long ago": ("in_progress", 1000, False),
        "contacted long ago": ("contacted", 1000, False),
    }
    made = {}
    for name, (status, age, _) in cases.items():
        enquiry = make_enquiry(name=name, status=status, status_changed_at=days_ago(age))
        EnquiryNote.objects.create(enquiry=enquiry, text=f"Note on {name}")
        made[name] = enquiry
    expected_deleted = {name for name, (_, _, deleted) in cases.items() if deleted}
    return made, expected_deleted


def test_purge_deletes_expired_enquiries_with_their_notes(aged):
    made, expected_deleted = aged

    output = purge()

    remaining = set(Enquiry.objects.values_list("name", flat=True))
    assert remaining == set(made) - expected_deleted
    assert EnquiryNote.objects.count() == len(remaining)
    assert output.strip() == "Deleted 3 enquiries and 3 notes, and 0 ended rate-limit windows."


def test_dry_run_only_counts(aged):
    made, _ = aged

    output = purge("--dry-run")

    assert Enquiry.objects.count() == len(made)
    assert EnquiryNote.objects.count() == len(made)
    assert output.strip() == "Would delete 3 enquiries and 3 notes."


def test_retention_periods_come_from_settings(make_enquiry, settings):
    settings.INTAKE_RETENTION_DAYS_CLOSED = 7
    make_enquiry(status="closed", status_changed_at=timezone.now() - timedelta(days=8))

    purge()

    assert not Enquiry.objects.exists()


def test_purge_logs_counts_only(aged, caplog):
    with caplog.at_level(logging.INFO, logger="intake"):
        purge()

    assert "Purged 3 enquiries and 3 notes past retention" in caplog.text
    for name in aged[0]:
        assert name not in caplog.text
