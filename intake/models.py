"""Enquiries from patients, staff notes on them, and the contact form's rate-limit windows.

The contact page that collects them is in intake/pages.py: its routes import the views, which
import these models, so the models stay at the bottom of the app."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

from intake.choices import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    UNDELIVERED_STATUSES,
    BestTime,
    CallOutcome,
    ContactMethod,
    CrisisCategory,
    DeliveryStatus,
    SpamReason,
    Status,
    Topic,
)

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000


def staff_name(user):
    """How the admin names a staff member: full name, else username; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


class EnquiryQuerySet(models.QuerySet):
    def open(self):
        """Waiting for the clinic: new or in progress."""
        return self.filter(status__in=OPEN_STATUSES)

    def with_overdue(self, cut_off):
        """Each enquiry annotated `is_overdue`: open, and in since `cut_off` or earlier
        (intake/response_time.py)."""
        overdue = models.Q(status__in=OPEN_STATUSES, received_at__lte=cut_off)
        return self.annotate(
            is_overdue=models.Case(
                models.When(overdue, then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )

    def urgent_history(self):
        """Enquiries that were urgent for what they said (their categories) or that staff
        marked urgent, leaving out those only remembered as urgent and what staff filed as
        spam: what a later message from the same person recalls."""
        own_words = ~models.Q(crisis_categories__in=["", CrisisCategory.EARLIER_URGENT])
        marked = models.Q(urgent=True, crisis_categories="")
        return self.filter(own_words | marked).exclude(status=Status.SPAM)

    def same_person_as(self, enquiry):
        """Other enquiries with the same phone number (stored in E.164) or the same email
        address, whatever its case. Both are indexed (enquiry_phone, enquiry_email_lower)."""
        same = models.Q(email_lower=enquiry.email.lower())
        if enquiry.phone:
            same |= models.Q(phone=enquiry.phone)
        return (
            self.annotate(email_lower=Lower("email"))
            .filter(same)
            .exclude(pk=enquiry.pk)
            .order_by("-received_at")
        )

    def waiting_summary(self, cut_off):
        """How many open enquiries are overdue, and when the oldest came in."""
        return self.open().aggregate(
            overdue=models.Count("pk", filter=models.Q(received_at__lte=cut_off)),
            oldest=models.Min("received_at"),
        )

    def triage_counts(self):
        """New enquiries, the urgent ones among them, and undelivered staff notices."""
        # Every admin page shows these in the menu badge: narrow to the rows that can count
        # first (both columns are indexed), so the cost does not grow with the archive.
        relevant = models.Q(status=Status.NEW) | models.Q(
            notification_status__in=UNDELIVERED_STATUSES
        )
        return self.filter(relevant).aggregate(
            new=models.Count("pk", filter=models.Q(status=Status.NEW)),
            urgent=models.Count("pk", filter=models.Q(status=Status.NEW, urgent=True)),
            undelivered=models.Count(
                "pk", filter=models.Q(notification_status__in=UNDELIVERED_STATUSES)
            ),
        )

    def undelivered(self):
        """Enquiries whose staff notice has not reached the mail server yet."""
        return self.filter(notification_status__in=UNDELIVERED_STATUSES)

    def due_for_purge(self, now=None):
        """Finished and spam enquiries whose retention period has passed."""
        now = now or timezone.now()
        closed_before = now - timedelta(days=settings.INTAKE_RETENTION_DAYS_CLOSED)
        spam_before = now - timedelta(days=settings.INTAKE_RETENTION_DAYS_SPAM)
        return self.filter(
            models.Q(status__in=FINISHED_STATUSES, status_changed_at__lt=closed_before)
            | models.Q(status=Status.SPAM, status_changed_at__lt=spam_before)
        )


class Enquiry(models.Model):
    """One message sent through the contact form, and where its triage stands."""

    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    # What the person told us. Sizes are bounded here as well as in the form.
    name = models.CharField("full name", max_length=NAME_MAX_LENGTH)
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH)
    phone = PhoneNumberField(blank=True)
    contact_method = models.CharField(
        "preferred contact method", max_length=10, choices=ContactMethod.choices
    )
    best_time = models.CharField(
        "best time to reach", max_length=20, choices=BestTime.choices, default=BestTime.ANY
    )
    topic = models.CharField(max_length=30, choices=Topic.choices)
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    # When the person ticked "I agree to be contacted": the record of their consent.
    # Empty for enquiries stored before it was recorded.
    consented_at = models.DateTimeField("consent given", null=True, blank=True, editable=False)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        editable=False,
        help_text="The language of the contact page the person wrote from; their "
        "acknowledgement is sent in it.",
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="source article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the person was reading when they chose to contact us.",
    )

    # Triage.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(default=timezone.now)
    urgent = models.BooleanField(default=False, help_text="The message contains crisis language.")
    # What intake.safety recognised (CrisisCategory codes). Staff see it; emails never do.
    crisis_categories = models.CharField(max_length=200, blank=True, editable=False)
    self_reported_crisis = models.BooleanField(
        "said yes to the self-harm question",
        default=False,
        editable=False,
        help_text="The person ticked that they are having thoughts of suicide or of harming "
        "themselves.",
    )
    # Why it reads as a crisis, as staff are shown it: the phrases the patterns matched and the
    # learned model's score and strongest passage. Words from the message itself, so it goes
    # with the enquiry when that is erased or purged.
    crisis_evidence = models.JSONField(default=dict, blank=True, editable=False)
    # The same person's (same phone or email) latest urgent enquiry before this one, found when
    # this one was received. A crisis is remembered: a routine message from someone who was
    # in crisis is flagged urgent for staff (not for the person: their thank-you page and
    # email follow their own words) until someone clears the flag with a reason. SET_NULL:
    # when that enquiry is erased or purged the link goes with it, and nothing of it is kept.
    earlier_urgent = models.ForeignKey(
        "self",
        verbose_name="earlier urgent message",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # First time a member of staff opened the enquiry: urgent ones unopened for too long
    # are escalated (intake.escalation).
    opened_at = models.DateTimeField("first opened", null=True, blank=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enquiries",
    )
    spam_reasons = models.CharField(max_length=200, blank=True, editable=False)
    # HMAC of the client address: enough to spot floods, useless for finding the person.
    client_ip_hash = models.CharField(max_length=64, blank=True, editable=False)

    # Delivery of the notice to the intake team. Error texts hold no personal data.
    notification_status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notification_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    notified_at = models.DateTimeField(null=True, blank=True)
    notification_error = models.CharField(max_length=200, blank=True)
    # The optional acknowledgement email to the person.
    acknowledgement_status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_NEEDED
    )
    acknowledgement_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The second alert about an urgent enquiry nobody has opened (to the escalation address).
    escalation_status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_NEEDED
    )
    escalation_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="enquiry_status_received"),
            models.Index(fields=["urgent", "-received_at"], name="enquiry_urgent_received"),
            models.Index(fields=["topic", "-received_at"], name="enquiry_topic_received"),
            models.Index(fields=["status", "status_changed_at"], name="enquiry_status_changed"),
            models.Index(fields=["notification_status"], name="enquiry_notification"),
            # The same person's other enquiries (EnquiryQuerySet.same_person_as).
            models.Index(fields=["phone"], name="enquiry_phone"),
            models.Index(Lower("email"), name="enquiry_email_lower"),
            # Escalations capped per client address and hour (actions.escalation_allowed_from).
            models.Index(fields=["client_ip_hash", "received_at"], name="enquiry_client_received"),
        ]

    def __str__(self):
        # What staff screens call it: the person, and the number staff quote to each other.
        # Log entries use `log_title` instead (intake/signals.py).
        return f"{self.name} (#{self.pk})" if self.pk else "New enquiry"

    @property
    def log_title(self):
        """The title of its audit log entries, which outlive an erased enquiry: an id only,
        never the person's name or what they wrote."""
        return log_title(self.pk)

    @property
    def spam_reason_labels(self):
        labels = dict(SpamReason.choices)
        return [labels.get(code, code) for code in self.spam_reasons.split(",") if code]

    @property
    def crisis_category_labels(self):
        labels = dict(CrisisCategory.choices)
        return [labels.get(code, code) for code in self.crisis_categories.split(",") if code]

    @property
    def crisis_reasons(self):
        """Why it was flagged urgent when it came in, in plain words for staff."""
        reasons = []
        if self.self_reported_crisis:
            reasons.append(CrisisCategory.SELF_REPORTED.label)
        evidence = self.crisis_evidence or {}
        phrases = evidence.get("phrases") or []
        if phrases:
            quoted = ", ".join(f"“{phrase}”" for phrase in phrases)
            reasons.append(f"Crisis words: {quoted}")
        if CrisisCategory.READS_LIKE_CRISIS in self.crisis_categories.split(","):
            strength = evidence.get("strength", "")
            passage = evidence.get("passage", "")
            reason = f"Reads {strength} like crisis language".replace("  ", " ")
            reasons.append(f"{reason}: “{passage}”" if passage else reason)
        return reasons

    @property
    def urgent_for_earlier_message_only(self):
        """Urgent because this person sent an urgent message before, not for what this one
        says: the person's own thank-you page and email treat it as an ordinary message."""
        return self.crisis_categories == CrisisCategory.EARLIER_URGENT

    @property
    def source_title(self):
        return self.source_page.title if self.source_page else ""

    @property
    def assignee_name(self):
        return staff_name(self.assigned_to)

    @property
    def awaiting_first_look(self):
        """Nobody on the team has opened it or acted on it yet."""
        return self.opened_at is None and self.status == Status.NEW


class EnquiryNote(models.Model):
    """An internal note on an enquiry. Notes are only added, never edited."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    # What happened when staff reached out, for notes recorded with an outcome button.
    outcome = models.CharField(max_length=20, choices=CallOutcome.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note #{self.pk} on enquiry #{self.enquiry_id}"


def log_title(enquiry_id):
    return f"Enquiry #{enquiry_id}"


class SubmissionWindow(models.Model):
    """How many messages one client address has sent in its current rate-limit window.

    Kept in the database, not a cache, so every server process counts the same submissions
    (on the embedded default as on PostgreSQL), and a cache outage never lifts the limit."""

    client_ip_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "contact form rate-limit window"
        indexes = [models.Index(fields=["started_at"], name="submission_window_started")]

    def __str__(self):
        return f"{self.count} submissions since {self.started_at:%Y-%m-%d %H:%M}"
