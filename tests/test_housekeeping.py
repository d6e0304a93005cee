"""Scheduled commands of the deployment (deploy/*.service): each one exists and runs, and the
daily housekeeping removes what the README says it removes."""

import shlex
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intake.tasks import send_enquiry_notifications

ROOT = Path(__file__).resolve().parent.parent
SCHEDULED_UNITS = ["deploy/clinic-scheduled.service", "deploy/clinic-daily.service"]


def manage_commands(unit):
    """The `manage.py` commands a systemd unit runs, each as [name, *arguments]."""
    commands = []
    for line in (ROOT / unit).read_text().splitlines():
        if line.startswith("ExecStart=") and "manage.py" in line:
            commands.append(shlex.split(line.split("manage.py", 1)[1]))
    return commands


SCHEDULED = [command for unit in SCHEDULED_UNITS for command in manage_commands(unit)]
DAILY = manage_commands("deploy/clinic-daily.service")


def run(command):
    call_command(*command, stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def database_task_queue(settings):
    # As in production: tasks wait in the database (the test settings run them at once).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_daily_timer_clears_sessions_sign_in_logs_and_task_results():
    assert [command[0] for command in DAILY] == [
        "clearsessions",
        "axes_reset_logs",
        "prune_db_task_results",
    ]


@pytest.mark.parametrize("command", SCHEDULED, ids=lambda command: command[0])
def test_each_scheduled_command_is_documented_in_the_readme(command):
    assert f"manage.py {shlex.join(command)}" in (ROOT / "README.md").read_text()


@pytest.mark.django_db
@pytest.mark.parametrize("command", SCHEDULED, ids=lambda command: command[0])
def test_each_scheduled_command_exists_and_runs(command, database_task_queue):
    run(command)


def expired_session():
    session = SessionStore()
    session["kept"] = "no"
    session.set_expiry(-60)
    session.save()
    return session.session_key


def live_session():
    session = SessionStore()
    session["kept"] = "yes"
    session.save()
    return session.session_key


def sign_in_record(days_ago):
    record = AccessLog.objects.create(
        username="intake", ip_address="203.0.113.10", user_agent="Firefox"
    )
    AccessLog.objects.filter(pk=record.pk).update(
        attempt_time=timezone.now() - timedelta(days=days_ago)
    )
    return record.pk


def finished_task_result(days_ago):
    result = send_enquiry_notifications.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="SUCCESSFUL",
        started_at=timezone.now() - timedelta(days=days_ago),
        finished_at=timezone.now() - timedelta(days=days_ago),
    )
    return result.id


@pytest.mark.django_db
def test_daily_housekeeping_removes_only_what_is_past_its_time(database_task_queue):
    old_session, current_session = expired_session(), live_session()
    old_sign_in, recent_sign_in = sign_in_record(91), sign_in_record(89)
    old_result, recent_result = finished_task_result(15), finished_task_result(13)
    waiting = send_enquiry_notifications.enqueue(0).id

    for command in DAILY:
        run(command)

    assert list(Session.objects.values_list("session_key", flat=True)) == [current_session]
    assert old_session != current_session
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent_sign_in]
    assert old_sign_in != recent_sign_in
    remaining = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert remaining == {recent_result, waiting}
    assert old_result not in remaining
