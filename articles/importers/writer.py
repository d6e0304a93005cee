"""Writing parsed articles as `ArticlePage`s under the articles index, one transaction per
file, and the outcome of each file for the import report."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from wagtail.blocks.base import get_error_json_data
from wagtail.models import Page

from articles.importers.files import parse_article_file, read_file
from articles.importers.parsed import ArticleParseError
from articles.models import ArticleIndexPage, ArticlePage, Topic


class ParentPageError(LookupError):
    """The articles index to import under cannot be found."""


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file, for the import report."""

    source: str
    action: Action
    detail: str
    dry_run: bool = False
    notes: tuple[str, ...] = ()

    @property
    def imported(self):
        return self.action is not Action.SKIPPED

    @property
    def label(self):
        if self.dry_run and self.imported:
            return f"would {self.action.removesuffix('d')}"
        return str(self.action)


def resolve_parent(reference=None):
    """The ArticleIndexPage with this id or slug; without one, the site's articles index."""
    if reference is None:
        parent = ArticleIndexPage.objects.order_by("path").first()
        if parent is None:
            raise ParentPageError(
                "There is no articles index page to import into: create one, or pass --parent."
            )
        return parent
    reference = str(reference).strip()
    by_id = Q(pk=int(reference)) if reference.isdigit() else Q(pk__in=[])
    parent = ArticleIndexPage.objects.filter(by_id | Q(slug=reference)).order_by("path").first()
    if parent is not None:
        return parent
    other_page = Page.objects.filter(by_id).first()
    if other_page is not None:
        raise ParentPageError(
            f"Page {reference} ({other_page.specific_class.__name__}) is not an articles index."
        )
    raise ParentPageError(f'No articles index page has the id or slug "{reference}".')


def import_article_file(path, parent, *, submit=False, dry_run=False):
    """Create or update the article in the file at `path` under `parent`; never raises for a
    bad file, so one broken file doesn't stop the others."""
    path = Path(path)
    try:
        article = parse_article_file(path.name, read_file(path))
        check_stream("body", article.blocks)
        check_stream("sources", list(article.sources))
    except ArticleParseError as error:
        return ImportOutcome(str(path), Action.SKIPPED, str(error), dry_run)
    existing = existing_article(parent, article.slug)
    if dry_run:
        return planned_outcome(path, article, existing)
    try:
        with transaction.atomic():
            page, action = write_article(parent, article, existing, submit=submit)
    except ValidationError as error:
        return ImportOutcome(str(path), Action.SKIPPED, "; ".join(error.messages))
    return ImportOutcome(str(path), action, describe_page(page), notes=article.notes)


def check_stream(field_name, blocks):
    """Raise ArticleParseError unless the article's body (or sources) accepts these blocks as
    they are."""
    stream_block = ArticlePage._meta.get_field(field_name).stream_block
    try:
        stream_block.clean(stream_block.to_python(blocks))
    except ValidationError as error:
        subject = "the sources are" if field_name == "sources" else "the body is"
        raise ArticleParseError(f"{subject} not valid: {body_error_text(error, blocks)}") from None


def body_error_text(error, blocks):
    block_errors = getattr(error, "block_errors", {})
    if not block_errors:
        return "; ".join(error.messages)
    return "; ".join(
        f"block {position + 1} ({blocks[position]['type']}): "
        + " ".join(error_messages(get_error_json_data(block_error)))
        for position, block_error in sorted(block_errors.items())
    )


def error_messages(error_data):
    """Every message in Wagtail's nested block-error data, in order."""
    if isinstance(error_data, list):
        return [message for item in error_data for message in error_messages(item)]
    if isinstance(error_data, dict):
        return [message for value in error_data.values() for message in error_messages(value)]
    return [str(error_data)]


def existing_article(parent, slug):
    return ArticlePage.objects.child_of(parent).filter(slug=slug).first()


def planned_outcome(path, article, existing):
    action = Action.UPDATED if existing else Action.CREATED
    new_topics = [name for name in article.topics if find_topic(name) is None]
    notes = list(article.notes)
    if new_topics:
        notes.append("new topics: " + ", ".join(new_topics))
    detail = f'"{article.title}" ({len(article.blocks)} blocks)'
    return ImportOutcome(str(path), action, detail, dry_run=True, notes=tuple(notes))


def write_article(parent, article, existing, *, submit):
    if existing is None:
        page = ArticlePage(live=False)
        fill_page(page, article)
        parent.add_child(instance=page)
        action = Action.CREATED
    else:
        # Start from the latest draft so an editor's unpublished additions (authors, image)
        # survive; the imported fields are replaced.
        page = existing.get_latest_revision_as_object()
        fill_page(page, article)
        action = Action.UPDATED
    page.save_revision()
    page = ArticlePage.objects.get(pk=page.pk)
    if submit:
        submit_for_review(page)
    return page, action


def submit_for_review(page):
    """Start the article's Medical review: an imported article, like any other, goes live
    only when a clinician approves it (articles.review)."""
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, None)


def fill_page(page, article):
    page.title = article.title
    page.draft_title = article.title
    page.slug = article.slug
    page.summary = article.summary
    if not article.summary and not page.search_description:
        page.search_description = article.description
    page.body = article.blocks
    page.sources = list(article.sources)
    if article.date is not None:
        page.publication_date = article.date
    # The review date vouches for reviewed content; imported text has not been reviewed here.
    page.last_reviewed = None
    page.topics.set([find_topic(name) or create_topic(name) for name in article.topics])


def find_topic(name):
    """The topic with this name or slug, in any case; names are what writers put in files."""
    for lookup in (Q(name__iexact=name), Q(slug__iexact=name), Q(slug=slugify(name))):
        topic = Topic.objects.filter(lookup).first()
        if topic is not None:
            return topic
    return None


def create_topic(name):
    """A new topic, as a draft: like every topic, it goes live through Medical review."""
    topic = Topic(name=name, slug=slugify(name), live=False)
    topic.save()
    topic.save_revision()
    return topic


def describe_page(page):
    if page.workflow_in_progress:
        state = f"submitted to {page.current_workflow_state.workflow.name}"
    elif page.live and page.has_unpublished_changes:
        state = "new draft; the live version is unchanged until reviewed and published"
    else:
        state = "published" if page.live else "draft"
    if page.live and page.workflow_in_progress:
        state += "; the live version is unchanged until approved"
    return f'"{page.title}", page {page.pk} ({state})'
