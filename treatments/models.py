"""The clinic's treatments explained for patients: the index at /treatments/ and a page per
treatment. A treatment page is a medical page like an article (articles.models.MedicalPage):
written by clinicians, live only through Medical review, with sources; it adds what search
engines need to know of the therapy and its medicines."""

from django import forms
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from articles.models import ArticleIndexPage, Clinician, MedicalPage, Topic
from articles.review import ParentOfReviewedPagesMixin
from clinic.models import MetaDescriptionMixin
from intake.choices import Topic as EnquiryTopic
from treatments.blocks import ConditionsBlock, DrugsBlock


class TreatmentIndexPage(ParentOfReviewedPagesMixin, MetaDescriptionMixin, Page):
    """/treatments/: every live treatment page, in the editors' order."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    meta_description_fallback = "intro"
    parent_page_types = ["clinic.HomePage"]
    subpage_types = ["treatments.TreatmentPage"]
    max_count = 1
    template = "treatments/treatment_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = self.treatments()
        return context

    def treatments(self):
        return (
            TreatmentPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )


class TreatmentAuthor(Orderable):
    """One author of a treatment page, in byline order."""

    page = ParentalKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="authorships"
    )
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("clinician")]


class TreatmentPage(MedicalPage):
    """One treatment the clinic offers: what it is, the evidence, risks, cost; for search
    engines a MedicalTherapy and the Drugs it uses (treatments.structured_data)."""

    topics = ParentalManyToManyField(
        Topic,
        related_name="treatments",
        blank=True,
        help_text="The subjects it belongs to; the contact form offers the first.",
    )
    enquiry_topic = models.CharField(
        "contact form topic",
        max_length=40,
        blank=True,
        choices=EnquiryTopic.choices,
        help_text="The topic the contact form starts with for readers of this page.",
    )
    therapy_name = models.CharField(
        max_length=120,
        blank=True,
        help_text='The treatment\'s plain name for search engines, e.g. "Ketamine treatment".',
    )
    conditions = StreamField(
        ConditionsBlock(),
        blank=True,
        use_json_field=True,
        help_text="The conditions it treats, for search engines.",
    )
    drugs = StreamField(
        DrugsBlock(),
        blank=True,
        use_json_field=True,
        verbose_name="medicines",
        help_text="The medicines it uses, for search engines.",
    )

    content_panels = [
        *Page.content_panels,
        *MedicalPage.shared_text_panels,
        MultiFieldPanel(
            [FieldPanel("therapy_name"), FieldPanel("conditions"), FieldPanel("drugs")],
            heading="For search engines",
        ),
        MedicalPage.review_panel,
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("enquiry_topic"),
            ],
            heading="Publication",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    translatable_fields = [
        *MedicalPage.shared_translatable_fields,
        TranslatableField("therapy_name"),
        TranslatableField("conditions"),
        TranslatableField("drugs"),
        SynchronizedField("publication_date"),
        SynchronizedField("enquiry_topic"),
        SynchronizedField("authorships"),
        SynchronizedField("show_in_menus"),
    ]

    meta_description_fallback = "summary"
    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []
    template = "treatments/treatment_page.html"

    @cached_property
    def clinician_index(self):
        """Clinicians' pages live under the articles index in the page's language."""
        pages = ArticleIndexPage.objects.live().filter(locale_id=self.locale_id)
        return pages.select_related("locale").first()
