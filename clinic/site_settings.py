"""The clinic's settings (Wagtail site setting): contact details, crisis resources, shared texts
and the intake and article rules, editable per site in Settings → Clinic settings.

A module of its own so the shared blocks (clinic/blocks.py), which read the emergency number,
and the page models, which use those blocks, don't import each other. clinic/models.py imports
it, so the model stays in the `clinic` app (templates read it as settings.clinic.ClinicSettings).
"""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Site

from caching import content_version, site_urls
from clinic.crisis_lines import CrisisLines, tel_href
from clinic.languages import ReaderText
from clinic.links import is_web_url
from clinic.opening_hours import (
    WEEKDAYS,
    WeeklyHours,
    clock_time,
    closes_field,
    opens_field,
)


def opening_time(day, which, default=None):
    """One of a weekday's two opening-hours fields; empty (both) on a closed day."""
    return models.TimeField(f"{day} {which}", null=True, blank=True, default=default)


def opening_hours_row(weekday):
    """The weekday's opening and closing time side by side, under the day's name."""
    return FieldRowPanel(
        [
            FieldPanel(opens_field(weekday), heading="Opens"),
            FieldPanel(closes_field(weekday), heading="Closes"),
        ],
        heading=WEEKDAYS[weekday].capitalize(),
    )


def opening_hours_errors(clinic):
    """{field name: message} for days with one time but not the other, or that close before
    they open."""
    errors = {}
    for weekday, day in enumerate(WEEKDAYS):
        opens_name, closes_name = opens_field(weekday), closes_field(weekday)
        opens, closes = getattr(clinic, opens_name), getattr(clinic, closes_name)
        if opens is None and closes is not None:
            errors[opens_name] = (
                f"Enter the time {day.capitalize()} opens, or leave both times empty if the "
                "clinic is closed that day."
            )
        elif closes is None and opens is not None:
            errors[closes_name] = (
                f"Enter the time {day.capitalize()} closes, or leave both times empty if the "
                "clinic is closed that day."
            )
        elif opens is not None and closes <= opens:
            errors[closes_name] = (
                f"{day.capitalize()} must close after it opens ({clock_time(opens)})."
            )
    return errors


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """Contact details, crisis resources and shared texts, editable per site."""

    def clean(self):
        """Every address here is a web address (clinic.links): a crisis chat link or a
        social profile that is javascript: or data: would reach every page. Each day of the
        opening hours has both times, the closing one later, or neither."""
        super().clean()
        errors = {
            field.name: "Enter a web address starting with https:// or http://."
            for field in self._meta.concrete_fields
            if isinstance(field, models.URLField) and not is_web_url(getattr(self, field.name))
        }
        errors.update(opening_hours_errors(self))
        if errors:
            raise ValidationError(errors)

    @classmethod
    def for_request(cls, request):
        """The site's settings, kept between requests under the content version: every
        public page shows them, they rarely change, and each change moves the version (as
        does any change to the sites, so the host name stands for its site; finding the site
        is a query of its own). The admin's settings form reads them with `for_site`, always
        from the database."""
        if not site_urls.is_canonical_host(request):
            # Any other Host (or port) would otherwise keep a copy each.
            return cls.for_site(Site.find_for_request(request))
        key = content_version.cache_key("clinic-settings", request.get_host(), request=request)
        cache = caches["versioned"]
        instance = cache.get(key)
        if instance is None:
            instance = cls.for_site(Site.find_for_request(request))  # DoesNotExist for no site
            cache.set(key, instance, timeout=settings.PAGE_CACHE_SECONDS)
        return instance

    clinic_name = models.CharField(max_length=120, default="Our clinic")
    tagline = models.CharField(max_length=200, blank=True)
    tagline_spanish = models.CharField("tagline (Spanish)", max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # Shown next to the phone wherever the site gives it, so a reader with limited English
    # knows the call will work for them (language-assistance notice). Only what is true of
    # the clinic: left empty, nothing is shown.
    language_help = models.CharField(
        "language help",
        max_length=200,
        blank=True,
        help_text="Shown next to the clinic's phone, e.g. \"We speak Spanish. Free interpreters "
        'for other languages." Only write what the clinic really offers.',
    )
    language_help_spanish = models.CharField(
        "language help (Spanish)",
        max_length=200,
        blank=True,
        help_text="The language help on Spanish pages.",
    )
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True, help_text="Postal address, one line per row.")
    # The opening hours (clinic/opening_hours.py): each weekday opens and closes, or is
    # closed (both empty). Shown on every page, they count the reply time and decide the
    # call-back times the contact form offers.
    monday_opens = opening_time("Monday", "opens", datetime.time(9))
    monday_closes = opening_time("Monday", "closes", datetime.time(17))
    tuesday_opens = opening_time("Tuesday", "opens", datetime.time(9))
    tuesday_closes = opening_time("Tuesday", "closes", datetime.time(17))
    wednesday_opens = opening_time("Wednesday", "opens", datetime.time(9))
    wednesday_closes = opening_time("Wednesday", "closes", datetime.time(17))
    thursday_opens = opening_time("Thursday", "opens", datetime.time(9))
    thursday_closes = opening_time("Thursday", "closes", datetime.time(17))
    friday_opens = opening_time("Friday", "opens", datetime.time(9))
    friday_closes = opening_time("Friday", "closes", datetime.time(17))
    saturday_opens = opening_time("Saturday", "opens")
    saturday_closes = opening_time("Saturday", "closes")
    sunday_opens = opening_time("Sunday", "opens")
    sunday_closes = opening_time("Sunday", "closes")

    emergency_number = models.CharField(max_length=20, default="911")
    crisis_line_number = models.CharField(
        max_length=20, default="988", help_text="Call or text (988 Suicide & Crisis Lifeline)."
    )
    crisis_line_name = models.CharField(max_length=80, default="988 Suicide & Crisis Lifeline")
    crisis_chat_url = models.URLField(default="https://988lifeline.org/chat/", blank=True)
    crisis_text_line_number = models.CharField(max_length=20, default="741741", blank=True)
    crisis_text_line_keyword = models.CharField(max_length=20, default="HOME", blank=True)
    # The Lifeline's own Spanish service, shown wherever the site is read in Spanish.
    crisis_line_spanish_option = models.CharField(
        "crisis line: key to press for Spanish",
        max_length=10,
        default="2",
        blank=True,
        help_text="Callers to the crisis line press this key to talk in Spanish (988: 2).",
    )
    crisis_text_spanish_keyword = models.CharField(
        "crisis line: word to text for Spanish",
        max_length=20,
        default="AYUDA",
        blank=True,
        help_text="Texting this word to the crisis line reaches a Spanish speaker (988: AYUDA).",
    )
    crisis_chat_spanish_url = models.URLField(
        "crisis chat in Spanish",
        default="https://988lineadevida.org/",
        blank=True,
        help_text="The crisis line's own Spanish site, with its chat.",
    )
    crisis_line_spanish_name = models.CharField(
        "crisis line: name in Spanish",
        max_length=80,
        default="988 Línea de Prevención del Suicidio y Crisis",
        blank=True,
        help_text="The crisis line's own Spanish name, used on Spanish pages and emails.",
    )
    crisis_text_line_spanish_keyword = models.CharField(
        "text line: word to text for Spanish",
        max_length=20,
        default="AYUDA",
        blank=True,
        help_text="Texting this word to the text line reaches a Spanish speaker (Crisis Text "
        "Line: AYUDA). Left empty, Spanish pages don't offer the text line.",
    )
    crisis_notice = models.TextField(
        default=(
            "If you are in danger or thinking about harming yourself, please get help now. "
            "Our messages are not monitored around the clock."
        ),
        help_text="Shown in the site header's help bar and above the contact form.",
    )
    crisis_notice_spanish = models.TextField(
        "crisis notice (Spanish)",
        default=(
            "Si está en peligro o piensa en hacerse daño, busque ayuda ahora. No revisamos "
            "los mensajes las 24 horas."
        ),
        help_text="The crisis notice on Spanish pages.",
    )

    crisis_phrases = models.TextField(
        "extra crisis phrases",
        blank=True,
        help_text="Words or phrases that should mark a message urgent, one per line, in "
        "addition to the built-in list (which always applies). Case, accents and apostrophes "
        "don't matter.",
    )
    escalation_email = models.EmailField(
        "escalation address",
        blank=True,
        help_text="Who is alerted when an urgent enquiry has not been opened in time, e.g. the "
        "clinical lead on call. The alert never contains what the person wrote.",
    )
    escalation_minutes = models.PositiveSmallIntegerField(
        "escalate after (minutes)",
        default=30,
        help_text="How long an urgent enquiry may stay unopened before the escalation alert.",
    )

    # The reply the contact page promises, counted in opening hours: what makes an enquiry
    # overdue in the admin (intake/response_time.py).
    reply_within_working_days = models.PositiveSmallIntegerField(
        "reply within (working days)",
        default=2,
        help_text="The reply time the contact page promises. Open enquiries older than this, "
        "counted in the opening hours (Contact tab), are marked overdue.",
    )

    medical_disclaimer = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        default=(
            "<p>This article is for general information and is not a substitute for "
            "professional medical advice, diagnosis or treatment.</p>"
        ),
        help_text="Shown under every article.",
    )
    medical_disclaimer_spanish = RichTextField(
        "medical disclaimer (Spanish)",
        features=["bold", "italic", "link"],
        blank=True,
        default=(
            "<p>Este artículo ofrece información general y no sustituye el consejo, el "
            "diagnóstico ni el tratamiento de un profesional de la salud.</p>"
        ),
        help_text="Shown under every Spanish article.",
    )

    review_interval_months = models.PositiveSmallIntegerField(
        "medical review interval (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How long after a medical review an article is due for the next one. "
        "Reviewers may set an earlier or later date on the article.",
    )
    reading_grade_target = models.DecimalField(
        "reading grade target",
        max_digits=3,
        decimal_places=1,
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(16)],
        help_text="The highest school grade an article should need (Flesch–Kincaid for English, "
        "Fernández-Huerta for Spanish). Health literacy guidance advises grade 8 or below.",
    )
    editorial_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How articles are written, reviewed and corrected; linked from every byline.",
    )

    intake_notification_emails = models.TextField(
        blank=True,
        help_text="Who is told about new enquiries: one email address per line. "
        "Notices never contain health details.",
    )

    facebook_url = models.URLField(blank=True)
    instagram_url = models.URLField(blank=True)
    linkedin_url = models.URLField(blank=True)
    youtube_url = models.URLField(blank=True)

    contact_panels = [
        FieldPanel("clinic_name"),
        FieldPanel("tagline"),
        FieldPanel("tagline_spanish"),
        FieldPanel("phone"),
        FieldPanel("language_help"),
        FieldPanel("language_help_spanish"),
        FieldPanel("email"),
        FieldPanel("address"),
        MultiFieldPanel(
            [opening_hours_row(weekday) for weekday in range(7)],
            heading="Opening hours",
            help_text="Leave both times empty on a day the clinic is closed. The hours are "
            "shown on every page, count the reply time and decide which call-back times the "
            "contact form offers.",
        ),
    ]
    # Only clinical leads (and superusers) change what people in crisis are told and who is
    # alerted (intake.pages.CRISIS_TEXT_PERMISSION). Without it these fields leave the form,
    # so a save keeps them, and the tab, left empty, is not shown.
    crisis_panels = [
        FieldPanel(field_name, permission="intake.change_crisis_text")
        for field_name in (
            "crisis_notice",
            "crisis_notice_spanish",
            "emergency_number",
            "crisis_line_name",
            "crisis_line_number",
            "crisis_chat_url",
            "crisis_text_line_number",
            "crisis_text_line_keyword",
            "crisis_line_spanish_option",
            "crisis_text_spanish_keyword",
            "crisis_line_spanish_name",
            "crisis_chat_spanish_url",
            "crisis_text_line_spanish_keyword",
            "crisis_phrases",
            "escalation_email",
            "escalation_minutes",
        )
    ]
    content_panels_ = [
        FieldPanel("medical_disclaimer"),
        FieldPanel("medical_disclaimer_spanish"),
        FieldPanel("intake_notification_emails"),
        FieldPanel("reply_within_working_days"),
    ]
    article_panels = [
        FieldPanel("editorial_policy_page"),
        FieldPanel("review_interval_months"),
        FieldPanel("reading_grade_target"),
    ]
    social_panels = [
        FieldPanel("facebook_url"),
        FieldPanel("instagram_url"),
        FieldPanel("linkedin_url"),
        FieldPanel("youtube_url"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(contact_panels, heading="Contact"),
            ObjectList(crisis_panels, heading="Crisis resources"),
            ObjectList(content_panels_, heading="Texts and intake"),
            ObjectList(article_panels, heading="Articles"),
            ObjectList(social_panels, heading="Social"),
        ]
    )

    reader_tagline = ReaderText("tagline")
    reader_crisis_notice = ReaderText("crisis_notice")
    reader_language_help = ReaderText("language_help")
    reader_medical_disclaimer = ReaderText("medical_disclaimer")

    class Meta:
        verbose_name = "Clinic settings"

    def __str__(self):
        return self.clinic_name

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def weekly_hours(self):
        return WeeklyHours.from_fields(self)

    @property
    def opening_hours_lines(self):
        """The opening hours in the language being read, one line per run of days."""
        return self.weekly_hours.lines()

    @property
    def open_days_text(self):
        """The open days and their hours in one phrase, in the language being read: "Monday
        to Thursday 9am to 6pm, Friday 9am to 2pm"."""
        return self.weekly_hours.open_days_text()

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]

    def crisis_lines(self, language_code=None):
        """The crisis lines to offer in `language_code` (the language being read)."""
        return CrisisLines.from_settings(self, language_code or get_language())

    @property
    def crisis_phrase_list(self):
        return tuple(line.strip() for line in self.crisis_phrases.splitlines() if line.strip())

    @property
    def intake_recipients(self):
        return [line.strip() for line in self.intake_notification_emails.split() if line.strip()]
