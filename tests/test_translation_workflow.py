"""The Spanish version of a page through wagtail-localize's own admin views, as an editor uses
them: "Translate" makes a Spanish draft under /es/, the translation editor shows what is
untranslated, the Spanish text is saved segment by segment, a medical reviewer's approval
publishes it; after the English page changes, "Sync translated pages" shows the changed part
as untranslated while the live Spanish page keeps its reviewed text. No machine translation."""

import json
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Clinician
from articles.review import publish_reviewed
from clinic import demo_translations
from tests.fixtures.staff import logged_in_client

# Differs by database or cache backend (CI runs it on PostgreSQL + Redis too): wagtail-localize's
# segments and the revisions are JSON (JSONB on PostgreSQL).
pytestmark = pytest.mark.backend_specific

KEPT = "Gentle movement helps most kinds of long-lasting pain."
CHANGED = "Rest for a day or two if a flare-up is severe."
NEW = "Rest for one day at most, then move a little."
SPANISH = {
    "Moving gently with pain": "Moverse con suavidad cuando hay dolor",
    "moving-gently-with-pain": "moverse-con-suavidad",
    KEPT: "El movimiento suave ayuda con casi todo dolor que dura mucho.",
    CHANGED: "Descanse uno o dos días si el dolor empeora mucho.",
}


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def spanish_with_index(demo_site):
    """Spanish, with the home and article index translated as the demo does (the index under
    Medical review), so a new Spanish article lands where it would on the real site."""
    locale = Locale.objects.create(language_code="es")
    demo_translations.translate_page(demo_site, locale)
    demo_translations.translate_page(ArticleIndexPage.objects.child_of(demo_site).get(), locale)
    demo_translations.ensure_spanish_articles_guarded_like_english(demo_site, locale)
    return locale


@pytest.fixture
def demo_reviewer_client(demo_site):
    """The demo's account of Marcus Ellery, a medical reviewer who did not write the article."""
    return logged_in_client(get_user_model().objects.get(username="marcus.ellery"))


@pytest.fixture
def english(demo_site):
    pryce = Clinician.objects.get(name="Rowan Pryce")
    page = ArticlePage(
        title="Moving gently with pain",
        body=[("paragraph", f"<p>{KEPT}</p>"), ("paragraph", f"<p>{CHANGED}</p>")],
        authorships=[ArticleAuthor(clinician=Clinician.objects.get(name="Imogen Farrow"))],
        medical_reviewer=pryce,
        last_reviewed=timezone.localdate(),
        live=False,
    )
    ArticleIndexPage.objects.child_of(demo_site).get().add_child(instance=page)
    publish_reviewed(page, pryce, reviewed_on=page.last_reviewed)
    return ArticlePage.objects.get(pk=page.pk)


def translate(client, page, locale, capture):
    """The editor's "Translate this page" into `locale`, committed as in production."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    with capture(execute=True):
        response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302
    return page.get_translation(locale).specific


def editor_props(client, page):
    """What the translation editor (the Spanish page's edit view) shows."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.templates[0].name == "wagtail_localize/admin/edit_translation.html"
    return json.loads(response.context["props"])


def translations_shown(props):
    """The Spanish text the editor shows for each English segment; untranslated ones absent."""
    spanish = {item["segment_id"]: item["data"] for item in props["initialStringTranslations"]}
    return {s["source"]: spanish[s["id"]] for s in props["segments"] if s["id"] in spanish}


def type_translations(client, props, spanish=SPANISH):
    """The editor types each segment's Spanish text, saved through the editor's own API."""
    for segment in props["segments"]:
        response = client.put(
            segment["editUrl"],
            urlencode({"value": spanish[segment["source"]]}),
            content_type="application/x-www-form-urlencoded; charset=utf-8",
        )
        assert response.status_code in (200, 201)


def approve(client, page, capture):
    """A medical reviewer approves the page's Medical review (committed, as in production)."""
    task_state = page.current_workflow_task_state
    with capture(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
            {"comment": ""},
        )


@pytest.fixture
def published_spanish(spanish_with_index, english, editor_client, demo_reviewer_client, capture):
    """The Spanish article translated by the editor, submitted to Medical review from the
    translation editor, and approved (so published) by a medical reviewer."""
    page = translate(editor_client, english, spanish_with_index, capture)
    type_translations(editor_client, editor_props(editor_client, page))
    editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-submit": "1"})
    approve(demo_reviewer_client, ArticlePage.objects.get(pk=page.pk), capture)
    page.refresh_from_db()
    assert page.live and page.title == SPANISH["Moving gently with pain"]
    return page


def change_english_paragraph(page, text):
    """The English article's second paragraph edited (same block) and published as its
    reviewer approved it."""
    page = ArticlePage.objects.get(pk=page.pk)
    page.body = [
        dict(block, value=f"<p>{text}</p>") if i else block
        for i, block in enumerate(page.body.raw_data)
    ]
    page.last_reviewed = timezone.localdate()
    publish_reviewed(page, page.medical_reviewer, reviewed_on=page.last_reviewed)


def sync(client, page, capture, **form):
    source = TranslationSource.objects.get_for_instance(page)
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), form
        )
    assert response.status_code == 302


def test_translating_an_article_makes_a_spanish_draft_under_es(
    client, spanish_with_index, english, editor_client, capture
):
    page = translate(editor_client, english, spanish_with_index, capture)

    assert page.locale == spanish_with_index and page.url.startswith("/es/")
    assert not page.live
    assert client.get(page.url).status_code == 404


def test_the_translation_editor_shows_what_is_untranslated_until_the_editor_types_it(
    spanish_with_index, english, editor_client, capture
):
    page = translate(editor_client, english, spanish_with_index, capture)
    props = editor_props(editor_client, page)
    assert {segment["source"] for segment in props["segments"]} == set(SPANISH)
    assert translations_shown(props) == {}

    type_translations(editor_client, props)

    assert translations_shown(editor_props(editor_client, page)) == SPANISH


def test_an_editor_sends_the_spanish_version_to_medical_review_and_a_reviewer_publishes_it(
    client, spanish_with_index, english, editor_client, demo_reviewer_client, capture
):
    page = translate(editor_client, english, spanish_with_index, capture)
    props = editor_props(editor_client, page)
    type_translations(editor_client, props)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not props["perms"]["canPublish"]  # editors never publish by themselves
    editor_page = editor_client.get(edit_url).content.decode()
    assert 'name="action-submit"' in editor_page and "Submit to Medical review" in editor_page

    editor_client.post(edit_url, {"action-submit": "action"})
    page.refresh_from_db()
    assert page.workflow_in_progress and page.current_workflow_task.name == "Medical review"
    task_state = page.current_workflow_task_state
    with capture(execute=True):
        demo_reviewer_client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
            {"comment": ""},
        )

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.medical_reviewer.name == "Marcus Ellery"
    assert SPANISH[CHANGED] in client.get(page.url).content.decode()


def test_a_translation_with_untranslated_parts_is_not_submitted_to_review(
    spanish_with_index, english, editor_client, capture
):
    page = translate(editor_client, english, spanish_with_index, capture)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    response = editor_client.post(edit_url, {"action-submit": "action"}, follow=True)

    page.refresh_from_db()
    assert not page.workflow_in_progress and not page.live
    assert "4 part(s) of" in response.content.decode()
    assert "are not translated yet" in response.content.decode()


def test_after_the_english_changes_sync_shows_the_changed_part_untranslated(
    client, english, published_spanish, editor_client, capture
):
    change_english_paragraph(english, NEW)

    sync(editor_client, english, capture)

    props = editor_props(editor_client, published_spanish)
    shown = translations_shown(props)
    assert NEW in {segment["source"] for segment in props["segments"]} and NEW not in shown
    assert shown[KEPT] == SPANISH[KEPT]
    html = client.get(published_spanish.url).content.decode()
    assert NEW not in html
    assert SPANISH[CHANGED] in html


def test_a_live_translation_stays_as_reviewed_until_its_new_version_is_approved(
    client, english, published_spanish, editor_client, demo_reviewer_client, capture
):
    change_english_paragraph(english, NEW)
    sync(editor_client, english, capture)
    type_translations(
        editor_client,
        editor_props(editor_client, published_spanish),
        {**SPANISH, NEW: "Descanse un día como mucho y luego muévase un poco."},
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[published_spanish.pk])

    editor_client.post(edit_url, {"action-submit": "action"})

    page = ArticlePage.objects.get(pk=published_spanish.pk)
    assert page.workflow_in_progress
    html = client.get(page.url).content.decode()
    assert SPANISH[CHANGED] in html and "Descanse un día como mucho" not in html
    with capture(execute=True):
        demo_reviewer_client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "approve", page.current_workflow_task_state.pk),
            ),
            {"comment": ""},
        )
    assert "Descanse un día como mucho" in client.get(page.url).content.decode()


def test_an_editor_cannot_publish_untranslated_text_by_syncing(
    client, english, published_spanish, editor_client, capture
):
    change_english_paragraph(english, NEW)

    sync(editor_client, english, capture, publish_translations="on")

    html = client.get(published_spanish.url).content.decode()
    assert NEW not in html
    assert SPANISH[CHANGED] in html


def test_an_editor_cannot_put_the_english_text_live_by_converting_to_an_alias(
    client, published_spanish, editor_client, capture
):
    url = reverse("wagtail_localize:convert_to_alias", args=[published_spanish.pk])

    with capture(execute=True):
        editor_client.post(url)

    page = ArticlePage.objects.get(pk=published_spanish.pk)
    assert page.alias_of_id is None
    assert SPANISH[CHANGED] in client.get(page.url).content.decode()


def test_no_machine_translation_is_offered(spanish_with_index, english, editor_client, capture):
    page = translate(editor_client, english, spanish_with_index, capture)
    source = TranslationSource.objects.get_for_instance(english)
    sync_form = editor_client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))

    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
    assert get_machine_translator() is None
    assert editor_props(editor_client, page)["machineTranslator"] is None
    assert "use_machine_translation" not in sync_form.context["form"].fields
    translation = source.translations.get(target_locale=spanish_with_index)
    machine = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert editor_client.post(machine).status_code == 404


def test_a_translated_articles_index_is_guarded_like_the_english_one(demo_site):
    # Not through the demo's own set-up: as a clinic translating its index in the admin.
    locale = Locale.objects.create(language_code="es")
    english_index = ArticleIndexPage.objects.child_of(demo_site).get()

    spanish_index = english_index.copy_for_translation(locale, copy_parents=True)

    assert spanish_index.get_workflow().name == "Medical review"
    rights = {(r.group.name, r.permission.codename) for r in english_index.group_permissions.all()}
    assert rights and rights == {
        (r.group.name, r.permission.codename) for r in spanish_index.group_permissions.all()
    }


# --- Links in translations (issue 19, finding 7) ---------------------------------------------

SOURCE_URL = "https://www.nimh.nih.gov/health/topics/depression"
JAVASCRIPT = "javascript:alert(document.cookie)"


@pytest.fixture
def english_with_source(english):
    """The English article citing a source with a link, as its reviewer approved it."""
    page = ArticlePage.objects.get(pk=english.pk)
    page.sources = [
        {"type": "source", "value": {"title": "Depression", "publisher": "NIMH", "url": SOURCE_URL}}
    ]
    publish_reviewed(page, page.medical_reviewer, reviewed_on=page.last_reviewed)
    return ArticlePage.objects.get(pk=english.pk)


def type_texts(client, props):
    spanish = {**SPANISH, "Depression": "Depresión", "NIMH": "NIMH"}
    texts = [segment for segment in props["segments"] if segment["type"] == "string"]
    type_translations(client, {"segments": texts}, spanish)


def source_link_segment(props):
    return next(
        segment
        for segment in props["segments"]
        if segment["type"] == "synchronised_value" and segment["value"] == SOURCE_URL
    )


def override(client, segment, value):
    return client.put(
        segment["editUrl"],
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )


def test_a_javascript_link_cannot_be_given_to_a_translations_sources(
    client, spanish_with_index, english_with_source, editor_client, demo_reviewer_client, capture
):
    page = translate(editor_client, english_with_source, spanish_with_index, capture)
    props = editor_props(editor_client, page)
    type_texts(editor_client, props)

    refused = override(editor_client, source_link_segment(props), JAVASCRIPT)
    editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-submit": "1"})
    approve(demo_reviewer_client, ArticlePage.objects.get(pk=page.pk), capture)

    assert refused.status_code == 400
    assert "https://" in refused.json()["error"]
    assert not SegmentOverride.objects.exists()
    html = client.get(ArticlePage.objects.get(pk=page.pk).url).content.decode()
    assert f'<a href="{SOURCE_URL}">Depresión</a>' in html
    assert "javascript:" not in html.lower()


def test_a_javascript_link_stored_before_the_check_never_reaches_the_page(
    client, spanish_with_index, english_with_source, editor_client, capture
):
    page = translate(editor_client, english_with_source, spanish_with_index, capture)
    props = editor_props(editor_client, page)
    type_texts(editor_client, props)
    segment = OverridableSegment.objects.get(pk=source_link_segment(props)["id"])
    SegmentOverride.objects.create(
        locale=spanish_with_index, context=segment.context, data_json=json.dumps(JAVASCRIPT)
    )

    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-submit": "1"}, follow=True
    )

    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.workflow_in_progress and not page.live
    assert "was not submitted: Links must start with https://" in response.content.decode()


def test_a_safe_link_override_is_kept(
    spanish_with_index, english_with_source, editor_client, capture
):
    page = translate(editor_client, english_with_source, spanish_with_index, capture)
    props = editor_props(editor_client, page)
    spanish_url = "https://www.nimh.nih.gov/health/publications/espanol"

    response = override(editor_client, source_link_segment(props), spanish_url)

    assert response.status_code in (200, 201)
    assert SegmentOverride.objects.get().data == spanish_url


def test_an_administrator_cannot_publish_a_translated_article_from_the_translation_editor(
    client, spanish_with_index, english, editor_client, admin_client, capture
):
    page = translate(editor_client, english, spanish_with_index, capture)
    type_translations(editor_client, editor_props(editor_client, page))

    with capture(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )

    assert response.status_code in (302, 403)  # refused: Wagtail sends admins to the dashboard
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert client.get(page.url).status_code == 404
