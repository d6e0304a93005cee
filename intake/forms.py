"""The public enquiry form: validation, cleaning and accessible Bootstrap 5 rendering."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from wagtail.models import Page

from clinic.forms import CleanTextField
from intake.callback_times import callback_choices
from intake.choices import PHONE_CONTACT_METHODS, BestTime, ContactMethod, Topic
from intake.models import EMAIL_MAX_LENGTH, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, Enquiry
from intake.spam import form_started_token

HONEYPOT_FIELD = "website"
MAX_PAGE_ID = 2**31 - 1  # larger numbers would overflow the database's integer column
MAX_PAGE_ID_DIGITS = len(str(MAX_PAGE_ID))


def live_page_or_none(raw_id):
    """The live page with this id (as typed in a URL or hidden field), or None."""
    raw_id = (raw_id or "").strip()
    # isdecimal, not isdigit: int() refuses digits such as "²". Checking the length first keeps
    # int() clear of Python's limit on the digits it converts (4,300, else ValueError).
    if not raw_id.isdecimal() or len(raw_id) > MAX_PAGE_ID_DIGITS or int(raw_id) > MAX_PAGE_ID:
        return None
    return Page.objects.live().filter(pk=int(raw_id)).first()


def is_live_page_id(request, response, name, value):
    """A check for PAGE_CACHE_QUERY_PARAMS (caching/page_cache.py): the id of a live page,
    written without padding, as the contact form's ?from= is read here."""
    page = live_page_or_none(value)
    return page is not None and str(page.pk) == value


class EnquiryForm(forms.ModelForm):
    name = CleanTextField(
        label=_("Full name"),
        error_messages={"required": _("Enter your full name.")},
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We only use it to reply to you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(
        label=_("Phone number (optional)"),
        required=False,
        help_text=_("Needed if you would like a call or a text message."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"invalid": _("Enter a phone number like (503) 555-0199.")},
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        error_messages={"required": _("Choose how we should contact you.")},
        choices=ContactMethod.choices,
        initial=ContactMethod.EMAIL,
        widget=forms.RadioSelect,
    )
    best_time = forms.ChoiceField(
        label=_("Best time to reach you"),
        choices=BestTime.choices,
        initial=BestTime.ANY,
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("What would you like help with?"),
        error_messages={"required": _("Choose what you would like help with.")},
        choices=Topic.choices,
        widget=forms.RadioSelect,
    )
    message = CleanTextField(
        label=_("Your message"),
        error_messages={"required": _("Write a short message.")},
        max_length=MESSAGE_MAX_LENGTH,
        keep_line_breaks=True,
        help_text=_("Up to 2,000 characters. A few sentences are plenty."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Asked gently and optionally: a "yes" makes the message urgent whatever it says, and
    # shows the person who can help right now.
    self_harm_thoughts = forms.BooleanField(
        label=_("I'm having thoughts of suicide or of harming myself"),
        required=False,
        help_text=_(
            "Optional. If you tick this, we show you who you can talk to right now, and our "
            "team treats your message as a priority when the clinic is open. We can't reply "
            "right away."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree to be contacted about my enquiry."),
        error_messages={"required": _("Please tick the box so that we may contact you.")},
    )
    # Carried through the form: the article the person came from (?from=<page id>). Hidden
    # fields must never fail validation (their errors have nowhere to show), so control and
    # null characters are dropped, not rejected: a bad page id is then ignored and a bad
    # timestamp files the enquiry as spam.
    source = CleanTextField(required=False, widget=forms.HiddenInput)
    started = CleanTextField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people (and from assistive technology), filled by bots.
    # No length limit: a crisis message is stored even when autofill filled this field, so
    # it must never fail validation.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Enquiry
        fields = ["name", "email", "phone", "contact_method", "best_time", "topic", "message"]

    def __init__(self, *args, privacy_page=None, weekly_hours=None, crisis_lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Read per form, not at import, so the setting applies wherever the form is built.
        self.fields["phone"].region = settings.PHONENUMBER_DEFAULT_REGION
        if weekly_hours is not None:
            # Only the parts of the day the clinic is open in, with its hours then.
            self.fields["best_time"].choices = callback_choices(weekly_hours)
        if crisis_lines is not None:
            self.say_who_to_call_now(crisis_lines)
        if not self.is_bound:
            self.initial.setdefault("started", form_started_token())
        if privacy_page is not None:
            self.fields["consent"].label = format_html(
                gettext(
                    "I agree to be contacted about my enquiry, as described in our "
                    '<a href="{url}">{title}</a>.'
                ),
                url=privacy_page.url,
                title=privacy_page.title.lower(),
            )
        self.helper = self.build_helper()

    def say_who_to_call_now(self, crisis_lines):
        """Next to the self-harm question: the clinic's priority waits for opening hours, so
        whoever might act on their thoughts is told, before sending, whom to call now."""
        field = self.fields["self_harm_thoughts"]
        field.help_text = " ".join(
            (
                str(field.help_text),
                gettext(
                    "If you might act on these thoughts, call or text %(line)s or call "
                    "%(emergency)s now."
                )
                % {"line": crisis_lines.line_number, "emergency": crisis_lines.emergency_number},
            )
        )

    @staticmethod
    def build_helper():
        helper = FormHelper()
        helper.form_tag = False  # the template owns <form>, the CSRF token and the button
        helper.disable_csrf = True
        helper.layout = Layout(
            "name",
            "email",
            "phone",
            "contact_method",
            "best_time",
            "topic",
            "message",
            "self_harm_thoughts",
            "consent",
            Div(HONEYPOT_FIELD, css_class="intake-hp", aria_hidden="true"),
            "source",
            "started",
        )
        return helper

    @property
    def says_thoughts_of_harm(self):
        """Whether the person ticked the self-harm question, read before validation: a yes
        counts even in a form that must be corrected."""
        field = self.fields["self_harm_thoughts"]
        return bool(
            field.widget.value_from_datadict(
                self.data, self.files, self.add_prefix("self_harm_thoughts")
            )
        )

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_source(self):
        """The live page the person came from, or None: a bad id is ignored, never an error."""
        return live_page_or_none(self.cleaned_data.get("source", ""))

    def clean(self):
        cleaned = super().clean()
        needs_phone = cleaned.get("contact_method") in PHONE_CONTACT_METHODS
        if needs_phone and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone",
                gettext(
                    "Please give a phone number so we can call or text you, "
                    "or choose email as the way to contact you."
                ),
            )
        return cleaned

    def error_summary(self):
        """(message, anchor) pairs for the summary at the top, in the order of the fields."""
        items = [(message, "") for message in self.non_field_errors()]
        for field in self.visible_fields():
            for message in field.errors:
                items.append((message, self.anchor_for(field)))
        return items

    @staticmethod
    def anchor_for(field):
        # Radio groups have no element with the field's own id: point at the first option.
        if isinstance(field.field.widget, forms.RadioSelect):
            return f"{field.auto_id}_0"
        return field.auto_id
