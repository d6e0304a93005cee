"""Site-wide models: the custom user and the home and standard pages.

The clinic's settings are in clinic/site_settings.py, imported here as a model of this app."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from clinic.blocks import BodyStreamBlock
from clinic.site_settings import ClinicSettings  # noqa: F401  (a model of this app)


class User(AbstractUser):
    """The site's user. Custom from the first migration so staff profiles can grow later."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class MetaDescriptionMixin:
    """The page's meta description: its SEO field, else the text it introduces itself with
    (a plain or rich text field, as plain text: a meta description has no markup)."""

    meta_description_fallback = ""  # the name of the field to fall back on

    @property
    def meta_description(self):
        if self.search_description or not self.meta_description_fallback:
            return self.search_description
        fallback = getattr(self, self.meta_description_fallback, "") or ""
        return " ".join(get_text_for_indexing(str(fallback)).split())


class HomePage(MetaDescriptionMixin, Page):
    hero_heading = models.CharField(max_length=120)
    hero_intro = models.TextField(max_length=500, blank=True)
    hero_cta_label = models.CharField("Call-to-action label", max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Call-to-action page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Usually the contact page.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_intro")]

    meta_description_fallback = "hero_intro"
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "clinic/home_page.html"


class StandardPage(MetaDescriptionMixin, Page):
    """About, Services, Privacy policy and other free-form pages."""

    intro = models.TextField(max_length=500, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    meta_description_fallback = "intro"
    parent_page_types = ["clinic.HomePage", "clinic.StandardPage"]
    subpage_types = ["clinic.StandardPage"]
    template = "clinic/standard_page.html"
