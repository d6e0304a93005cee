"""Educational articles: the index at /articles/, article pages, and the clinicians and topics
they are written, reviewed and filed under."""

import html
import math
from calendar import monthrange
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    GroupApprovalTask,
    LockableMixin,
    Orderable,
    Page,
    PageManager,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from articles.blocks import ArticleStreamBlock, KeyPointsBlock, SourcesBlock, body_headings
from articles.panels import PermissionedFieldPanel, ReadingGradePanel
from articles.readability import reading_grade
from articles.review import (
    ParentOfReviewedPagesMixin,
    ReviewedContentMixin,
    ReviewedPageMixin,
    record_approval,
)
from caching import content_version
from caching.site_urls import absolute_url
from clinic.languages import ReaderText
from clinic.models import MetaDescriptionMixin
from clinic.site_settings import ClinicSettings
from intake.choices import Topic as EnquiryTopic
from intake.pages import ContactPage

WORDS_PER_MINUTE = 200
# The contact form's topic for readers of an article, by the slug of the article's first topic
# that has one: the form starts with it chosen.
ENQUIRY_TOPIC_FOR_TOPIC = {
    "chronic-pain": EnquiryTopic.CHRONIC_PAIN,
    "mental-health": EnquiryTopic.DEPRESSION_ANXIETY,
}
# The query parameter of the edit page a reviewer lands on after approving (MedicalReviewTask).
APPROVED_PARAMETER = "approved"


class Topic(
    ReviewedContentMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A subject articles are filed under, e.g. "Chronic pain"; editors manage the list. Its
    name and description (in both languages) are public text: they change through Medical
    review, as articles do (articles.review)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in /articles/?topic=…")
    description = models.CharField(max_length=250, blank=True)
    name_spanish = models.CharField("name (Spanish)", max_length=80, blank=True)
    description_spanish = models.CharField("description (Spanish)", max_length=250, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("name_spanish"),
        FieldPanel("description_spanish"),
    ]
    reader_name = ReaderText("name")
    reader_description = ReaderText("description")
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Clinician(
    ReviewedContentMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A member of the clinical team who writes or medically reviews articles; each has a page
    of their own at /articles/clinicians/<slug>/, which bylines link to. What it says of them
    (credentials, role, specialty, bio, in both languages) changes only through Medical
    review, approved by another clinician (articles.review)."""

    name = models.CharField(max_length=120, help_text="Their full name, without titles.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="The end of their page's address: /articles/clinicians/<slug>/. Left "
        "empty, it is made from their name.",
    )
    credentials = models.CharField(
        max_length=80, blank=True, help_text='Post-nominal letters, e.g. "MD" or "PMHNP-BC".'
    )
    role = models.CharField(max_length=120, blank=True, help_text='e.g. "Pain physician".')
    role_spanish = models.CharField(
        "role (Spanish)", max_length=120, blank=True, help_text='e.g. "Médica del dolor".'
    )
    specialty = models.CharField(
        max_length=160,
        blank=True,
        help_text='The field they practise and review in, e.g. "Pain medicine": articles go to '
        "a reviewer whose specialty matches their topic.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A portrait, shown on their page and beside their articles.",
    )
    bio = models.TextField(
        max_length=600,
        blank=True,
        help_text="A few sentences on their training, experience and the care they give.",
    )
    specialty_spanish = models.CharField("specialty (Spanish)", max_length=160, blank=True)
    bio_spanish = models.TextField("bio (Spanish)", max_length=600, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("specialty"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("role_spanish"),
        FieldPanel("specialty_spanish"),
        FieldPanel("bio_spanish"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    reader_role = ReaderText("role")
    reader_specialty = ReaderText("specialty")
    reader_bio = ReaderText("bio")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(slugify(self.name) or "clinician", Clinician.objects)
        super().save(*args, **kwargs)

    def review_conflict(self, clinician):
        if clinician.pk == self.pk:
            return OWN_RECORD
        return None

    @property
    def display_name(self):
        """ "Dana Whitlock, MD": how health sites name a clinician in a byline."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ClinicianAccount(models.Model):
    """Which staff account is which clinician: only that account approves medical reviews as
    them. An administrator's decision (Settings › Clinicians' accounts), kept out of the
    clinician's own record, which editors change, and out of its revisions; every change is
    in the audit log."""

    clinician = models.OneToOneField(
        Clinician, on_delete=models.CASCADE, related_name="account", verbose_name="clinician"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="clinician_account",
        verbose_name="account",
        help_text="Approving a medical review with this account records this clinician as the "
        "reviewer.",
    )

    class Meta:
        verbose_name = "clinician's account"
        verbose_name_plural = "clinicians' accounts"
        ordering = ["clinician__name"]

    def __str__(self):
        return f"{self.clinician.name} ({self.user.get_username()})"


# The clinicians' pages' route under the articles index, by language: the address is in the
# reader's words (/articles/clinicians/<slug>/, /es/articulos/profesionales/<slug>/).
CLINICIAN_ROUTES = {"en": "clinician", "es": "clinician_es"}


class ArticleIndexPage(ParentOfReviewedPagesMixin, MetaDescriptionMixin, RoutablePageMixin, Page):
    """/articles/: live articles newest first, filtered by topic, paginated; and the RSS feed."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    meta_description_fallback = "intro"
    parent_page_types = ["clinic.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1
    template = "articles/article_index_page.html"

    per_page = 10

    def articles(self):
        return ArticlePage.objects.listing().child_of(self)

    def topics_in_use(self):
        return Topic.objects.filter(live=True, articles__in=self.articles()).distinct()

    @path("")
    def index_route(self, request):
        topic = self.selected_topic(request)
        # Which page to show needs only how many articles there are (kept under the content
        # version); the articles themselves are read when the listing is rendered, not when
        # the rendered listing comes from the cache ({% contentcache %} in the template).
        count = self.article_count(request, topic)
        listing_page = paginate(range(count), request.GET.get("page"), self.per_page)
        context = {
            "selected_topic": topic,
            "topics": SimpleLazyObject(lambda: list(self.topics_in_use())),
            "articles": listing_page,
            "article_list": SimpleLazyObject(lambda: self.articles_on(listing_page, topic)),
            "canonical_url": self.listing_url(request, topic, listing_page.number),
            # Built from the topic and page shown, not the request's query string, so the
            # rendered listing (kept under its topic and page number) is the same for all.
            "pagination_urls": self.pagination_urls(topic, listing_page),
        }
        return self.render(request, context_overrides=context)

    def articles_about(self, topic):
        articles = self.articles()
        return articles if topic is None else articles.filter(topics=topic)

    def articles_on(self, listing_page, topic):
        """The articles of one page of the listing."""
        start = (listing_page.number - 1) * self.per_page
        return list(self.articles_about(topic)[start : start + self.per_page])

    def article_count(self, request, topic):
        key = content_version.cache_key(
            "article-count", self.pk, topic.pk if topic else "", request=request
        )
        count = caches["versioned"].get(key)
        if count is None:
            count = self.articles_about(topic).count()
            caches["versioned"].set(key, count, timeout=settings.PAGE_CACHE_SECONDS)
        return count

    def listing_url(self, request, topic, page_number):
        """The full URL of one listing page: each topic and page is a page of its own for
        search engines, so its canonical link must not point at the first page."""
        params = {}
        if topic is not None:
            params["topic"] = topic.slug
        if page_number > 1:
            params["page"] = page_number
        url = self.get_full_url(request)
        return f"{url}?{urlencode(params)}" if params else url

    def pagination_urls(self, topic, listing_page):
        """The previous and next pages' links, relative to this page."""

        def link(number):
            params = {"topic": topic.slug} if topic is not None else {}
            return f"?{urlencode({**params, 'page': number})}"

        return {
            "previous": link(listing_page.previous_page_number())
            if listing_page.has_previous()
            else None,
            "next": link(listing_page.next_page_number()) if listing_page.has_next() else None,
        }

    def get_sitemap_urls(self, request=None):
        """The index, and the page of each clinician who wrote or reviewed a live article."""
        urls = super().get_sitemap_urls(request)
        articles = self.articles()
        clinicians = Clinician.objects.filter(live=True).filter(
            models.Q(pk__in=articles.values("authorships__clinician"))
            | models.Q(pk__in=articles.values("medical_reviewer"))
        )
        base = self.get_full_url(request)
        language = self.locale.language_code
        return urls + [
            {"location": base + self.clinician_subpage(clinician, language)}
            for clinician in clinicians
        ]

    def clinician_url(self, clinician):
        """The clinician's page, in the index's language: who they are and what they wrote
        and reviewed."""
        return self.url + self.clinician_subpage(clinician, self.locale.language_code)

    def clinician_subpage(self, clinician, language):
        route = CLINICIAN_ROUTES.get(language, CLINICIAN_ROUTES[settings.LANGUAGE_CODE])
        return self.reverse_subpage(route, args=[clinician.slug])

    @path("clinicians/<slug:slug>/", name="clinician")
    def clinician_route(self, request, slug):
        return self.clinician_page(request, slug, "clinician")

    @path("profesionales/<slug:slug>/", name="clinician_es")
    def clinician_route_in_spanish(self, request, slug):
        return self.clinician_page(request, slug, "clinician_es")

    def clinician_page(self, request, slug, route):
        """A clinician's page at the address in the reader's language; the other language's
        address (the only one before Spanish addresses had Spanish words) redirects for good."""
        clinician = get_object_or_404(Clinician, slug=slug, live=True)
        if route != CLINICIAN_ROUTES.get(get_language(), "clinician"):
            return redirect(self.clinician_url(clinician), permanent=True)
        context = {
            "clinician": clinician,
            "written": self.articles().filter(authorships__clinician=clinician).distinct(),
            "reviewed": self.articles().filter(medical_reviewer=clinician),
            "canonical_url": absolute_url(request, self.clinician_url(clinician)),
        }
        return self.render(
            request, context_overrides=context, template="articles/clinician_page.html"
        )

    @path("feed/", name="feed")
    def feed_route(self, request):
        from articles.feeds import ArticleFeed

        return ArticleFeed()(request, index_page=self)

    def selected_topic(self, request):
        slug = request.GET.get("topic", "")
        return topics_by_slug(request).get(slug) if slug else None

    @property
    def feed_url(self):
        return self.url + self.reverse_subpage("feed")


def topics_by_slug(request):
    """{slug: topic} of every topic, kept under the content version."""
    key = content_version.cache_key("topics-by-slug", request=request)
    topics = caches["versioned"].get(key)
    if topics is None:
        topics = {topic.slug: topic for topic in Topic.objects.filter(live=True)}
        caches["versioned"].set(key, topics, timeout=settings.PAGE_CACHE_SECONDS)
    return topics


def paginate(queryset, page_number, per_page):
    """A page of results; a bad or out-of-range ?page= shows the first or last page."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class ArticlePageQuerySet(PageQuerySet):
    def listing(self):
        """Live public articles with what a card shows, newest first, in a fixed query count."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .select_related("hero_image")
            .prefetch_related("topics", "hero_image__renditions")
            .order_by("-publication_date", "-pk")
        )

    def in_current_language(self):
        """Articles in the language being read (the URL's)."""
        return self.filter(locale__language_code=get_language())


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleAuthor(Orderable):
    """One author of an article, in byline order."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="authorships")
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("clinician")]


class MedicalPage(ReviewedPageMixin, MetaDescriptionMixin, Page):
    """What every patient-facing health page shares (articles, treatments): its text, its
    sources, its authors and its medical review, live only at a version a clinician approved
    in Medical review (articles.review). A concrete page type adds its `topics`, its
    `authorships` and where its clinicians' pages are (`clinician_index`)."""

    # Each language's version is medically reviewed on its own: a copy or a translation starts
    # unreviewed, and wagtail-localize never carries a review over from the English page.
    exclude_fields_in_copy = ["medical_reviewer", "last_reviewed", "next_review_due"]
    # What every medical page translates; each page type adds its own fields after these.
    shared_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("key_points"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_image_alt"),
        TranslatableField("body"),
        TranslatableField("sources"),
    ]
    # The editor's panels for what every medical page shares: its text, then its review.
    shared_text_panels = [
        FieldPanel("summary"),
        FieldPanel("key_points"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Image"),
        FieldPanel("body"),
        FieldPanel("sources"),
        InlinePanel("authorships", heading="Authors", label="Author", min_num=1),
    ]
    review_panel = MultiFieldPanel(
        [
            ReadingGradePanel(),
            FieldPanel("medical_reviewer", read_only=True),
            FieldPanel("last_reviewed", read_only=True),
            PermissionedFieldPanel("next_review_due", permission="articles.change_review_due_date"),
        ],
        heading="Medical review",
        help_text="Recorded when a clinician approves the page's Medical review task.",
    )

    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text="One or two sentences for listings, search results and search engines.",
    )
    key_points = StreamField(
        KeyPointsBlock(),
        blank=True,
        use_json_field=True,
        help_text="Three to five short sentences, shown as a list at the top of the page: what "
        "a reader who reads nothing else must take away.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Shown under the title and when the article is shared.",
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    body = StreamField(
        ArticleStreamBlock(),
        use_json_field=True,
        help_text="Sections with headings, short paragraphs and lists read best on a phone.",
    )
    sources = StreamField(
        SourcesBlock(),
        blank=True,
        use_json_field=True,
        help_text="Where the article's facts come from, numbered in this order under the "
        "article: national health bodies, guidelines and peer-reviewed research.",
    )
    # The review is recorded by the "Medical review" task when a clinician approves it
    # (record_medical_review): editors see these read-only.
    medical_reviewer = models.ForeignKey(
        Clinician,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician who approved the last medical review.",
    )
    # Today where the clinic is (TIME_ZONE), which a server on UTC would otherwise get wrong.
    publication_date = models.DateField(
        default=timezone.localdate, help_text="The date readers see as first published."
    )
    last_reviewed = models.DateField(
        "last medically reviewed",
        null=True,
        blank=True,
        help_text="The day the last medical review was approved.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Set by each review from the review interval in Clinic settings; a reviewer "
        "may choose another date.",
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    reading_grade = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True, editable=False
    )

    derived_fields = ("reading_minutes", "reading_grade")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": "Describe the image for screen readers."})
        if (
            self.next_review_due
            and self.last_reviewed
            and self.next_review_due < self.last_reviewed
        ):
            raise ValidationError({"next_review_due": "The next review comes after the last."})

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.body)
        self.reading_grade = reading_grade(self.body, self.language_code)
        super().save(*args, **kwargs)

    # --- Medical review (articles.review) ---

    def review_conflict(self, clinician):
        if clinician.pk in {authorship.clinician_id for authorship in self.authorships.all()}:
            return OWN_ARTICLE
        if self.quotes(clinician):
            return QUOTED_IN_ARTICLE
        return None

    def apply_review(self, content, approval):
        content["medical_reviewer"] = approval.clinician_id
        content["last_reviewed"] = approval.reviewed_on.isoformat()

    def review_mismatch(self, approval):
        if (self.medical_reviewer_id, self.last_reviewed) == (
            approval.clinician_id,
            approval.reviewed_on,
        ):
            return None
        return (
            f"The review shown on “{self.title}” is not the review of this version: it goes "
            "live only through Medical review."
        )

    @property
    def language_code(self):
        """The article's language ("en", "es"); the site's default before it has a locale."""
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE

    @property
    def social_image(self):
        return self.hero_image

    @cached_property
    def authors(self):
        """The authors in byline order, each with the `page_url` of their clinician page."""
        authors = [
            authorship.clinician for authorship in self.authorships.select_related("clinician")
        ]
        return [self.with_page_url(clinician) for clinician in authors]

    @cached_property
    def reviewer(self):
        """The medical reviewer, with the `page_url` of their clinician page; or None."""
        reviewer = self.medical_reviewer
        return self.with_page_url(reviewer) if reviewer is not None else None

    def with_page_url(self, clinician):
        """The clinician with the address of their page: none for a clinician whose record
        has not been through review yet (their page is not live)."""
        index = self.clinician_index
        linked = index is not None and clinician.live
        clinician.page_url = index.clinician_url(clinician) if linked else ""
        return clinician

    @cached_property
    def topic_list(self):
        """The article's published topics, fetched once however often a page shows them."""
        return [topic for topic in self.topics.all() if topic.live]

    @cached_property
    def review_interval_months(self):
        site = self.get_site()
        return ClinicSettings.for_site(site).review_interval_months if site else 12

    @property
    def review_due_date(self):
        """The reviewer's date, else the clinic's review interval after the last review."""
        if self.next_review_due:
            return self.next_review_due
        if self.last_reviewed:
            return months_after(self.last_reviewed, self.review_interval_months)
        return None

    @property
    def review_is_overdue(self):
        due = self.review_due_date
        return due is not None and due < timezone.localdate()

    @property
    def last_updated(self):
        """The day readers last saw a change: the last publication, else the publication
        date."""
        if self.last_published_at:
            return timezone.localdate(self.last_published_at)
        return self.publication_date

    @property
    def reader_last_updated(self):
        """The "Last updated" date readers see, or None. Only the day of the last medical
        review: the live text is always the reviewed text, so another date beside the review
        date would read as unreviewed changes. Never the publication date again."""
        updated = self.last_updated
        if updated != self.last_reviewed or updated <= self.publication_date:
            return None
        return updated

    @property
    def has_changes_since_review(self):
        """A draft newer than the live, reviewed version exists: what editors see in the
        editor is not what readers see."""
        return self.live and self.has_unpublished_changes

    def quotes(self, clinician):
        """The body quotes this clinician (by name, in a quote's attribution)."""
        return any(
            block.block_type == "quote"
            and clinician.name.lower() in block.value["attribution"].lower()
            for block in self.body
        )

    @property
    def lead(self):
        """The summary shown under the title, unless the body opens with it: a summary that
        equals or begins the first paragraph (as an importer derives it) is shown once."""
        if not self.summary:
            return ""
        opening = next((block for block in self.body if block.block_type == "paragraph"), None)
        if opening is None or self.body[0] is not opening:
            return self.summary
        summary = " ".join(self.summary.split()).removesuffix("…")
        first_paragraph = " ".join(html.unescape(strip_tags(opening.value.source)).split())
        return "" if first_paragraph.startswith(summary) else self.summary

    @property
    def ends_with_contact_call_to_action(self):
        """The editor closed the article with a call to action of their own that leads to the
        contact form: the template's "Contact us today!" box would only repeat it. (One that
        leads elsewhere, such as "Meet our team", keeps the box after it.)"""
        if not self.body or self.body[-1].block_type != "call_to_action":
            return False
        target = self.body[-1].value["page"]
        return target is not None and issubclass(target.specific_class, ContactPage)

    def table_of_contents(self):
        """(anchor, text) of each section heading (h2, FAQ titles included), in order, and
        of the sources at the end."""
        sections = [
            (heading.anchor, heading.text)
            for heading in body_headings(self.body)
            if heading.level == "h2"
        ]
        return [*sections, ("references-heading", gettext("Sources"))] if self.sources else sections

    def faq_items(self):
        faqs = [block.value for block in self.body if block.block_type == "faq"]
        return [item for faq in faqs for item in faq["items"]]


def medical_page_models():
    """Every concrete kind of page reviewed like an article (articles, treatments), found
    among the installed models so that this app names none of the apps built on it."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, MedicalPage) and not model._meta.abstract
    ]


class ArticlePage(MedicalPage):
    """An educational article, filed under topics, listed at /articles/."""

    topics = ParentalManyToManyField(
        Topic,
        related_name="articles",
        blank=True,
        help_text="The subjects it is filed under; related articles share a topic.",
    )
    content_panels = [
        *Page.content_panels,
        *MedicalPage.shared_text_panels,
        MedicalPage.review_panel,
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Publication",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    translatable_fields = [
        *MedicalPage.shared_translatable_fields,
        SynchronizedField("publication_date"),
        SynchronizedField("authorships"),
        SynchronizedField("show_in_menus"),
    ]

    meta_description_fallback = "summary"
    open_graph_type = "article"
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    template = "articles/article_page.html"

    objects = ArticlePageManager()

    class Meta:
        permissions = [
            ("change_review_due_date", "Can change when an article's next medical review is due")
        ]

    @cached_property
    def index_page(self):
        # With its locale: the clinicians' addresses are in its language (clinician_url).
        return ArticleIndexPage.objects.parent_of(self).select_related("locale").first()

    @property
    def enquiry_topic(self):
        """The contact form's topic for readers of this article (ENQUIRY_TOPIC_FOR_TOPIC)."""
        topics = [ENQUIRY_TOPIC_FOR_TOPIC.get(topic.slug) for topic in self.topic_list]
        return next((topic for topic in topics if topic), "")

    @property
    def clinician_index(self):
        return self.index_page

    def related_articles(self, limit=3):
        """Up to `limit` other live articles sharing a topic, newest first."""
        topic_ids = [topic.pk for topic in self.topic_list]
        if not topic_ids:
            return []
        return list(
            ArticlePage.objects.listing()
            .filter(topics__in=topic_ids, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .distinct()[:limit]
        )


class MedicalReviewTaskState(TaskState):
    """The state of one Medical review: its own kind so that the notice of a submission is
    ours (articles.review_notices), which leaves out the people whose work it is."""

    class Meta:
        verbose_name = "Medical review task state"


class MedicalReviewTask(GroupApprovalTask):
    """A group approval that only a clinician with no part in the work may approve, and that
    records the approval (articles.review.ReviewApproval) of the version being published: for
    an article, reviewed today by the approver's Clinician, next due after the clinic's review
    interval. Other members of the groups may still request changes."""

    task_state_class = MedicalReviewTaskState

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return actions
        # One "Approve", which opens a confirmation saying what approving does (with room
        # for a comment), in place of Wagtail's one-click "Approve" and "Approve with comment".
        others = [action for action in actions if action[0] != "approve"]
        if approval_refusal(obj, user) is not None:
            return others
        return [*others, ("approve", "Approve", True)]

    def get_template_for_action(self, action):
        if action == "approve":
            return "articles/admin/approve_medical_review.html"
        return super().get_template_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        obj = task_state.workflow_state.content_object
        refusal = approval_refusal(obj, user)
        if refusal is not None:
            raise PermissionDenied(refusal)
        approval = record_medical_review(task_state, user)
        super().on_action(task_state, user, action_name, **kwargs)
        # Where the workflow's modal sends the reviewer next: the edit page, which says what
        # happened (articles.wagtail_hooks.say_what_the_approval_did).
        edit_url = AdminURLFinder(user).get_edit_url(obj)
        if approval is None or not edit_url:
            return None
        return f"{edit_url}?{urlencode({APPROVED_PARAMETER: approval.pk})}"

    @classmethod
    def get_description(cls):
        return (
            "Clinicians in the chosen groups approve the article; approving records them as "
            "its medical reviewer, dated today."
        )

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"


class ReviewApproval(models.Model):
    """A clinician's approval of one revision of reviewed content: the only thing that lets
    that revision go live (articles.review). Written when they approve its Medical review."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="medical_approval"
    )
    clinician = models.ForeignKey(
        Clinician, null=True, on_delete=models.SET_NULL, related_name="approvals"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "medical review approval"

    def __str__(self):
        return f"{self.revision} approved by {self.clinician} on {self.reviewed_on}"


NOT_A_CLINICIAN = (
    "Only a clinician can approve a medical review: approving records the reviewer's name on "
    "the article, and your account is not linked to a clinician. An administrator can link "
    "it under Settings › Clinicians' accounts. You can still request changes."
)
OWN_ARTICLE = "You wrote this article: a second clinician approves its medical review."
OWN_RECORD = "This is your own record: another clinician approves changes to it."
QUOTED_IN_ARTICLE = (
    "The article quotes you: a clinician it does not quote approves its medical review."
)


def clinician_of(user):
    """The Clinician an administrator linked to this account, or None."""
    account = getattr(user, "clinician_account", None)
    return account.clinician if account is not None else None


def approval_refusal(obj, user):
    """Why this user may not approve this object's medical review, or None if they may: the
    version submitted and the version to be published (a reviewer may have edited it) alike."""
    obj = obj.specific if isinstance(obj, Page) else obj
    clinician = clinician_of(user)
    if clinician is None:
        return NOT_A_CLINICIAN
    if not hasattr(obj, "review_conflict"):
        return None
    versions = [obj.get_latest_revision_as_object()]
    task_state = getattr(obj, "current_workflow_task_state", None)
    if task_state is not None and task_state.revision is not None:
        versions.append(task_state.revision.as_object())
    for version in versions:
        conflict = version.review_conflict(clinician)
        if conflict is not None:
            return conflict
    return None


def record_medical_review(task_state, user):
    """Record the approval on the revision the workflow will publish: the reviewer, today,
    and when the next review is due. Must run before TaskState.approve(): when the workflow
    finishes, approve() publishes the latest revision before any task_approved signal is
    sent."""
    obj = task_state.workflow_state.content_object
    # Wagtail publishes the object's latest revision on finishing (publish_workflow_state),
    # which is the task state's revision unless a reviewer saved a newer draft meanwhile.
    revision = obj.get_latest_revision() or task_state.revision
    if revision is None:
        return None
    approval = record_approval(revision, clinician_of(user), user=user)
    revision.refresh_from_db()
    article = revision.as_object()
    if not isinstance(article, MedicalPage):
        return approval
    today = timezone.localdate()
    content = revision.content
    submitted = task_state.revision.as_object() if task_state.revision else article
    content["next_review_due"] = next_review_due(article, submitted, today).isoformat()
    revision.save(update_fields=["content"])
    return approval


def next_review_due(article, submitted, today):
    """The date the reviewer chose during this review (it differs from the one the article was
    submitted with), if it is still to come; otherwise the clinic's review interval from
    today."""
    chosen = article.next_review_due
    if chosen and chosen > today and chosen != submitted.next_review_due:
        return chosen
    return months_after(today, article.review_interval_months)


def months_after(day, months):
    """The same day `months` later, or the month's last day when it is shorter (Jan 31 + 1
    month is Feb 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def unique_slug(base, queryset):
    """`base`, or `base-2`, `base-3`… whichever no row of `queryset` has yet."""
    slug, number = base, 2
    while queryset.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def reading_minutes(body):
    """Minutes to read a StreamField body at an unhurried pace; at least one."""
    words = len(strip_tags(" ".join(block_text(block) for block in body)).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def block_text(block):
    return " ".join(str(text) for text in block.block.get_searchable_content(block.value))
