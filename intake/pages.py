"""The contact page: the page type at /contact/ that serves the contact form and its thank-you
page, with the texts editors write for both and for the acknowledgement email.

A module of its own because its routes import the views (intake/views.py), which import the
enquiry models: so intake/models.py imports no view. IntakeConfig.ready() imports this module,
so the page type is registered wherever the app is installed.
"""

from django.db import models
from django.utils.decorators import method_decorator
from django.utils.translation import pgettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from clinic.models import MetaDescriptionMixin
from intake import views

DEFAULT_MEDICAL_HISTORY_NOTE = (
    "Please don't include detailed medical history here. We only need enough to get back "
    "to you; we will ask about your health privately when we talk."
)
DEFAULT_THANK_YOU_TEXT = (
    "<p>We have received your message. Someone from our intake team will contact you "
    "within two working days, using the contact method you chose.</p>"
)
# What a person whose message holds crisis language is told. No threshold ("if you might act
# on..."): any thoughts of harming yourself are reason enough not to wait for us.
DEFAULT_URGENT_THANK_YOU_TEXT = (
    "<p>We have received your message and our intake team will see it as a priority during "
    "opening hours. If you're having thoughts of harming yourself, please don't wait for "
    "us: the people above can help right now, at any hour.</p>"
)
DEFAULT_ACKNOWLEDGEMENT_TEXT = (
    "Thank you for getting in touch. We have received your message and someone from our "
    "intake team will contact you within two working days.\n\n"
    "This mailbox is not monitored around the clock. If you are in danger, call the "
    "emergency number. If you are thinking about harming yourself, call or text the "
    "Suicide & Crisis Lifeline now."
)
DEFAULT_URGENT_ACKNOWLEDGEMENT_TEXT = (
    "Thank you for getting in touch. We have received your message, and our intake team will "
    "treat it as a priority when the clinic is open.\n\n"
    "If you're having thoughts of harming yourself, please don't wait for us. The people "
    "below can help right now, at any hour, free and in confidence."
)


# What people in crisis are told and who is alerted about them: the contact page's urgent
# texts and the crisis resources of Clinic settings. Clinical leads (and superusers) hold it,
# page editors don't. Declared on ContactPage, since the clinic app is the base of the others.
CRISIS_TEXT_PERMISSION = "intake.change_crisis_text"


class ContactPageForm(WagtailAdminPageForm):
    """The contact page's admin form. A field the user may not change (left out of the form by
    its panel's permission) keeps its current value, also when the user restores an older
    revision, which would otherwise bring back that revision's urgent texts."""

    def save(self, commit=True):
        withheld = [name for name in self._meta.field_permissions or {} if name not in self.fields]
        if withheld and self.instance.pk:
            current = Page.objects.get(pk=self.instance.pk).get_latest_revision_as_object()
            for name in withheld:
                setattr(self.instance, name, getattr(current, name))
        return super().save(commit=commit)


class ContactPage(MetaDescriptionMixin, RoutablePageMixin, Page):
    """The contact form at /contact/, with its thank-you page as a sub-route."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    medical_history_note = models.TextField(
        "note about medical history",
        default=DEFAULT_MEDICAL_HISTORY_NOTE,
        help_text="Shown above the form, asking people not to send detailed health details.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the consent checkbox.",
    )
    thank_you_heading = models.CharField(
        max_length=120, default="Thank you, your message has been sent"
    )
    thank_you_text = RichTextField(
        features=["bold", "italic", "link"], default=DEFAULT_THANK_YOU_TEXT
    )
    urgent_thank_you_text = RichTextField(
        features=["bold", "italic", "link"],
        default=DEFAULT_URGENT_THANK_YOU_TEXT,
        help_text="Shown below the crisis resources when a message contains crisis language.",
    )
    send_acknowledgement = models.BooleanField(
        "send an acknowledgement email",
        default=True,
        help_text="Email the person that we received their message. It never repeats "
        "what they wrote.",
    )
    acknowledgement_subject = models.CharField(
        max_length=150, default="We have received your message"
    )
    acknowledgement_text = models.TextField(
        default=DEFAULT_ACKNOWLEDGEMENT_TEXT,
        help_text="Plain text. The clinic's phone number and crisis lines are added below it.",
    )
    urgent_acknowledgement_text = models.TextField(
        "acknowledgement text for urgent messages",
        default=DEFAULT_URGENT_ACKNOWLEDGEMENT_TEXT,
        help_text="Sent instead when the message contains crisis language. Plain text; the "
        "crisis lines come first below it. Promise no reply time here.",
    )

    # The urgent texts carry the permission on their own FieldPanel: that takes them out of the
    # form of whoever lacks it, so their saves keep the stored text. (A permission on a
    # MultiFieldPanel would only hide the fields, and a save would then blank them.)
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("medical_history_note"),
        PageChooserPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldPanel("thank_you_heading"),
                FieldPanel("thank_you_text"),
                FieldPanel("urgent_thank_you_text", permission=CRISIS_TEXT_PERMISSION),
            ],
            heading="Thank-you page",
        ),
        MultiFieldPanel(
            [
                FieldPanel("send_acknowledgement"),
                FieldPanel("acknowledgement_subject"),
                FieldPanel("acknowledgement_text"),
                FieldPanel("urgent_acknowledgement_text", permission=CRISIS_TEXT_PERMISSION),
            ],
            heading="Acknowledgement email",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = ContactPageForm

    meta_description_fallback = "intro"
    parent_page_types = ["clinic.HomePage"]
    subpage_types = []
    max_count = 1
    template = "intake/contact_page.html"

    class Meta:
        permissions = [("change_crisis_text", "Can change crisis texts and resources")]

    # Everything a person sends is health information: an error report (the admins' email,
    # an error tracker) shows the form's fields with their values starred out.
    @path("")
    @method_decorator(sensitive_post_parameters())
    def contact_form(self, request):
        return views.contact_form(self, request)

    # The thank-you page's address is in the page's language: /es/contacto/gracias/.
    @path(
        pgettext_lazy("address of the contact page's thank-you page", "thank-you/"),
        name="thank_you",
    )
    def thank_you(self, request):
        return views.thank_you(self, request)
