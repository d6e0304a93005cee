"""Every choice list of the intake app, in one place: change a topic or a status here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


# The three lists below are offered on the contact form, so their labels are in the visitor's
# language (the stored values never change).
class Topic(models.TextChoices):
    CHRONIC_PAIN = "chronic_pain", _("Chronic pain")
    DEPRESSION_ANXIETY = "depression_anxiety", _("Depression or anxiety")
    PTSD = "ptsd", _("PTSD")
    KETAMINE = "ketamine", _("Ketamine treatment")
    OTHER = "other", _("Something else")


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")


# Methods that need a phone number to be usable.
PHONE_CONTACT_METHODS = frozenset({ContactMethod.PHONE, ContactMethod.TEXT})


# The contact form adds the hours the clinic is open in each part of the day to its label
# (intake/callback_times.py); staff see the part.
class BestTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Early evening")


class Status(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    CONTACTED = "contacted", "Contacted"
    BOOKED = "booked", "Booked"
    CLOSED = "closed", "Closed"
    SPAM = "spam", "Spam"


class CallOutcome(models.TextChoices):
    """One click on the enquiry page records what happened, as a note and a status."""

    SPOKE = "spoke", "Called – spoke"
    VOICEMAIL = "voicemail", "Left voicemail"
    NO_ANSWER = "no_answer", "No answer"
    EMAILED = "emailed", "Emailed"


# The status an open enquiry moves to with each outcome (a finished one keeps its own).
OUTCOME_STATUS = {
    CallOutcome.SPOKE: Status.CONTACTED,
    CallOutcome.VOICEMAIL: Status.IN_PROGRESS,
    CallOutcome.NO_ANSWER: Status.IN_PROGRESS,
    CallOutcome.EMAILED: Status.CONTACTED,
}


# Finished enquiries: purge_enquiries deletes them once their retention period has passed.
FINISHED_STATUSES = frozenset({Status.CLOSED, Status.BOOKED})
# Waiting for the clinic: the triage listing's default view, and what can be overdue.
OPEN_STATUSES = frozenset({Status.NEW, Status.IN_PROGRESS})


class DeliveryStatus(models.TextChoices):
    """Where an email about an enquiry (staff notice or acknowledgement) stands."""

    NOT_NEEDED = "not_needed", "Not needed"
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will be retried"


# States a delivery may be claimed from; SENDING is claimed by one worker at a time.
CLAIMABLE_DELIVERY_STATUSES = frozenset({DeliveryStatus.PENDING, DeliveryStatus.FAILED})
UNDELIVERED_STATUSES = frozenset(
    {DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.FAILED}
)


class SpamReason(models.TextChoices):
    """Why a submission was stored as spam; shown to staff so they can judge it."""

    TOO_FAST = "too_fast", "Sent too quickly after the form was shown"
    BAD_TIMESTAMP = "bad_timestamp", "Form timestamp missing or tampered with"
    MANY_LINKS = "many_links", "Many links in the message"
    LINK_IN_NAME = "link_in_name", "A link in the name field"
    MARKUP = "markup", "HTML or forum markup in the message"
    HONEYPOT = "honeypot", "A hidden field only bots see was filled in (browsers' autofill can)"
    RATE_LIMITED = "rate_limited", "Sent after several messages from the same address"


class CrisisCategory(models.TextChoices):
    """What kind of crisis language a message contains (intake/safety). Shown to staff on
    the enquiry, never in an email."""

    SUICIDAL_THOUGHTS = "suicidal_thoughts", "Suicidal thoughts"
    PLAN_MEANS_INTENT = "plan_means_intent", "Plan, means or intent"
    SELF_HARM = "self_harm", "Self-harm"
    OVERDOSE = "overdose", "Overdose or stockpiling medication"
    FAREWELL_BURDEN = "farewell_burden", "Farewell or feeling a burden"
    HOPELESSNESS = "hopelessness", "Hopelessness about living"
    CLINIC_PHRASE = "clinic_phrase", "A phrase from the clinic's own list"
    READS_LIKE_CRISIS = "reads_like_crisis", "Reads like crisis language"
    SELF_REPORTED = "self_reported", "Said yes to the self-harm question"
    # Not found in the message: the same person sent an urgent message before (the enquiry's
    # `earlier_urgent`). Stored alone, so staff still see why once that message is erased.
    EARLIER_URGENT = "earlier_urgent", "Sent an urgent message before"
