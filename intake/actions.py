"""Every change to an enquiry, each with its entry in Wagtail's audit log.

Log entries outlive an erased enquiry, so they hold ids, statuses and staff names only: the
label is the enquiry's `log_title` ("Enquiry #12") and no entry ever carries what the person
wrote or a note's text.
"""

import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.actions import DeleteAction
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry

from backups import erasures
from intake.choices import (
    CLAIMABLE_DELIVERY_STATUSES,
    OPEN_STATUSES,
    OUTCOME_STATUS,
    CallOutcome,
    CrisisCategory,
    DeliveryStatus,
    SpamReason,
    Status,
)
from intake.models import Enquiry, EnquiryNote, staff_name

LOG_VIEW = "intake.view"
LOG_STATUS = "intake.status"
LOG_ASSIGN = "intake.assign"
LOG_NOTE = "intake.note"
LOG_EXPORT = "intake.export"
LOG_ERASE = "intake.erase"
LOG_URGENT = "intake.urgent"
LOG_LIST = "intake.list"

# The same outcome recorded again within this time asks "Record it again?" first.
REPEAT_OUTCOME_WINDOW = timedelta(minutes=1)

# A listing entry is about the enquiries as a whole, not one of them. No enquiry has the id 0:
# Wagtail's site history looks each entry's object up by its (numeric) id, finds none and
# shows the entry without a link, as it does for an erased enquiry.
LISTING_OBJECT_ID = "0"
LISTING_LABEL = "Enquiries"


# Sent by receive_enquiry inside its transaction, once the enquiry is saved; intake/tasks.py
# queues the emails on it. A signal, because the emails' texts come from the contact page,
# whose routes lead here: importing the tasks would close an import circle.
enquiry_received = Signal()


def receive_enquiry(form, *, client_ip_hash, spam_reasons, acknowledge, assessment):
    """Store a valid submission from the contact form and send `enquiry_received`, on which
    its emails are queued for after the commit (intake/tasks.py).

    `assessment` is what intake.safety found in the message: an urgent enquiry is never
    filed as spam, whatever the spam checks said (their reasons are kept for staff)."""
    enquiry = form.save(commit=False)
    enquiry.source_page = form.cleaned_data["source"]
    enquiry.language = get_language()  # the contact page's, as the person read it
    enquiry.crisis_categories = ",".join(assessment.categories)
    # A crisis is remembered: the same person's earlier urgent message makes this one urgent
    # for staff too, whatever it says (the person's thank-you page follows their own words).
    enquiry.earlier_urgent = earlier_urgent_message(enquiry)
    if enquiry.earlier_urgent is not None and not assessment.urgent:
        enquiry.crisis_categories = CrisisCategory.EARLIER_URGENT
    enquiry.urgent = bool(enquiry.crisis_categories)
    enquiry.self_reported_crisis = CrisisCategory.SELF_REPORTED in assessment.categories
    enquiry.crisis_evidence = assessment.evidence if assessment.urgent else {}
    enquiry.client_ip_hash = client_ip_hash
    if form.cleaned_data.get("consent"):
        enquiry.consented_at = timezone.now()
    enquiry.spam_reasons = ",".join(spam_reasons)
    if spam_reasons and not enquiry.urgent:
        enquiry.status = Status.SPAM
    # Staff hear about suspected spam only when it reads like a crisis: a real person in
    # danger whose message tripped a spam check must not go unseen.
    enquiry.notification_status = pending_if(not spam_reasons or enquiry.urgent)
    # Never email an address a bot may have typed: that would let bots send mail through us.
    # Going over the rate limit is no sign of a bot, only of a person writing again.
    looks_automated = set(spam_reasons) - {SpamReason.RATE_LIMITED}
    enquiry.acknowledgement_status = pending_if(acknowledge and not looks_automated)
    enquiry.escalation_status = pending_if(
        enquiry.urgent and escalation_allowed_from(client_ip_hash)
    )
    with transaction.atomic():
        enquiry.save()
        enquiry_received.send(sender=Enquiry, enquiry=enquiry)
    return enquiry


def earlier_urgent_message(enquiry):
    """The same person's latest urgent enquiry, if any (EnquiryQuerySet.urgent_history)."""
    return Enquiry.objects.same_person_as(enquiry).urgent_history().only("pk").first()


def escalation_allowed_from(client_ip_hash):
    """Whether an urgent enquiry from this client address may still alert the escalation
    address this hour (settings.INTAKE_ESCALATIONS_PER_ADDRESS_PER_HOUR)."""
    if not client_ip_hash:
        return True
    recent = Enquiry.objects.filter(
        client_ip_hash=client_ip_hash,
        received_at__gte=timezone.now() - timedelta(hours=1),
    ).exclude(escalation_status=DeliveryStatus.NOT_NEEDED)
    return recent.count() < settings.INTAKE_ESCALATIONS_PER_ADDRESS_PER_HOUR


def pending_if(condition):
    return DeliveryStatus.PENDING if condition else DeliveryStatus.NOT_NEEDED


@transaction.atomic
def set_status(enquiry, status, user):
    old_status = enquiry.status
    if old_status == status:
        return False
    enquiry.status = status
    enquiry.status_changed_at = timezone.now()
    enquiry.save(update_fields=["status", "status_changed_at"])
    log_status_change(enquiry, old_status, user)
    return True


@transaction.atomic
def assign(enquiry, assignee, user):
    old_assignee = enquiry.assigned_to
    if old_assignee == assignee:
        return False
    enquiry.assigned_to = assignee
    enquiry.save(update_fields=["assigned_to"])
    log_assignment(enquiry, old_assignee, user)
    return True


@transaction.atomic
def add_note(enquiry, text, user, outcome=""):
    note = EnquiryNote.objects.create(enquiry=enquiry, author=user, text=text, outcome=outcome)
    log(instance=enquiry, action=LOG_NOTE, user=user, data={"note_id": note.pk})
    return note


@transaction.atomic
def record_outcome(enquiry, outcome, text, user):
    """What happened when staff reached out, in one step: a note ("Left voicemail: ..."), the
    status an open enquiry moves to, and the enquiry taken by whoever reached out if nobody
    had it. A finished enquiry keeps its status."""
    label = CallOutcome(outcome).label
    note = add_note(enquiry, f"{label}: {text}" if text else label, user, outcome=outcome)
    if enquiry.status in OPEN_STATUSES:
        set_status(enquiry, OUTCOME_STATUS[outcome], user)
    if enquiry.assigned_to_id is None:
        assign(enquiry, user, user)
    return note


def recent_outcome(enquiry, outcome, within=REPEAT_OUTCOME_WINDOW):
    """The note of the same outcome recorded on this enquiry within the last `within`, if
    that was the last outcome recorded: a second click on it is more likely a slip than a
    second call."""
    last = enquiry.notes.exclude(outcome="").select_related("author").order_by("-created_at")
    last = last.first()
    if last is None or last.outcome != outcome:
        return None
    return last if last.created_at >= timezone.now() - within else None


def record_view(enquiry, user):
    """Log the view; the first one also marks the enquiry opened, which stops escalation."""
    now = timezone.now()
    first_open = Enquiry.objects.filter(pk=enquiry.pk, opened_at__isnull=True).update(opened_at=now)
    if first_open:
        enquiry.opened_at = now
        escalation_called_off = Enquiry.objects.filter(
            pk=enquiry.pk, escalation_status__in=CLAIMABLE_DELIVERY_STATUSES
        ).update(escalation_status=DeliveryStatus.NOT_NEEDED)
        if escalation_called_off:
            enquiry.escalation_status = DeliveryStatus.NOT_NEEDED
    log(instance=enquiry, action=LOG_VIEW, user=user)


@transaction.atomic
def set_urgent(enquiry, urgent, reason, user):
    """Staff mark an enquiry urgent or clear the flag, saying why.

    The reason is kept as a note (erased with the enquiry); the audit log keeps who, when
    and which way, and points at the note."""
    if enquiry.urgent == urgent:
        return None
    enquiry.urgent = urgent
    enquiry.save(update_fields=["urgent"])
    verb = "Marked urgent" if urgent else "Urgent flag cleared"
    note = EnquiryNote.objects.create(enquiry=enquiry, author=user, text=f"{verb}: {reason}")
    log(instance=enquiry, action=LOG_URGENT, user=user, data={"urgent": urgent, "note_id": note.pk})
    return note


def record_export(enquiries, user, export_format):
    """One entry per exported enquiry, so each one's history shows who took a copy.

    Written in one INSERT: `log()` validates and saves entries one by one, which a large
    export would feel. The fields are the ones `log()` fills for a plain model.
    """
    content_type = ContentType.objects.get_for_model(Enquiry)
    timestamp = timezone.now()
    shared_uuid = uuid.uuid4()  # one user action, as Wagtail groups them
    entries = [
        ModelLogEntry(
            content_type=content_type,
            object_id=str(enquiry.pk),
            label=enquiry.log_title,
            action=LOG_EXPORT,
            timestamp=timestamp,
            uuid=shared_uuid,
            user=user,
            data={"format": export_format},
        )
        for enquiry in enquiries
    ]
    ModelLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def record_listing(user, *, query, filters, page):
    """One entry per request of the enquiry listing: who looked, whether they searched, and
    how they filtered it (filters as shown to them: [["Status", ["New"]]]).

    Never the search words: staff search by a person's name, email or phone number, and the
    entry outlives the enquiry, so an erased person would stay named in the log. The filters
    name statuses, topics, dates and staff only."""
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Enquiry),
        object_id=LISTING_OBJECT_ID,
        label=LISTING_LABEL,
        action=LOG_LIST,
        timestamp=timezone.now(),
        user=user,
        data={"searched": bool(query), "filters": filters, "page": page},
    )


def redact_searches_naming(enquiries):
    """Take the words out of every listing entry whose search words name the person of any
    of `enquiries` (a word of their name or email, or their phone number's digits), as they
    are erased or purged.

    Entries are written without words, and migration 0007 took them out of the older ones;
    this catches any written meanwhile by processes still running the older code (a deploy
    migrates before it restarts them). Returns how many were redacted."""
    entries = list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Enquiry),
            action=LOG_LIST,
            data__has_key="query",
        )
    )
    if not entries:
        return 0
    people = [person_identifiers(enquiry) for enquiry in enquiries]
    naming = [
        entry
        for entry in entries
        if any(names_anyone_of(entry.data["query"], person) for person in people)
    ]
    for entry in naming:
        entry.data = redacted_listing_data(entry.data)
    ModelLogEntry.objects.bulk_update(naming, ["data"], batch_size=500)
    return len(naming)


def redacted_listing_data(data):
    """A listing entry's data without its search words (migration 0007 does the same)."""
    kept = {key: value for key, value in data.items() if key != "query"}
    return {**kept, "searched": bool(data.get("query")) or bool(data.get("searched"))}


def person_identifiers(enquiry):
    """How staff would search for the person: the words of their name and email, and their
    phone number's digits, case-folded."""
    words = re.findall(r"\w+", f"{enquiry.name} {enquiry.email}".casefold())
    digits = "".join(ch for ch in str(enquiry.phone or "") if ch.isdigit())
    return " ".join([*words, enquiry.email.casefold(), digits])


def names_anyone_of(query, identifiers):
    """Whether any word of the search (two characters or more; digits for a phone number,
    from four) is found in the person's identifiers. Generous on purpose: a search word
    that merely looks like the person's is redacted too."""
    folded = query.casefold()
    words = [word for word in re.findall(r"\w+", folded) if len(word) >= 2]
    digits = "".join(ch for ch in folded if ch.isdigit())
    if len(digits) >= 4 and digits in identifiers:
        return True
    return any(word in identifiers for word in words)


def erase(enquiry, user):
    EraseEnquiryAction(enquiry, user=user).execute(skip_permission_checks=True)


def log_status_change(enquiry, old_status, user):
    data = {"from": old_status, "to": enquiry.status}
    log(instance=enquiry, action=LOG_STATUS, user=user, data=data)


def log_assignment(enquiry, old_assignee, user):
    data = {"from": staff_name(old_assignee), "to": staff_name(enquiry.assigned_to)}
    log(instance=enquiry, action=LOG_ASSIGN, user=user, data=data)


class EraseEnquiryAction(DeleteAction):
    """Deleting an enquiry erases it and its notes, and the words of any search of the
    listing that named the person; the log keeps who erased it and when."""

    def __init__(self, instance, user=None, *, log_action=LOG_ERASE):
        super().__init__(instance, user=user, log_action=log_action)

    def execute(self, skip_permission_checks=False):
        # The erasure ledger (number and time) in the same transaction: every backup carries
        # it, and a restore erases the enquiry again (backups/erasures.py).
        with transaction.atomic():
            erasures.record(self.instance)
            result = super().execute(skip_permission_checks=skip_permission_checks)
            # The erased enquiry keeps its field values in memory.
            redact_searches_naming([self.instance])
        return result


class StatusChangeFormatter(LogFormatter):
    label = "Change status"

    def format_message(self, log_entry):
        labels = dict(Status.choices)
        old, new = log_entry.data.get("from"), log_entry.data.get("to")
        return f"Status changed from {labels.get(old, old)} to {labels.get(new, new)}"


class UrgentFlagFormatter(LogFormatter):
    label = "Change urgent flag"

    def format_message(self, log_entry):
        if log_entry.data.get("urgent"):
            return "Marked urgent (reason in the notes)"
        return "Urgent flag cleared (reason in the notes)"


class AssignmentFormatter(LogFormatter):
    label = "Assign"

    def format_message(self, log_entry):
        new, old = log_entry.data.get("to"), log_entry.data.get("from")
        if new:
            return f"Assigned to {new}"
        return f"Unassigned (was {old})" if old else "Unassigned"


class ListingFormatter(LogFormatter):
    label = "List or search enquiries"

    def format_message(self, log_entry):
        searched = log_entry.data.get("searched") or log_entry.data.get("query")
        message = "Searched enquiries" if searched else "Listed enquiries"
        if filters := log_entry.data.get("filters"):
            message += f" ({describe_filters(filters)})"
        page = log_entry.data.get("page") or 1
        if page > 1:
            message += f", page {page}"
        return message


def describe_filters(filters):
    """[["Status", ["New", "In progress"]], ["Urgent", ["Yes"]]] -> "status: New, In progress;
    urgent: Yes"."""
    return "; ".join(f"{label.lower()}: {', '.join(values)}" for label, values in filters)
