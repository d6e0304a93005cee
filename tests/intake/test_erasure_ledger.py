"""The erasure ledger: every erasure, in the admin or in bulk, leaves the enquiry's number
and the time (never content) in the database and beside the backups, and a ledger can erase
again an enquiry that a recovery brought back."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from backups.models import Erasure
from intake.models import Enquiry
from tests.two_factor import sign_in_verified

LIST_URL = "/admin/enquiries/"


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def ledger_lines(backup_dir):
    path = backup_dir / "erasures.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_erasing_an_enquiry_records_its_number_and_time_in_the_database_and_beside_the_backups(
    intake_client, make_enquiry, backup_dir, django_capture_on_commit_callbacks
):
    enquiry = make_enquiry(name="Quinn Halvorsen", email="quinn@example.com", message="Private")

    with django_capture_on_commit_callbacks(execute=True):
        response = intake_client.post(f"/admin/enquiries/delete/{enquiry.pk}/")

    assert response.status_code == 302
    erasure = Erasure.objects.get()
    assert (erasure.record_type, erasure.record_id) == ("intake.enquiry", str(enquiry.pk))
    (line,) = ledger_lines(backup_dir)
    assert set(line) == {"type", "id", "erased_at"}
    assert line["id"] == str(enquiry.pk)
    text = (backup_dir / "erasures.jsonl").read_text()
    for private in ("Quinn", "quinn@example.com", "Private"):
        assert private not in text


def test_a_bulk_erasure_records_every_enquiry_in_the_ledger(
    intake_client, make_enquiry, backup_dir, django_capture_on_commit_callbacks
):
    enquiries = [make_enquiry(), make_enquiry()]
    ids = "&".join(f"id={e.pk}" for e in enquiries)

    with django_capture_on_commit_callbacks(execute=True):
        intake_client.post(f"/admin/bulk/intake/enquiry/delete/?next={LIST_URL}&{ids}")

    expected = {str(e.pk) for e in enquiries}
    assert set(Erasure.objects.values_list("record_id", flat=True)) == expected
    assert {line["id"] for line in ledger_lines(backup_dir)} == expected


def test_a_refused_erasure_records_nothing(
    client, make_enquiry, django_user_model, backup_dir, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("viewer", password="a-long-test-password")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_enquiry"),
    )
    sign_in_verified(client, user)
    enquiry = make_enquiry()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/enquiries/delete/{enquiry.pk}/").status_code == 403

    assert not Erasure.objects.exists()
    assert ledger_lines(backup_dir) == []


def test_an_erasure_goes_through_when_the_backup_folder_cannot_be_written(
    intake_client, make_enquiry, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.BACKUP_DIR = tmp_path / "a-file-not-a-folder"
    settings.BACKUP_DIR.write_text("")
    enquiry = make_enquiry()

    with django_capture_on_commit_callbacks(execute=True):
        response = intake_client.post(f"/admin/enquiries/delete/{enquiry.pk}/")

    assert response.status_code == 302
    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert Erasure.objects.filter(record_id=str(enquiry.pk)).exists()


def test_reapply_erasures_erases_again_an_enquiry_a_ledger_lists(make_enquiry, backup_dir):
    # As after a point-in-time recovery to a moment before the erasure: the enquiry is back,
    # the database's ledger has forgotten it, the file beside the backups has not.
    kept, erased = make_enquiry(), make_enquiry(name="Sasha Brennan")
    backup_dir.mkdir()
    line = {"type": "intake.enquiry", "id": str(erased.pk), "erased_at": "2026-11-02T10:00Z"}
    (backup_dir / "erasures.jsonl").write_text(json.dumps(line) + "\n")

    call_command("reapply_erasures", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(Enquiry.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Erasure.objects.filter(record_id=str(erased.pk)).exists()
    assert ModelLogEntry.objects.filter(object_id=str(erased.pk), action="intake.erase").exists()


def test_reapply_erasures_takes_a_ledger_file_from_elsewhere(make_enquiry, backup_dir, tmp_path):
    enquiry = make_enquiry()
    other = tmp_path / "copied-from-the-old-server.jsonl"
    line = {"type": "intake.enquiry", "id": str(enquiry.pk), "erased_at": "2026-11-02T10:00:00Z"}
    other.write_text(json.dumps(line) + "\n")

    call_command("reapply_erasures", str(other), stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert str(enquiry.pk) in (backup_dir / "erasures.jsonl").read_text()
