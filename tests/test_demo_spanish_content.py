"""The demo in Spanish as a Spanish-speaking reader meets it: every page there, every sentence
translated (nothing left to wagtail-localize's English fallback), links that stay in Spanish,
Spanish sources where they exist, and the clinical review's Spanish wording (issue #21)."""

import html
import tomllib

import polib
import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings, restore_strings

from articles.blocks import ArticleStreamBlock
from articles.demo import ARTICLES_DIR, DEMO_ASSETS, collapse_whitespace
from articles.models import ArticlePage
from articles.readability import reading_grade
from clinic.demo_translations import TRANSLATED_PAGES, TRANSLATIONS_DIR, page_at

# Pages of the demo that speak to patients; every one of them has a Spanish version.
PATIENT_FACING_SLUGS = {
    "about",
    "editorial-policy",
    "articles",
    "sleep-pain-and-mood",
    "treatments-for-long-lasting-pain",
    "low-mood-or-worry-when-to-ask-for-help",
    "pacing-a-steadier-way-to-live-with-chronic-pain",
    "keeping-a-pain-and-mood-diary",
    "can-mental-health-issues-cause-back-pain",
    "contact",
    "privacy-policy",
}
# Where the publishers the articles cite keep their Spanish pages.
SPANISH_SOURCE_PREFIXES = (
    "https://medlineplus.gov/spanish/",
    "https://www.nimh.nih.gov/health/publications/espanol/",
    "https://988lineadevida.org/",
)


KETAMINE = DEMO_ASSETS / "treatments" / "ketamine-treatment.toml"


def po(slug):
    return polib.pofile(str(TRANSLATIONS_DIR / f"{slug}.po"))


def spanish_for(slug):
    return {entry.msgid: entry.msgstr for entry in po(slug) if entry.msgstr}


def translated_entry(slug, english_start):
    [entry] = [entry for entry in po(slug) if entry.msgid.startswith(english_start)]
    return entry.msgstr


@pytest.fixture
def spanish(bilingual_demo_site):
    return Locale.objects.get(language_code="es")


def spanish_page(home, path, spanish):
    return page_at(home, path).get_translation(spanish).specific


def test_every_patient_facing_demo_page_is_built_in_spanish(bilingual_demo_site, spanish):
    english = Page.objects.descendant_of(bilingual_demo_site).filter(locale__language_code="en")

    assert {page.slug for page in english} >= PATIENT_FACING_SLUGS
    for page in english.filter(slug__in=PATIENT_FACING_SLUGS):
        translation = page.get_translation_or_none(spanish)
        assert translation is not None and translation.live, page.slug


def test_no_sentence_of_a_spanish_page_falls_back_to_english(bilingual_demo_site, spanish):
    # wagtail-localize fills a segment it has no translation for with the English text; every
    # segment of every translated page has its own Spanish text instead.
    for path in TRANSLATED_PAGES:
        page = page_at(bilingual_demo_site, path)
        source = TranslationSource.objects.get_for_instance(page)
        segments = StringSegment.objects.filter(source=source)
        needed = set(segments.values_list("string_id", "context_id"))
        translated = set(
            StringTranslation.objects.filter(
                locale=spanish, translation_of__segments__source=source
            ).values_list("translation_of_id", "context_id")
        )
        missing = [
            segment.string.data
            for segment in segments.select_related("string")
            if (segment.string_id, segment.context_id) not in translated
        ]
        assert needed, page.slug
        assert not missing, (page.slug, sorted(missing)[:3])


def test_spanish_pages_link_spanish_pages_and_the_spanish_988_chat(
    client, bilingual_demo_site, spanish
):
    home = spanish_page(bilingual_demo_site, "", spanish)
    about = spanish_page(bilingual_demo_site, "about", spanish)
    back_pain = spanish_page(
        bilingual_demo_site, "articles/can-mental-health-issues-cause-back-pain", spanish
    )
    low_mood = spanish_page(
        bilingual_demo_site, "articles/low-mood-or-worry-when-to-ask-for-help", spanish
    )

    assert about.url == "/es/sobre-nosotros/"
    assert f'href="{about.url}"' in client.get(home.url).content.decode()  # the menu
    assert f'href="{about.url}"' in client.get(back_pain.url).content.decode()  # the call to action
    html = client.get(low_mood.url).content.decode()
    assert 'href="https://988lineadevida.org/"' in html
    assert 'href="https://988lifeline.org/' not in html


def test_every_spanish_medical_page_is_reviewed_on_or_after_its_english_page(
    bilingual_demo_site, spanish
):
    # A translation is of the reviewed English text, so its own review never comes before it.
    for path in TRANSLATED_PAGES:
        english = page_at(bilingual_demo_site, path)
        if not hasattr(english, "last_reviewed"):
            continue
        translation = english.get_translation(spanish).specific
        assert translation.last_reviewed >= english.last_reviewed, path


def test_spanish_articles_cite_spanish_sources_and_mark_english_ones(bilingual_demo_site, spanish):
    articles = ArticlePage.objects.live().filter(locale=spanish)

    assert articles.count() == len(list(ARTICLES_DIR.glob("*.toml")))
    for article in articles:
        sources = [source.value for source in article.sources]
        in_spanish = [s for s in sources if s["url"].startswith(SPANISH_SOURCE_PREFIXES)]
        assert in_spanish, article.title
        for source in sources:
            if source not in in_spanish:
                assert source["title"].endswith("(en inglés)"), source["title"]


def test_every_key_point_of_an_article_has_its_spanish():
    for path in ARTICLES_DIR.glob("*.toml"):
        spec = tomllib.loads(path.read_text())
        spanish = spanish_for(spec["slug"])
        for point in spec["key_points"]:
            assert spanish.get(point), point


def test_spanish_crisis_boxes_give_the_lines_spanish_options_and_safe_storage():
    for slug in (
        "sleep-pain-and-mood",
        "treatments-for-long-lasting-pain",
        "low-mood-or-worry-when-to-ask-for-help",
        "editorial-policy",
    ):
        [box] = [entry.msgstr for entry in po(slug) if "For Spanish, press 2" in entry.msgid]
        for option in ("oprima el 2", "AYUDA", "veteranos, oprima el 1", "videoteléfono", "TTY"):
            assert option in box, (slug, option)
    for slug in (
        "sleep-pain-and-mood",
        "treatments-for-long-lasting-pain",
        "low-mood-or-worry-when-to-ask-for-help",
    ):
        storage = translated_entry(slug, "Ask someone you trust to keep your medicines")
        assert "guarde sus medicamentos por ahora" in storage, slug
        assert "quédese con" in storage, slug


def test_the_spanish_urgent_replies_set_no_threshold():
    for english_start in (
        "We have received your message and our intake",
        "Thank you for getting in touch. We have received your message, and",
    ):
        text = translated_entry("contact", english_start)
        assert "Si tiene pensamientos de hacerse daño, por favor, no espere" in text
        assert "cree que podría" not in text
    ordinary = translated_entry(
        "contact", "Thank you for getting in touch. We have received your message and someone"
    )
    assert "No revisamos este buzón las 24 horas" in ordinary and "Nadie" not in ordinary


def test_spanish_titles_are_gendered_only_where_the_english_is():
    for path in TRANSLATIONS_DIR.glob("*.po"):
        for entry in polib.pofile(str(path)):
            assert "Dr. Rowan" not in entry.msgstr, path.name  # Rowan Pryce: no gender given
    assert translated_entry("sleep-pain-and-mood", "Dr. Rowan Pryce") == (
        "Rowan Pryce, PsyD, especialista en psicología clínica"
    )
    assert translated_entry("about", "Dr. Imogen Farrow").startswith("Dra. Imogen Farrow")


def test_the_spanish_back_pain_article_keeps_every_tier_and_the_new_heading():
    spanish = spanish_for("can-mental-health-issues-cause-back-pain")

    assert spanish["What makes back pain more likely?"] == (
        "¿Qué hace más probable el dolor de espalda?"
    )
    assert spanish["Call 911 now"] == "Llame al 911 ahora"
    assert spanish["Get seen today"] == "Busque atención hoy mismo"
    assert spanish["See your doctor if…"] == "Consulte a su médico si…"
    assert "4 a 6 semanas" in spanish["your back pain is not better after 4 to 6 weeks"]
    assert spanish["you have a fever, or you feel hot and shivery"].startswith("tiene fiebre")


# --- The ketamine treatment page, before its page type exists: read from its files ---------


def spanish_body(spec, spanish):
    """The page's body with each sentence replaced by its Spanish, as wagtail-localize puts it
    together (a KeyError names an English sentence the .po file does not translate)."""

    def rich_text(markup):
        template, strings = extract_strings(markup)
        return restore_strings(
            template,
            [(StringValue.from_translated_html(spanish[s.data]), attrs) for s, attrs in strings],
        )

    def text(value):
        return html.unescape(spanish[html.escape(value, quote=False)]) if value else ""

    def translated(kind, value):
        if kind in ("paragraph", "list"):
            return rich_text(value)
        if kind == "heading":
            return {**value, "text": text(value["text"])}
        if kind == "callout":
            return {
                **value,
                "label": text(value.get("label", "")),
                "heading": text(value["heading"]),
                "text": rich_text(value["text"]),
            }
        if kind == "faq":
            items = [
                {"question": text(item["question"]), "answer": rich_text(item["answer"])}
                for item in value["items"]
            ]
            return {"heading": text(value["heading"]), "items": items}
        raise AssertionError(f"a block the ketamine page does not use: {kind}")

    raw = [
        {
            "type": block["type"],
            "value": translated(block["type"], collapse_whitespace(block["value"])),
        }
        for block in spec["body"]
    ]
    return ArticleStreamBlock().to_python(raw)


def test_every_sentence_of_the_ketamine_page_has_its_spanish():
    spec = tomllib.loads(KETAMINE.read_text())
    spanish = spanish_for("ketamine-treatment")
    data = spec["structured_data"]
    words = [data["therapy"], *data["conditions"]] + [
        drug[key]
        for drug in data["drugs"]
        for key in ("name", "administration_route", "legal_status", "approval")
    ]
    texts = [spec["title"], spec["slug"], collapse_whitespace(spec["summary"]), *spec["key_points"]]
    texts += [
        collapse_whitespace(source[key])
        for source in spec["sources"]
        for key in ("title", "publisher")
    ]

    spanish_body(spec, spanish)  # every sentence of the body
    for english in texts + words:
        assert spanish.get(html.escape(english, quote=False)), english


def test_the_spanish_ketamine_page_reads_at_grade_eight_or_below():
    spec = tomllib.loads(KETAMINE.read_text())

    assert reading_grade(spanish_body(spec, spanish_for("ketamine-treatment")), "es") <= 8


def test_the_spanish_ketamine_page_cites_spanish_sources_and_marks_english_ones():
    spec = tomllib.loads(KETAMINE.read_text())
    spanish = spanish_for("ketamine-treatment")
    addresses = [spanish.get(source["url"], source["url"]) for source in spec["sources"]]
    titles = [spanish[html.escape(source["title"], quote=False)] for source in spec["sources"]]

    in_spanish = [url for url in addresses if url.startswith(SPANISH_SOURCE_PREFIXES)]
    assert len(in_spanish) >= 3
    for url, title in zip(addresses, titles, strict=True):
        if url not in in_spanish:
            assert title.endswith("(en inglés)"), title


def test_the_spanish_ketamine_page_keeps_the_crisis_options_and_plain_names():
    spanish = spanish_for("ketamine-treatment")
    [box] = [text for english, text in spanish.items() if "For Spanish, press 2" in english]

    for option in ("oprima el 2", "AYUDA", "veteranos, oprima el 1", "videoteléfono", "TTY"):
        assert option in box, option
    assert spanish["ketamine-treatment"] == "tratamiento-con-ketamina"
    assert "Lista III" in " ".join(spanish.values())
