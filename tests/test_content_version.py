"""The content version (caching/content_version.py): what moves it, what does not, and that it
never goes back. Every cached page, route, setting and fragment is keyed by it."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page

from articles.models import ArticlePage, Clinician, Topic
from articles.review import publish_reviewed
from caching import content_version
from caching.content_version import ContentVersion
from clinic.models import StandardPage

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): a counter row moved
# with Greatest() and F() in the change's transaction.
pytestmark = pytest.mark.backend_specific

SAMPLES = Path(__file__).parent / "articles" / "samples"


def version():
    return content_version.read_from_database()


@pytest.fixture
def before(demo_site):
    return version()


def test_publishing_moves_the_version(before):
    about = StandardPage.objects.get(slug="about")
    about.save_revision().publish()

    assert version() > before


def test_saving_a_draft_leaves_the_version(before):
    about = StandardPage.objects.get(slug="about")
    about.intro = "Not yet published."
    about.save_revision()

    assert version() == before


@pytest.mark.parametrize("model", [Topic, Clinician])
def test_editing_or_deleting_a_snippet_that_pages_show_moves_the_version(before, model):
    snippet = model.objects.first()
    snippet.save()
    edited = version()
    snippet.delete()

    assert before < edited < version()


def test_editing_an_image_moves_the_version(demo_site, image):
    before = version()
    image.title = "A better title"
    image.save()

    assert version() > before


def test_wagtail_filling_in_an_images_file_size_leaves_the_version(demo_site, image):
    before = version()
    Image.objects.get(pk=image.pk).save(update_fields=["file_size"])

    assert version() == before


def test_an_imported_article_moves_the_version_when_its_review_publishes_it(before):
    call_command(
        "import_articles", str(SAMPLES / "easing-everyday-back-pain.txt"), submit=True,
        stdout=StringIO(),
    )  # fmt: skip
    assert version() == before  # submitted to Medical review, not live
    article = ArticlePage.objects.get(slug="easing-everyday-back-pain")
    marcus = get_user_model().objects.get(username="marcus.ellery")

    article.current_workflow_task.on_action(article.current_workflow_task_state, marcus, "approve")

    assert version() > before


def test_publish_scheduled_going_live_moves_the_version(before):
    article = ArticlePage.objects.live().first()
    article.title = "Went live on schedule"
    article.go_live_at = timezone.now() + timedelta(minutes=5)
    # Approved by its reviewer, so scheduled: the live page is unchanged for now.
    revision = publish_reviewed(article, article.medical_reviewer, article.last_reviewed)
    assert version() == before
    # Five minutes later:
    revision.refresh_from_db()
    revision.content["go_live_at"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)
    revision.save()

    call_command("publish_scheduled", stdout=StringIO())

    assert version() > before
    assert ArticlePage.objects.get(pk=article.pk).title == "Went live on schedule"


def test_publish_scheduled_expiry_moves_the_version(before):
    article = ArticlePage.objects.live().first()
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(1))

    call_command("publish_scheduled", stdout=StringIO())

    assert version() > before
    assert not Page.objects.get(pk=article.pk).live


def test_migrate_moves_the_version(before):
    # For data migrations, which change content without signals.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert version() > before


def test_the_version_never_goes_back_when_its_row_is_lost(before):
    ContentVersion.objects.all().delete()  # e.g. a flushed database

    assert version() > before


def test_the_version_starts_from_the_clock(db):
    ContentVersion.objects.all().delete()

    assert version() >= content_version.clock_millis() - 1000


def test_a_request_uses_one_version_throughout(rf, before):
    request = rf.get("/")
    first = content_version.current(request)
    content_version.bump()

    assert content_version.current(request) == first
    assert content_version.current(rf.get("/")) > first


@pytest.mark.django_db(transaction=True)
class TestTheProcessCopy:
    """Each process reuses the version it read for CONTENT_VERSION_MAX_AGE seconds; a
    change it makes itself shows at once."""

    @pytest.fixture(autouse=True)
    def fresh_copy(self, settings):
        settings.CONTENT_VERSION_MAX_AGE = 60
        content_version._copy.forget()
        yield
        content_version._copy.forget()

    def reads(self):
        with CaptureQueriesContext(connection) as queries:
            value = content_version.current()
        return value, len(queries)

    def test_a_version_read_is_reused(self):
        first, first_reads = self.reads()
        again, again_reads = self.reads()

        assert (first_reads, again_reads) == (1, 0)
        assert again == first

    def test_it_is_read_again_once_it_is_too_old(self, settings, monkeypatch):
        self.reads()
        later = content_version.time.monotonic() + settings.CONTENT_VERSION_MAX_AGE + 1
        monkeypatch.setattr(content_version.time, "monotonic", lambda: later)

        assert self.reads()[1] == 1

    def test_a_change_made_by_this_process_shows_at_once(self):
        before, _ = self.reads()
        content_version.bump()

        assert self.reads()[0] > before

    def test_a_change_made_by_another_process_shows_within_the_max_age(self, settings):
        before, _ = self.reads()
        # Another process's change: the row moves without this process knowing.
        ContentVersion.objects.update(value=before + 10)

        assert self.reads()[0] == before
        content_version._copy._local.expires = 0  # CONTENT_VERSION_MAX_AGE later
        assert self.reads()[0] == before + 10

    def test_a_version_read_inside_a_transaction_is_not_used_after_it(self):
        with transaction.atomic():
            self.reads()
            content_version.bump()
            inside, _ = self.reads()
            transaction.set_rollback(True)

        after, after_reads = self.reads()
        assert after_reads == 1
        assert after < inside


def test_what_wagtail_keeps_in_a_process_cache_is_retired_with_the_version(db, settings):
    # Without Redis the "default" cache is each process's own (e.g. Wagtail's site root
    # paths): another process's change must reach it too.
    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache":
        pytest.skip("the default cache is shared (Redis)")
    cache = caches["default"]
    cache.set("wagtail-entry", "before")
    ContentVersion.objects.update(value=F("value") + 1)  # another process's change
    content_version._copy.forget()  # CONTENT_VERSION_MAX_AGE later

    assert cache.get("wagtail-entry") is None
