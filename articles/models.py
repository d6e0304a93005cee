"""Educational articles: the index at /articles/, article pages, and the clinicians and topics
they are written, reviewed and filed under."""

import html
import math
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from articles.blocks import ArticleStreamBlock, body_headings
from clinic import content_version
from clinic.models import MetaDescriptionMixin
from intake.models import ContactPage

WORDS_PER_MINUTE = 200


class Topic(index.Indexed, models.Model):
    """A subject articles are filed under, e.g. "Chronic pain"; editors manage the list."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in /articles/?topic=…")
    description = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Clinician(index.Indexed, models.Model):
    """A member of the clinical team who writes or medically reviews articles."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=80, blank=True, help_text='Post-nominal letters, e.g. "MD" or "PMHNP-BC".'
    )
    role = models.CharField(max_length=120, blank=True, help_text='e.g. "Pain physician".')
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(max_length=600, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
        help_text=(
            "The clinician's admin account, so approving a medical review records them as "
            "the reviewer."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """ "Dana Whitlock, MD": how health sites name a clinician in a byline."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ArticleIndexPage(MetaDescriptionMixin, RoutablePageMixin, Page):
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
        return Topic.objects.filter(articles__in=self.articles()).distinct()

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
        topics = {topic.slug: topic for topic in Topic.objects.all()}
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


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleAuthor(Orderable):
    """One author of an article, in byline order."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="authorships")
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("clinician")]


class ArticlePage(MetaDescriptionMixin, Page):
    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text="One or two sentences for listings, search results and search engines.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    body = StreamField(ArticleStreamBlock(), use_json_field=True)
    topics = ParentalManyToManyField(Topic, related_name="articles", blank=True)
    medical_reviewer = models.ForeignKey(
        Clinician,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Today where the clinic is (TIME_ZONE), which a server on UTC would otherwise get wrong.
    publication_date = models.DateField(default=timezone.localdate)
    last_reviewed = models.DateField("last medically reviewed", null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="Left empty: the review interval after the last review."
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("authorships", label="Author", min_num=1),
                FieldPanel("medical_reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
            ],
            heading="Authors and medical review",
        ),
        MultiFieldPanel(
            [FieldPanel("publication_date"), FieldPanel("topics")], heading="Publication"
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    meta_description_fallback = "summary"
    open_graph_type = "article"
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    template = "articles/article_page.html"

    objects = ArticlePageManager()

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
        super().save(*args, **kwargs)

    @property
    def social_image(self):
        return self.hero_image

    @cached_property
    def authors(self):
        return [authorship.clinician for authorship in self.authorships.select_related("clinician")]

    @cached_property
    def topic_list(self):
        """The article's topics, fetched once however often a page shows them."""
        return list(self.topics.all())

    @property
    def review_due_date(self):
        if self.next_review_due:
            return self.next_review_due
        if self.last_reviewed:
            return self.last_reviewed + timedelta(days=settings.ARTICLES_REVIEW_INTERVAL_DAYS)
        return None

    @property
    def review_is_overdue(self):
        due = self.review_due_date
        return due is not None and due < timezone.localdate()

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
        """(anchor, text) of each section heading (h2, FAQ titles included), in order."""
        return [
            (heading.anchor, heading.text)
            for heading in body_headings(self.body)
            if heading.level == "h2"
        ]

    def faq_items(self):
        faqs = [block.value for block in self.body if block.block_type == "faq"]
        return [item for faq in faqs for item in faq["items"]]

    def related_articles(self, limit=3):
        """Up to `limit` other live articles sharing a topic, newest first."""
        topic_ids = [topic.pk for topic in self.topic_list]
        if not topic_ids:
            return []
        return list(
            ArticlePage.objects.listing()
            .filter(topics__in=topic_ids)
            .exclude(pk=self.pk)
            .distinct()[:limit]
        )


class MedicalReviewTask(GroupApprovalTask):
    """A group approval that, when approved, records the review on the article being published:
    reviewed today, by the approver's Clinician if their account is linked to one."""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            record_medical_review(task_state, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve the article; approving records them as its "
            "medical reviewer, dated today."
        )

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"


def record_medical_review(task_state, user):
    """Write today's review, and the approver's Clinician if any, onto the revision the workflow
    will publish. Must run before TaskState.approve(): when the workflow finishes, approve()
    publishes the latest revision before any task_approved signal is sent."""
    obj = task_state.workflow_state.content_object
    # Wagtail publishes the object's latest revision on finishing (publish_workflow_state),
    # which is the task state's revision unless a reviewer saved a newer draft meanwhile.
    revision = obj.get_latest_revision() or task_state.revision
    if revision is None:
        return
    article = revision.as_object()
    if not isinstance(article, ArticlePage):
        return
    today = timezone.localdate()
    content = revision.content
    content["last_reviewed"] = today.isoformat()
    clinician = getattr(user, "clinician", None) if user is not None else None
    if clinician is not None:
        content["medical_reviewer"] = clinician.pk
    if article.next_review_due and article.next_review_due <= today:
        # That review is the one just done; the interval now runs from today.
        content["next_review_due"] = None
    revision.save(update_fields=["content"])


def reading_minutes(body):
    """Minutes to read a StreamField body at an unhurried pace; at least one."""
    words = len(strip_tags(" ".join(block_text(block) for block in body)).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def block_text(block):
    return " ".join(str(text) for text in block.block.get_searchable_content(block.value))
