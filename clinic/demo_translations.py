"""The demo's Spanish pages, made the way an editor makes them: through wagtail-localize, which
keeps each translation linked to its English page, so the admin shows what is untranslated or
out of date after the English page changes.

The Spanish text lives in demo_assets/translations/es/<page>.po (English segment → Spanish),
matched by the English text itself, not by position, so it survives the English page's block
ids being new on every build. A link's address is an entry of its own (the English address →
the Spanish one, e.g. MedlinePlus en español; or a link to a section of the same page, "#" and
the English heading's anchor → "#" and the Spanish heading's), given to wagtail-localize as an
override of that link, as an editor does in its translation editor. Run after every app's demo
(setup_demo). Translations that exist are left as editors left them.
"""

import json
from pathlib import Path

import polib
from wagtail.models import Locale
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from clinic.demo import app_demo_modules
from clinic.translations import guard_like_original

SPANISH = "es"
# The entries of a page's .po file that are link addresses: another site's page, or a section of
# the page itself, whose anchor comes from its heading and so is in Spanish on the Spanish page.
LINK_ADDRESS_STARTS = ("https://", "#")
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_assets" / "translations" / SPANISH
# The English pages given a Spanish version, parents before children, by their path below
# the home page ("" is the home page itself). Pages an article links to (About, through its
# call to action) come before the articles, so the Spanish link leads to the Spanish page.
TRANSLATED_PAGES = [
    "",
    "about",
    "editorial-policy",
    "articles",
    "articles/sleep-pain-and-mood",
    "articles/treatments-for-long-lasting-pain",
    "articles/low-mood-or-worry-when-to-ask-for-help",
    "articles/pacing-a-steadier-way-to-live-with-chronic-pain",
    "articles/keeping-a-pain-and-mood-diary",
    "articles/can-mental-health-issues-cause-back-pain",
    "treatments",
    "treatments/ketamine-treatment",
    "contact",
    "privacy-policy",
]


def build(home):
    locale, _ = Locale.objects.get_or_create(language_code=SPANISH)
    for path in TRANSLATED_PAGES:
        page = page_at(home, path)
        if page is not None:
            translate_page(page, locale)
    # An app whose pages go live only through review records their Spanish reviews itself
    # (`<app>.demo.review_translations(home, locale)`).
    for module in app_demo_modules():
        if hasattr(module, "review_translations"):
            module.review_translations(home, locale)
    ensure_spanish_articles_guarded_like_english(home, locale)


def page_at(home, path):
    page = home
    for slug in filter(None, path.split("/")):
        page = page.get_children().filter(slug=slug).first()
        if page is None:
            return None
    return page.specific


def po_file_for(page):
    return TRANSLATIONS_DIR / f"{page.slug}.po"


def translate_page(page, locale):
    """The page's Spanish version through wagtail-localize, published; once only."""
    if page.get_translations().filter(locale=locale).exists():
        return
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    path = po_file_for(page)
    if path.exists():
        po = polib.pofile(str(path))
        add_string_translations(translation, po)
        add_link_overrides(translation, po)
    # Published here rather than by save_target(publish=True), which defers publishing to the
    # end of setup_demo's transaction: by then the parent pages' revisions are stale and
    # publishing them would write back a child count of 0, hiding their new children.
    translation.save_target(publish=False)
    translated = page.get_translation(locale).specific
    if not getattr(translated, "goes_live_through_review", False):
        translated.get_latest_revision().publish()
    # A reviewed page (an article) goes live when its own review is recorded
    # (its app's demo.review_translations).


def add_string_translations(translation, po):
    """Each of the source's strings that the file translates, as a manual translation."""
    spanish = {entry.msgid: entry.msgstr for entry in po if entry.msgstr and not entry.obsolete}
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments:
        text = spanish.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )


def add_link_overrides(translation, po):
    """Each link or source address of the page that the file gives a Spanish address for."""
    spanish = {
        entry.msgid: entry.msgstr
        for entry in po
        if entry.msgstr and not entry.obsolete and entry.msgid.startswith(LINK_ADDRESS_STARTS)
    }
    for segment in OverridableSegment.objects.filter(source=translation.source):
        address = spanish.get(segment.data) if isinstance(segment.data, str) else None
        if address is not None:
            SegmentOverride.objects.update_or_create(
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data_json": json.dumps(address)},
            )


def ensure_spanish_articles_guarded_like_english(home, locale):
    """The Spanish articles and treatments indexes are guarded as the English ones are: by
    their workflow (Medical review), and with the same rights for each group (reviewers publish
    there too)."""
    for path in ("articles", "treatments"):
        english_index = page_at(home, path)
        if english_index is None:
            continue
        spanish_index = english_index.get_translations().filter(locale=locale).first()
        if spanish_index is None:
            continue
        # Translating the index does this (clinic.translations); a demo made before did not.
        guard_like_original(english_index, spanish_index)
