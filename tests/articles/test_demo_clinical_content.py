"""The demo articles as a clinical reviewer read them: cited, plain, safe, and reviewed by the
right clinician. Each check is one of the review's findings, so none can silently come back."""

import re
import tomllib
from datetime import datetime
from importlib import import_module
from urllib.parse import urlsplit

import polib
import pytest
from django.utils.html import strip_tags
from wagtail.models import Locale, Page

from articles.blocks import ArticleStreamBlock
from articles.demo import (
    ARTICLES_DIR,
    CLINICIANS,
    DEMO_ASSETS,
    EDITORIAL_POLICY,
    collapse_whitespace,
)
from articles.models import ArticlePage, medical_page_models
from articles.readability import reading_grade
from clinic.blocks import URGENCY_TIER_COLOURS, heading_anchor, urgency_label
from clinic.demo_translations import TRANSLATIONS_DIR
from clinic.models import StandardPage
from intake.forms import EnquiryForm
from intake.pages import ContactPage
from tests.migration_steps import migrate, migrate_to_the_latest

# Public bodies and journals whose pages an educational article may cite.
TRUSTED_SOURCE_HOSTS = re.compile(
    r"(^|\.)(nih\.gov|cdc\.gov|fda\.gov|medlineplus\.gov|988lifeline\.org|nice\.org\.uk|"
    r"cochranelibrary\.com|doi\.org|acpjournals\.org|aasm\.org|ajnr\.org|dea\.gov)$"
)
KETAMINE = DEMO_ASSETS / "treatments" / "ketamine-treatment.toml"
LANCET_LOW_BACK_PAIN = "Prevention and treatment of low back pain"
# Which reviewer specialty fits each topic.
SPECIALTY_FOR_TOPIC = {
    "chronic-pain": ("pain", "cbt for pain"),
    "mental-health": ("psychiatry", "psychology"),
    "treatment-options": ("pain", "psychiatry", "psychology"),
}


@pytest.fixture
def articles(demo_site):
    return list(
        ArticlePage.objects.live().filter(locale__language_code="en").order_by("publication_date")
    )


def article(slug):
    return ArticlePage.objects.get(slug=slug)


def text_of(page):
    """Everything the body says, as plain lowercase text."""
    parts = []
    for block in page.body:
        value = block.value
        if block.block_type in ("paragraph", "list"):
            parts.append(value.source)
        elif block.block_type in ("callout", "urgency"):
            box = box_value(block)
            parts += [box["label"] or "", box["heading"], box["text"].source]
        elif block.block_type == "quote":
            parts += [value["text"], value["attribution"]]
        elif block.block_type == "image":
            parts.append(value["caption"] or "")
        elif block.block_type == "faq":
            parts += [item["answer"].source for item in value["items"]]
    return " ".join(strip_tags(" ".join(parts)).lower().split())


def box_value(block):
    """A boxed block's label, urgency (its colour), heading and text: a callout's as the editor
    wrote them, an urgency-tier box's label and colour fixed by its tier."""
    if block.block_type == "callout":
        return block.value
    tier = block.value["tier"]
    return {
        "label": urgency_label(tier),
        "urgency": URGENCY_TIER_COLOURS[tier],
        "heading": block.value["heading"],
        "text": block.value["text"],
    }


def boxes(page):
    return [box_value(block) for block in page.body if block.block_type in ("callout", "urgency")]


def callouts(page, urgency):
    return [value for value in boxes(page) if value["urgency"] == urgency]


def callout_text(value):
    return strip_tags(value["heading"] + " " + value["text"].source).lower()


def callout_with_heading(page, start):
    return next(value for value in boxes(page) if value["heading"].startswith(start))


def suicide_boxes(page):
    """The boxes that send a reader with thoughts of suicide to 988."""
    return [value for value in callouts(page, "emergency") if value["label"].endswith("988")]


def article_files():
    return {path.name: tomllib.loads(path.read_text()) for path in ARTICLES_DIR.glob("*.toml")}


def content_files():
    """The articles and the treatment pages, as written in demo_assets."""
    return article_files() | {KETAMINE.name: ketamine()}


def ketamine():
    return tomllib.loads(KETAMINE.read_text())


def body_of(spec):
    """A page file's body as the StreamField holds it (no images or pages to look up)."""
    raw = [
        {"type": block["type"], "value": collapse_whitespace(block["value"])}
        for block in spec["body"]
    ]
    return ArticleStreamBlock().to_python(raw)


def file_text(spec):
    """Everything a page file's body says, as plain lowercase text."""
    return plain(str(collapse_whitespace([block["value"] for block in spec["body"]])))


def file_callouts(spec):
    return [block["value"] for block in spec["body"] if block["type"] == "callout"]


def plain(html):
    return " ".join(strip_tags(html).lower().split())


def spanish_of(slug):
    """A page's Spanish text as its .po file gives it: English segment -> Spanish."""
    po = polib.pofile(str(TRANSLATIONS_DIR / f"{slug}.po"))
    return {entry.msgid: entry.msgstr for entry in po if entry.msgstr}


def spanish_starting(slug, english_start):
    [text] = [es for en, es in spanish_of(slug).items() if en.startswith(english_start)]
    return text


UPDATE_NOTE_LABEL = re.compile(r"Updated (\w+ \d{1,2}, \d{4})")
# The page the "Pages due for medical review" report shows in the demo.
DUE_FOR_REVIEW = "keeping-a-pain-and-mood-diary"


def update_notes(spec):
    """A page file's "Updated <date>" boxes, as (date, box)."""
    return [
        (datetime.strptime(match[1], "%B %d, %Y").date(), box)
        for box in file_callouts(spec)
        if (match := UPDATE_NOTE_LABEL.fullmatch(box.get("label", "")))
    ]


def english_page(slug):
    return Page.objects.get(slug=slug, locale__language_code="en").specific


def test_every_page_is_reviewed_after_the_advice_and_sources_it_carries(demo_site):
    for spec in content_files().values():
        page = english_page(spec["slug"])
        dated = [source["accessed"] for source in spec["sources"]]
        dated += [day for day, _box in update_notes(spec)]

        assert page.last_reviewed >= max(dated), spec["slug"]
        assert not page.review_is_overdue, spec["slug"]


def test_articles_2_and_3_say_what_was_added_in_a_dated_update_note(client, demo_site):
    added = {
        "treatments-for-long-lasting-pain": (
            "pain medicines from the store",
            "too much acetaminophen",
            "serotonin syndrome",
            "nerve pain medicines",
            "an opioid with a sleeping pill",
            "a rash or not being able to pee",
        ),
        "low-mood-or-worry-when-to-ask-for-help": (
            "get seen today",
            "serotonin syndrome",
            "bipolar disorder",
            "988",
            "any gun outside your home",
        ),
    }
    specs = {spec["slug"]: spec for spec in article_files().values()}

    for slug, subjects in added.items():
        [(day, note)] = update_notes(specs[slug])
        page = article(slug)
        html = client.get(page.url).content.decode()

        assert page.publication_date < day <= page.last_reviewed
        assert note["urgency"] == "info" and note["heading"] == "What we added to this page"
        for subject in subjects:
            assert subject in plain(note["text"]), (slug, subject)
        assert note["label"] in html  # readers see it
        spanish = spanish_of(slug)[note["label"]]
        assert spanish == f"Actualizado el {day.day} de diciembre de {day.year}", spanish
        assert spanish_of(slug)[note["heading"]] == "Lo que agregamos a esta página"


def test_the_page_due_for_review_has_not_changed_since_its_review(demo_site):
    [spec] = [spec for spec in article_files().values() if spec["slug"] == DUE_FOR_REVIEW]
    page = article(DUE_FOR_REVIEW)

    assert spec["reviewed_days_ago"] > 300  # falls due within the month, not overdue
    assert not update_notes(spec)
    assert all(source["accessed"] <= page.last_reviewed for source in spec["sources"])
    assert page.publication_date <= page.last_reviewed
    assert page.reading_grade <= 8


def test_each_spanish_page_shows_the_same_review_as_its_english_one(bilingual_demo_site):
    # A reader of either language sees one review and one next review (review 11, m6: the
    # diary's Spanish page gave a newer review than its English one).
    spanish = Locale.objects.get(language_code="es")
    pairs = [
        (page, page.get_translation(spanish))
        for model in medical_page_models()
        for page in model.objects.live().filter(locale__language_code="en")
    ]

    assert len(pairs) == 7  # the six articles and the ketamine page
    for english, translation in pairs:
        assert translation.last_reviewed == english.last_reviewed, english.slug
        assert translation.review_due_date == english.review_due_date, english.slug
        assert translation.medical_reviewer == english.medical_reviewer, english.slug


def test_every_article_cites_well_known_public_sources(articles):
    for page in articles:
        sources = [source.value for source in page.sources]
        assert len(sources) >= 3, page.title
        for source in sources:
            assert source["title"] and source["publisher"] and source["year"]
            host = urlsplit(source["url"]).hostname
            assert urlsplit(source["url"]).scheme == "https"
            assert TRUSTED_SOURCE_HOSTS.search(host), source["url"]


def test_every_article_reads_at_grade_eight_or_below(articles):
    for page in articles:
        assert page.reading_grade is not None
        assert page.reading_grade <= 8, (page.title, page.reading_grade)


def test_no_article_carries_a_testimonial(articles):
    for page in articles:
        for block in page.body:
            if block.block_type == "quote":
                assert "patient" not in block.value["attribution"].lower(), page.title


def test_reviewers_match_the_topic_and_are_neither_author_nor_quoted(articles):
    for page in articles:
        reviewer = page.medical_reviewer
        specialty = reviewer.specialty.lower()
        # An article filed under two topics needs a reviewer qualified in one of them.
        fitting = [
            topic.slug
            for topic in page.topic_list
            if any(word in specialty for word in SPECIALTY_FOR_TOPIC[topic.slug])
        ]
        assert fitting, (page.title, reviewer.specialty)
        assert reviewer not in page.authors
        assert not page.quotes(reviewer), page.title


def test_back_pain_emergency_and_same_day_signs(demo_site):
    page = article("can-mental-health-issues-cause-back-pain")
    [emergency] = callouts(page, "emergency")
    [same_day] = callouts(page, "urgent")
    emergency_text, same_day_text = callout_text(emergency), callout_text(same_day)

    for sign in ("urine", "both legs", "sexual", "bottom", "bladder or bowel"):
        assert sign in emergency_text, sign
    for sign in (
        "cancer",
        "lost weight",
        "night",
        "fever",
        "steroid",
        "inject",
        "osteoporosis",
        "weakness in one leg",
    ):
        assert sign in same_day_text, sign


def test_back_pain_with_fever_is_seen_the_same_day_whoever_has_it(demo_site):
    page = article("can-mental-health-issues-cause-back-pain")
    [same_day] = callouts(page, "urgent")
    [emergency] = callouts(page, "emergency")

    assert "<li>you have a fever, or you feel hot and shivery</li>" in same_day["text"].source
    assert "fever and a weak immune system" not in callout_text(same_day)
    # A possible spinal infection: 911 with new leg weakness or feeling very unwell.
    assert "a fever and new weakness in your legs, or a fever and you feel very unwell" in (
        callout_text(emergency)
    )


def test_back_pain_emergencies_include_the_aorta_and_chest_pain(demo_site):
    [emergency] = callouts(article("can-mental-health-issues-cause-back-pain"), "emergency")
    text = callout_text(emergency)

    assert "sudden, severe pain in your back or belly, especially if you faint" in text
    assert "chest pain" in text
    assert "aorta" in text


def test_back_pain_has_a_routine_tier_for_pain_not_better_after_4_to_6_weeks(demo_site):
    [routine] = callouts(article("can-mental-health-issues-cause-back-pain"), "info")

    assert routine["label"] == "See your doctor if…"
    assert "not better after 4 to 6 weeks" in callout_text(routine)


def back_pain_988_paragraph():
    """The one paragraph of the back-pain article's body that gives 988, as plain text."""
    [paragraph] = [
        plain(block.value.source)
        for block in article("can-mental-health-issues-cause-back-pain").body
        if block.block_type == "paragraph" and "988" in block.value.source
    ]
    return paragraph


def test_back_pain_article_gives_988_in_its_body_beside_mood(demo_site):
    # The article is about mood and pain, so its text, not only the site's crisis bar, says
    # where to turn with thoughts of suicide.
    paragraph = back_pain_988_paragraph()

    assert "thoughts of suicide, call or text 988, the suicide &amp; crisis lifeline" in paragraph
    assert "for spanish, press 2" in paragraph and "call 911" in paragraph
    spanish = spanish_starting("can-mental-health-issues-cause-back-pain", "If pain or low mood")
    assert "<b>988</b>" in spanish and "AYUDA" in spanish and "<b>911</b>" in spanish


def test_back_pain_988_line_gives_every_way_to_reach_988(demo_site):
    paragraph = back_pain_988_paragraph()

    for option in ("for spanish, press 2", "veterans, press 1", "videophone", "tty"):
        assert option in paragraph, option
    spanish = spanish_starting("can-mental-health-issues-cause-back-pain", "If pain or low mood")
    for option in ("oprima el 2", "AYUDA", "veteranos, oprima el 1", "videoteléfono", "TTY"):
        assert option in spanish, option


# The standard safe-storage line of the 988 boxes, as plain text and in Spanish.
SAFE_STORAGE = (
    "ask someone you trust to keep your medicines for you for now. if there is a gun in your "
    "home, ask someone you trust to keep it outside your home for now."
)
SAFE_STORAGE_SPANISH = (
    "Pídale a una persona de confianza que guarde sus medicamentos por ahora. Si hay un arma de "
    "fuego en su casa, pídale a una persona de confianza que la guarde fuera de su casa por ahora."
)
DIARY_988_START = "If you have thoughts of suicide, call or text <b>988</b>"


def test_back_pain_988_line_gives_safe_storage_in_both_languages(demo_site):
    # Readers of this page often keep pain and mood medicines at home (review 11, m1).
    assert SAFE_STORAGE in back_pain_988_paragraph()
    assert SAFE_STORAGE_SPANISH in spanish_of("can-mental-health-issues-cause-back-pain").values()


def test_the_diary_988_line_gives_every_way_to_reach_988_and_safe_storage(demo_site):
    box = callout_text(callout_with_heading(article(DUE_FOR_REVIEW), "Make an appointment"))
    spanish = spanish_starting(DUE_FOR_REVIEW, DIARY_988_START)

    for option in ("for spanish, press 2", "veterans, press 1", "videophone", "tty", "call 911"):
        assert option in box, option
    assert SAFE_STORAGE in box
    for option in ("oprima el 2", "AYUDA", "veteranos, oprima el 1", "videoteléfono", "TTY"):
        assert option in spanish, option
    assert SAFE_STORAGE_SPANISH in spanish_of(DUE_FOR_REVIEW).values()


def test_the_low_mood_988_box_says_988_is_for_any_mental_health_or_drug_crisis(demo_site):
    [box] = suicide_boxes(article("low-mood-or-worry-when-to-ask-for-help"))

    assert "call or text 988 for any mental health or drug or alcohol crisis" in callout_text(box)
    spanish = spanish_starting("low-mood-or-worry-when-to-ask-for-help", "Call or text <b>988</b>")
    assert "en cualquier crisis de salud mental o de consumo de alcohol o drogas" in spanish


def test_spanish_urgent_care_is_not_read_as_the_emergency_room():
    # "Urgencias" is the ER to many Mexican and Central American readers.
    for path in TRANSLATIONS_DIR.glob("*.po"):
        for entry in polib.pofile(str(path)):
            if "urgent care" in entry.msgid:
                assert "urgencias" not in entry.msgstr, (path.name, entry.msgstr)
                assert "clínica de atención urgente (urgent care)" in entry.msgstr, path.name


def test_back_pain_risk_factors_are_not_titled_as_treatment_risks(demo_site):
    headings = [
        text
        for _anchor, text in article("can-mental-health-issues-cause-back-pain").table_of_contents()
    ]

    assert "What makes back pain more likely?" in headings
    assert "What are the risks?" not in headings


def test_urgency_tier_boxes_say_the_same_thing_everywhere():
    # One vocabulary for the three tiers, so the urgency block can take them over as they are.
    tiers = {
        "emergency": ("emergency", "Call 911 now"),
        "today": ("urgent", "Get seen today"),
        "routine": ("info", "See your doctor if…"),
    }
    marked = [
        block["value"]
        for spec in content_files().values()
        for block in spec["body"]
        if "tier" in block["value"]
    ]

    assert {value["tier"] for value in marked} == set(tiers)
    for value in marked:
        assert (value["urgency"], value["label"]) == tiers[value["tier"]], value["heading"]


def test_every_article_opens_with_three_to_five_short_key_points():
    for name, spec in content_files().items():
        points = spec["key_points"]
        assert 3 <= len(points) <= 5, name
        for point in points:
            assert len(point) <= 100 and point.strip() == point and "<" not in point, point


def test_back_pain_claims_are_worded_as_the_evidence_allows(demo_site):
    text = text_of(article("can-mental-health-issues-cause-back-pain"))

    assert "linked with" in text
    assert "most adults" in text
    assert "lift with your knees" not in text
    assert "shared with permission" not in text


def test_serotonin_syndrome_signs_and_when_to_call_911(demo_site):
    page = article("treatments-for-long-lasting-pain")
    text = text_of(page)
    same_day = callout_text(callout_with_heading(page, "Call your prescriber right away"))
    emergencies = " ".join(callout_text(value) for value in callouts(page, "emergency"))

    assert "serotonin syndrome" in text
    for medicine in ("duloxetine", "amitriptyline", "tramadol", "triptans", "st. john's wort"):
        assert medicine in text, medicine
    for sign in ("agitation", "sweating", "twitch", "stiff", "fast heartbeat"):
        assert sign in same_day, sign
    assert "call 911 if you also have a high fever, very stiff muscles" in same_day
    # Serotonin syndrome can worsen within hours: not a wait for urgent care later in the day.
    assert "if you can't reach them straight away, go to an emergency department" in same_day
    assert "urgent care" not in same_day
    assert "serotonin syndrome" in emergencies and "high fever with very stiff" in emergencies
    # The antidepressant article names it too, with its signs and when to call 911.
    mood = text_of(article("low-mood-or-worry-when-to-ask-for-help"))
    # Review 6, M2: the same first step and the same 911 signs as the pain article, with
    # "severe" spelled out (a high fever and rigid muscles are not a call-back).
    assert "serotonin syndrome" in mood and "if they are severe" not in mood
    assert (
        "if you notice them, call your prescriber right away. if you can't reach them, go to"
        in (mood)
    )
    assert (
        "call 911 if you also have a high fever, very stiff muscles, a seizure or an uneven "
        "heartbeat, or you faint"
    ) in mood
    assert "same day if you notice them" not in mood
    spanish = spanish_of("treatments-for-long-lasting-pain")
    assert spanish[
        "Call your prescriber right away if you take one of these medicines and you have"
    ].startswith("Llame de inmediato")
    assert "vaya a una sala de emergencias" in spanish_starting(
        "treatments-for-long-lasting-pain", "If you can't reach them straight away"
    )
    mood_spanish = spanish_starting(
        "low-mood-or-worry-when-to-ask-for-help", "Tell your prescriber about every medicine"
    )
    assert "llame de inmediato" in mood_spanish and "Si son graves" not in mood_spanish
    assert "Llame al 911 si además tiene fiebre alta, músculos muy rígidos" in mood_spanish


def test_too_much_acetaminophen_goes_to_poison_help_at_once(demo_site):
    page = article("treatments-for-long-lasting-pain")
    text = text_of(page)
    sources = {source.value["url"] for source in page.sources}
    overdose = "https://medlineplus.gov/ency/article/002598.htm"

    assert "if you take more than the limit, even if you feel fine, call poison help" in text
    assert "1-800-222-1222 right away, or go to an emergency department" in text
    assert "liver damage can start before you feel ill" in text
    assert "hard to wake or has trouble breathing, call 911" in text
    assert overdose in sources
    spanish = spanish_of("treatments-for-long-lasting-pain")
    advice = spanish_starting("treatments-for-long-lasting-pain", "<b>If you take more than")
    assert "<b>1-800-222-1222</b> (hay atención en español)" in advice
    assert "llame al <b>911</b>" in advice
    assert spanish[overdose] == "https://medlineplus.gov/spanish/ency/article/002598.htm"


def test_the_overdose_boxes_give_the_first_aid_steps_and_a_strong_spanish_hard_to_wake(
    demo_site,
):
    # The CDC's steps while waiting for help: naloxone, keep them awake, on their side; and
    # (review 6, M1) breaths or CPR, coached by 911, when they are not breathing: the side
    # position is for someone who breathes.
    steps = (
        "if they are not breathing, or only gasping, tell the 911 operator: they will tell you "
        "how to give breaths or cpr. if they are breathing, try to keep them awake and lay them "
        "on their side so they don't choke."
    )
    for slug, heading in (
        ("sleep-pain-and-mood", "Call 911 if someone who takes these medicines"),
        ("treatments-for-long-lasting-pain", "Call 911 straight away for any of these signs"),
    ):
        box = " ".join(callout_text(callout_with_heading(article(slug), heading)).split())
        assert "naloxone" in box and steps in box, slug
        spanish = spanish_starting(slug, "If opioids may be involved and you have naloxone")
        assert "Si no respira, o solo boquea, dígaselo a la operadora del 911" in spanish
        assert "Si respira, trate de mantenerla despierta y acuéstela de lado" in spanish
        # Review 4, m4: the OTC label's second dose (review 6: each spray holds one), and
        # naloxone can wear off first.
        assert "give a second dose with a new spray, in the other nostril" in box, slug
        assert "stay with them until help comes: naloxone can wear off before the opioid" in box
        assert "dele una segunda dosis con un aerosol nuevo, en la otra fosa nasal" in spanish
        assert "Quédese con la persona hasta que llegue la ayuda" in spanish, slug
        # "No despierta bien" or "le cuesta despertar" read as mild for a 911 sign.
        wake = [es for en, es in spanish_of(slug).items() if "hard to wake" in en]
        assert wake and all("muy difícil despertar" in es for es in wake), slug
        assert not any("despierta bien" in es or "cuesta mucho despertar" in es for es in wake)


def test_over_the_counter_painkillers_come_with_their_safety_limits(demo_site):
    text = text_of(article("treatments-for-long-lasting-pain"))

    # Acetaminophen: the daily maximum, hidden in combination products, alcohol and the liver.
    for fact in ("4,000 mg in 24 hours", "hidden acetaminophen", "apap", "cold and flu"):
        assert fact in text, fact
    assert "3 or more drinks a day, or you have liver disease" in text
    # NSAIDs: stomach bleeding and who is most at risk, kidneys, heart, blood pressure, pregnancy.
    for fact in (
        "bleeding in the stomach",
        "60 or older",
        "blood thinner",
        "a steroid",
        "antidepressant such as sertraline or duloxetine",
        "harm the kidneys",
        "heart failure",
        "raise blood pressure",
        "from 20 weeks",
    ):
        assert fact in text, fact


def test_acetaminophen_says_many_labels_now_stop_at_3000_mg(demo_site):
    text = text_of(article("treatments-for-long-lasting-pain"))

    assert "many labels now say no more than 3,000 mg in 24 hours" in text
    # Review 4, m5: the 4,000 mg ceiling must not read as leave to pass a 3,000 mg label.
    assert "if yours does, that is your limit" in text
    assert "no adult should take more than 4,000 mg in 24 hours from all medicines" in text
    assert "the top limit for most adults" not in text
    spanish = spanish_starting("treatments-for-long-lasting-pain", "<b>Acetaminophen</b>")
    assert "no se tomen más de 3,000 mg en 24 horas" in spanish
    assert "ese es su límite" in spanish and "Ningún adulto debe tomar más de 4,000 mg" in spanish


def test_nsaid_bleeding_risk_names_daily_aspirin_and_clopidogrel(demo_site):
    text = text_of(article("treatments-for-long-lasting-pain"))

    assert "a blood thinner, a daily aspirin, clopidogrel (plavix), a steroid" in text
    spanish = spanish_starting("treatments-for-long-lasting-pain", "<b>Anti-inflammatory")
    assert "aspirina todos los días, clopidogrel (Plavix)" in spanish


def test_ibuprofen_says_it_can_stop_a_daily_heart_aspirin_working_and_how_to_time_it(demo_site):
    # Ibuprofen can block low-dose aspirin's heart protection (FDA): review 11, m7.
    text = text_of(article("treatments-for-long-lasting-pain"))

    assert "if you take a daily aspirin for your heart, ibuprofen can stop the aspirin" in text
    assert "take the ibuprofen at least 8 hours before or 30 minutes after it" in text
    assert "ask your pharmacist" in text
    spanish = spanish_starting("treatments-for-long-lasting-pain", "<b>If you take a daily aspirin")
    assert "el ibuprofeno puede hacer que la aspirina funcione peor" in spanish
    assert "al menos 8 horas antes o 30 minutos después de la aspirina" in spanish
    assert "pregúntele a su farmacéutico" in spanish


def test_nerve_pain_medicines_are_not_stopped_suddenly(demo_site):
    page = article("treatments-for-long-lasting-pain")
    text = text_of(page)
    sources = {source.value["title"] for source in page.sources}

    assert (
        "don't stop duloxetine, amitriptyline, gabapentin or pregabalin suddenly. stopping fast "
        "can cause withdrawal symptoms"
    ) in text
    assert "your prescriber can help you cut down slowly" in text
    assert {"Duloxetine", "Gabapentin"} <= sources
    spanish = spanish_starting("treatments-for-long-lasting-pain", "Don't stop duloxetine")
    assert spanish.startswith("No deje de tomar de golpe la duloxetina, la amitriptilina")


def test_the_seizure_risk_of_stopping_is_put_on_gabapentin_and_pregabalin(demo_site):
    text = text_of(article("treatments-for-long-lasting-pain"))

    assert (
        "stopping gabapentin or pregabalin fast can bring on seizures, especially in people with "
        "epilepsy"
    ) in text
    assert "in people with epilepsy, it can bring on seizures" not in text
    spanish = spanish_starting("treatments-for-long-lasting-pain", "Don't stop duloxetine")
    assert "Dejar la gabapentina o la pregabalina de golpe puede provocar convulsiones" in spanish


def test_the_serotonin_lists_name_the_store_cough_medicine_dextromethorphan(demo_site):
    pain = text_of(article("treatments-for-long-lasting-pain"))
    mood = text_of(article("low-mood-or-worry-when-to-ask-for-help"))

    assert 'the cough medicine dextromethorphan (often "dm" on the label)' in pain
    assert "the cough medicine dextromethorphan" in mood
    for slug, english_start in (
        ("treatments-for-long-lasting-pain", "Some medicines raise the amount of serotonin"),
        ("low-mood-or-worry-when-to-ask-for-help", "Tell your prescriber about every medicine"),
    ):
        assert "dextrometorfano" in spanish_starting(slug, english_start), slug


def test_the_pain_article_names_antidepressants_not_their_abbreviations(demo_site):
    text = text_of(article("treatments-for-long-lasting-pain"))
    spanish = " ".join(spanish_of("treatments-for-long-lasting-pain").values())

    assert "ssri" not in text and "snri" not in text
    assert "ISRS" not in spanish and "IRSN" not in spanish
    assert "la sertralina o la duloxetina" in spanish


def test_spanish_numbers_keep_the_thousands_comma_as_us_spanish_writes_them():
    # "4,000 mg" and "$3,300", as US Spanish health pages write them: not "4000", "4.000" or
    # "4 000", which a reader may take for another amount.
    grouped = re.compile(r"\d{1,3}(?:,\d{3})+")
    ungrouped = re.compile(r"(?<![\d,.\-])(\d{4,}|\d{1,3}(?:[. ]\d{3})+)(?![\d,])")
    for path in TRANSLATIONS_DIR.glob("*.po"):
        for entry in polib.pofile(str(path)):
            if not entry.msgstr or entry.msgid.startswith("https://"):
                continue
            assert sorted(grouped.findall(entry.msgstr)) == sorted(grouped.findall(entry.msgid)), (
                path.name,
                entry.msgid,
            )
            for number in ungrouped.findall(entry.msgstr):
                assert re.fullmatch(r"(19|20)\d\d", number), (path.name, number)
    assert "$3,300" in spanish_starting("ketamine-treatment", "<b>IV ketamine</b> is off-label")


def test_the_lancet_review_is_cited_for_what_it_found_about_acetaminophen(demo_site):
    # "Prevention and treatment of low back pain" (Lancet 2018) found acetaminophen ineffective
    # for low back pain: an article citing it says so rather than recommending it.
    citing = [
        page
        for page in ArticlePage.objects.filter(locale__language_code="en")
        if any(
            "Prevention and treatment of low back pain" in s.value["title"] for s in page.sources
        )
    ]

    assert len(citing) == 2
    for page in citing:
        text = text_of(page)
        assert re.search(r"acetaminophen on its own (helps|does) little", text), page.title


def test_treatment_emergencies_go_to_911_and_thoughts_of_suicide_to_988(demo_site):
    page = article("treatments-for-long-lasting-pain")
    emergencies = " ".join(callout_text(value) for value in callouts(page, "emergency"))
    text = text_of(page)

    for sign in ("shallow", "hard to wake", "vomiting blood", "black", "swelling"):
        assert sign in emergencies, sign
    assert "suicide" in emergencies and "988" in emergencies
    assert "naloxone" in text
    for risky_mix in ("alcohol", "sleeping pills", "gabapentin", "pregabalin"):
        assert risky_mix in text, risky_mix
    assert "one of the most effective treatments" not in text
    assert "opioids rarely help" not in text
    assert "relief is usually short-term at best" in text


def test_opioids_are_not_stopped_suddenly_unless_safety_requires_it(demo_site):
    text = text_of(article("treatments-for-long-lasting-pain"))

    assert "we will not stop them suddenly unless your safety requires it" in text
    assert "never stop them suddenly" not in text


def test_the_call_us_today_box_says_where_to_go_when_the_clinic_is_closed(demo_site):
    page = article("treatments-for-long-lasting-pain")
    box = callout_text(callout_with_heading(page, "Call us today if a pain medicine"))

    assert "if we are closed, call the clinician who prescribed it or a pharmacist" in box
    assert "urgent care" in box


def test_a_blistering_rash_or_not_peeing_at_all_goes_to_the_emergency_department(demo_site):
    # Blisters, peeling skin or mouth and eye sores can be SJS or TEN; not peeing at all
    # (opioids, amitriptyline) can't wait for the next appointment either.
    page = article("treatments-for-long-lasting-pain")
    box = callout_text(callout_with_heading(page, "Call us today if a pain medicine"))
    slug = "treatments-for-long-lasting-pain"

    assert (
        "a rash with blisters, peeling skin, or sores in your mouth or eyes, often with a fever: "
        "stop the medicine and go to an emergency department now"
    ) in box
    assert "if you can't pee at all, go to an emergency department" in box
    rash = spanish_starting(slug, "A rash with blisters")
    assert "deje el medicamento y vaya ahora mismo a una sala de emergencias" in rash
    assert "si no puede orinar nada, vaya a una sala de emergencias" in spanish_starting(
        slug, "new trouble passing urine"
    )


def test_every_suicide_box_gives_safe_storage_and_the_lines_other_options(demo_site):
    boxes = {
        slug: suicide_boxes(article(slug))
        for slug in (
            "sleep-pain-and-mood",
            "treatments-for-long-lasting-pain",
            "low-mood-or-worry-when-to-ask-for-help",
        )
    }

    for slug, found in boxes.items():
        assert found, slug
        for box in found:
            text = callout_text(box)
            assert "keep your medicines for you for now" in text, slug
            assert "stay with them" in text, slug  # for someone worried about another person
            for option in ("for spanish, press 2", "veterans, press 1", "videophone", "tty"):
                assert option in text, (slug, option)
            assert not re.search(r"\d+\s*mg|pills? to|how many", text), slug  # no method detail


GUN_SAFETY = "if there is a gun in your home, ask someone you trust to keep it outside your home"
GUN_SAFETY_SPANISH = (
    "Si hay un arma de fuego en su casa, pídale a una persona de confianza que la guarde"
)


def test_every_box_that_says_to_put_medicines_away_says_the_same_of_a_gun(demo_site):
    # More than half of US suicide deaths involve a gun: naming only medicines would suggest
    # they are the main danger.
    pages = {
        slug: article(slug)
        for slug in (
            "sleep-pain-and-mood",
            "treatments-for-long-lasting-pain",
            "low-mood-or-worry-when-to-ask-for-help",
        )
    }
    found = [
        (slug, callout_text(box))
        for slug, page in pages.items()
        for box in boxes(page)
        if "keep your medicines for you for now" in callout_text(box)
    ]
    found += [
        ("ketamine-treatment", plain(box["text"]))
        for box in file_callouts(ketamine())
        if "keep your medicines for you for now" in plain(box["text"])
    ]

    assert len(found) == 5  # the four 988 boxes and the antidepressant warning
    for slug, text in found:
        assert GUN_SAFETY in text, (slug, text)
        spanish = [
            es for en, es in spanish_of(slug).items() if "keep your medicines for you for now" in en
        ]
        assert spanish and all(GUN_SAFETY_SPANISH in es for es in spanish), slug


def test_the_antidepressant_warning_box_also_gives_safe_storage(demo_site):
    page = article("low-mood-or-worry-when-to-ask-for-help")
    box = callout_text(callout_with_heading(page, "An important warning about antidepressants"))

    assert "keep your medicines for you for now" in box


def test_the_editorial_policys_crisis_lines_give_the_988_options(demo_site):
    spec = tomllib.loads(EDITORIAL_POLICY.read_text())
    text = plain(" ".join(str(block["value"]) for block in spec["body"]))

    for option in ("for spanish, press 2", "veterans, press 1", "videophone", "tty"):
        assert option in text, option


def test_low_mood_article_has_the_antidepressant_warning_and_timing(demo_site):
    page = article("low-mood-or-worry-when-to-ask-for-help")
    text = text_of(page)

    assert "out of proportion" not in text
    assert "most of the day, nearly every day, for two weeks or more" in text
    assert "under 25" in text
    assert "2 to 4 weeks to start helping, and 6 to 8 weeks for the full" in text
    suicide_box = next(value for value in callouts(page, "emergency") if "988" in value["label"])
    assert suicide_box["label"].startswith("Call or text 988")


def test_low_mood_article_asks_about_bipolar_disorder_before_an_antidepressant(demo_site):
    page = article("low-mood-or-worry-when-to-ask-for-help")
    text = text_of(page)

    assert (
        "before you start an antidepressant, we ask if you or anyone in your family has had "
        "bipolar disorder"
    ) in text
    assert "an antidepressant on its own can bring on mania" in text
    assert "Bipolar Disorder" in {source.value["title"] for source in page.sources}
    spanish = spanish_starting("low-mood-or-worry-when-to-ask-for-help", "Before you start an")
    assert "trastorno bipolar" in spanish and "puede provocar manía" in spanish


def test_sleep_article_says_what_cbt_i_involves_and_warns_about_mixing(demo_site):
    text = text_of(article("sleep-pain-and-mood"))

    assert "sleep restriction" in text or "sleep scheduling" in text
    assert "opioids" in text and "gabapentin" in text


def test_opioids_and_sedatives_get_one_rule_and_are_never_stopped_on_your_own(demo_site):
    # Many readers take both, prescribed: a bare "don't mix" could make them stop one, and
    # stopping a benzodiazepine or an opioid suddenly is itself dangerous (FDA, 2016).
    pain = text_of(article("treatments-for-long-lasting-pain"))
    sleep_page = article("sleep-pain-and-mood")
    sleep = text_of(sleep_page)
    planned = "unless a prescriber who knows all your medicines has planned it with you"
    stop = "don't stop {} on your own, because stopping suddenly can be dangerous"

    assert "don't mix opioids with sleeping pills" not in pain
    assert (
        "benzodiazepines such as diazepam or alprazolam), z-drugs such as zolpidem, gabapentin "
        f"or pregabalin can slow your breathing. don't take any of these with an opioid {planned}"
    ) in pain
    assert stop.format("either one") in pain
    assert planned in sleep and stop.format("any of them") in sleep
    for slug, english_start in (
        ("treatments-for-long-lasting-pain", "Opioids taken with sleeping pills"),
        (
            "sleep-pain-and-mood",
            "Don't take sleeping pills with opioids, gabapentin or pregabalin unless a",
        ),
    ):
        spanish = spanish_starting(slug, english_start)
        assert "a menos que un profesional que" in spanish, slug
        assert "no deje ninguno por su cuenta, porque dejarlos de golpe puede ser peligroso" in (
            spanish
        ), slug


def test_sleep_key_points_never_pair_alcohol_with_a_plan(demo_site):
    # Review 4, C1: "No alcohol with sleeping pills; opioids or gabapentin only as planned" read,
    # in Spanish above all, as alcohol with opioids being fine if planned. Alcohol is never
    # allowed; only the medicines may be combined, and only on a prescriber's plan.
    points = [block.value for block in article("sleep-pain-and-mood").key_points]
    spanish = spanish_of("sleep-pain-and-mood")
    [alcohol] = [point for point in points if "alcohol" in point.lower()]
    [combined] = [point for point in points if "planned" in point]

    assert alcohol == (
        "Never drink alcohol if you take sleeping pills, opioids, gabapentin or pregabalin."
    )
    assert "alcohol" not in combined.lower()
    for medicine in ("sleeping pills", "opioids", "gabapentin", "pregabalin"):
        assert medicine in combined, medicine
    # Review 5: said as a warning, not as an instruction to take them together.
    assert combined.startswith("Don't take sleeping pills with")
    assert "unless your prescriber planned it" in combined
    assert spanish[alcohol].startswith("Nunca tome alcohol") and "solo si" not in spanish[alcohol]
    assert "pregabalina" in spanish[alcohol]
    assert "alcohol" not in spanish[combined] and spanish[combined].startswith("No combine")
    assert "sin un plan de su médico" in spanish[combined]
    # Not stopping on your own keeps the one exception the body gives (FDA boxed warning).
    [stop] = [point for point in points if "Don't stop" in point]
    assert "if a Z-drug makes you sleepwalk or drive, stop it" in stop
    assert "si un fármaco Z le hace caminar o manejar dormido, deje de tomarlo" in spanish[stop]


def segments(spec):
    """A page file's key points and every paragraph, list item and FAQ answer, each as the
    English segment its Spanish catalogue translates."""
    found = list(spec["key_points"])
    for block in spec["body"]:
        value = block["value"]
        if block["type"] == "faq":
            html = " ".join(item["answer"] for item in value["items"])
        elif block["type"] == "callout":
            html = value["text"]
        else:
            html = value if isinstance(value, str) else ""
        found += [" ".join(inner.split()) for _tag, inner in SEGMENT.findall(html)]
    return found


SEGMENT = re.compile(r"<(li|p)>(.*?)</\1>", re.S)


def test_not_stopping_a_sleeping_pill_always_names_the_z_drug_exception():
    # Review 4, M1: the FDA boxed warning says stop a Z-drug after any sleepwalking or sleep
    # driving, so every "don't stop" about sleeping pills must say so, or a reader who has
    # driven asleep keeps taking it.
    for name in ("1-sleep-pain-and-mood.toml", "2-treatments-for-long-lasting-pain.toml"):
        spec = article_files()[name]
        spanish = spanish_of(spec["slug"])
        stops = [
            segment
            for segment in segments(spec)
            if "don't stop" in segment.lower()
            and any(word in segment.lower() for word in ("sleeping pill", "z-drug", "these"))
        ]
        assert stops, name
        for segment in stops:
            assert "if a Z-drug makes you sleepwalk" in segment, segment
            assert "si un fármaco Z le hace caminar o manejar dormido" in spanish[segment], segment
    faq = spanish_starting("sleep-pain-and-mood", "Sleeping pills can help for a few nights")
    assert "Hay una excepción" in faq and "llame de inmediato a quien se lo recetó" in faq


def test_sleep_article_is_reviewed_by_a_prescriber_within_the_year(demo_site):
    # It advises on sedatives and opioids: a prescriber reviews it, and on time.
    page = article("sleep-pain-and-mood")

    assert page.medical_reviewer.credentials in ("MD", "DO", "PMHNP-BC")
    assert not page.review_is_overdue


def test_sleep_article_gives_the_z_drug_and_benzodiazepine_boxed_warnings(demo_site):
    text = text_of(article("sleep-pain-and-mood"))

    assert "z-drugs (zolpidem, eszopiclone and zaleplon) carry a boxed warning" in text
    assert "not fully awake" in text and "sleepwalking, driving" in text
    assert "stop the medicine and tell your prescriber" in text
    assert "benzodiazepines carry a boxed warning too" in text


def test_sleep_article_warns_about_drugstore_sleep_aids_after_65_and_with_sleep_apnea(demo_site):
    page = article("sleep-pain-and-mood")
    text = text_of(page)
    sources = {source.value["title"] for source in page.sources}

    assert "antihistamine, such as diphenhydramine or doxylamine" in text
    assert "if you are 65 or older, they make falls and confusion more likely" in text
    assert "if you have sleep apnea, or you might have it, ask your clinician before" in text
    assert {"Diphenhydramine", "Sleep Apnea"} <= sources
    assert any("Beers Criteria" in title for title in sources)
    # Review 4, m7: readers look for sleep aids here, so the hidden pain reliever is named here.
    assert "such as tylenol pm or advil pm, also contain a pain medicine" in text
    assert "count it toward your daily limit" in text
    drugstore = spanish_starting("sleep-pain-and-mood", "Most sleep aids you can")
    assert "65 años o más" in drugstore
    assert "Tylenol PM o Advil PM, también tienen un medicamento para el dolor" in drugstore
    assert spanish_starting("sleep-pain-and-mood", "If you have sleep apnea").startswith(
        "Si tiene apnea del sueño"
    )


# British spellings a US reader would trip over.
BRITISH_SPELLINGS = re.compile(
    r"\b(programmes?|behaviours?|colours?|centres?|favour|organis\w*|recognis\w*)\b", re.I
)


def test_the_demo_speaks_us_english():
    # The page files, every English text the Spanish catalogues translate (home, About and
    # contact pages too), and the clinicians' bios.
    english = [path.read_text() for path in DEMO_ASSETS.rglob("*.toml")]
    english += [
        entry.msgid for path in TRANSLATIONS_DIR.glob("*.po") for entry in polib.pofile(path)
    ]
    english += [clinician["bio"] for clinician in CLINICIANS.values()]

    for text in english:
        assert not BRITISH_SPELLINGS.search(text), BRITISH_SPELLINGS.search(text)


def test_pacing_article_sends_nerve_and_bladder_warning_signs_to_911(demo_site):
    page = article("pacing-a-steadier-way-to-live-with-chronic-pain")
    [faq] = [block.value for block in page.body if block.block_type == "faq"]
    [answer] = [
        plain(item["answer"].source)
        for item in faq["items"]
        if item["question"] == "Is it safe to keep going when I am sore?"
    ]

    assert "stop and contact your clinician the same day" in answer
    assert "call 911 or go to an emergency department if you have numbness around your bottom" in (
        answer
    )
    for sign in ("can't pee", "control your bladder or bowels", "both legs feel weak or numb"):
        assert sign in answer, sign
    spanish = spanish_starting(
        "pacing-a-steadier-way-to-live-with-chronic-pain", "Some soreness with activity"
    )
    assert "Llame al 911 o vaya a una sala de emergencias" in spanish
    assert "la vejiga o los intestinos" in spanish and "las dos piernas" in spanish


def test_low_mood_article_has_a_get_seen_today_tier_before_the_routine_one(demo_site):
    page = article("low-mood-or-worry-when-to-ask-for-help")
    colours = [value["urgency"] for value in boxes(page)]
    today = callout_text(callout_with_heading(page, "Contact us or a doctor today if"))
    routine = callout_text(callout_with_heading(page, "Make an appointment with us"))

    assert colours.index("urgent") < colours.index("info")
    for sign in (
        "can't look after yourself or the people who depend on you",
        "stopped eating or drinking",
        "hear or see things that others don't",
        "hardly need sleep for days",
        "agitated or restless after starting or changing a medicine",
    ):
        assert sign in today, sign
    # Psychosis, mania or not drinking can't be assessed at urgent care: the ED, 988 or 911.
    assert "if you can't reach us today, go to an emergency department, or call or text 988" in (
        today
    )
    assert "if you or someone else is in danger, call 911" in today
    assert "urgent care" not in today
    assert "look after yourself" not in routine
    spanish = spanish_of("low-mood-or-worry-when-to-ask-for-help")
    assert spanish["Contact us or a doctor today if"].startswith("Comuníquese hoy")
    closing = spanish_starting("low-mood-or-worry-when-to-ask-for-help", "If you can't reach us")
    assert "vaya a una sala de emergencias, o llame o envíe un mensaje de texto al 988" in closing
    assert "llame al 911" in closing and "urgencias" not in closing


def test_pacing_article_handles_bad_days_one_way(demo_site):
    page = article("pacing-a-steadier-way-to-live-with-chronic-pain")
    text = text_of(page)
    points = [block.value for block in page.key_points]
    slug = "pacing-a-steadier-way-to-live-with-chronic-pain"

    # The baseline holds on most days; a very bad day gets a smaller amount, not the full one.
    assert "do your baseline amount on good days and on bad days" not in text
    assert "do your baseline amount on most days, good or bad" in text
    assert "on a very bad day, do a smaller amount rather than nothing" in text
    assert "on a very bad day, try a smaller version of your baseline" in text
    assert "Start below your limit and keep to it on good and bad days, then build up slowly." in (
        points
    )
    assert "En un día muy malo" in spanish_starting(slug, "Do your baseline amount on most days")
    assert "En un día muy malo" in spanish_starting(slug, "Flare-ups still happen, and")


def test_the_spanish_editorial_policy_says_pain_medicine_the_specialty():
    spanish = " ".join(spanish_of("editorial-policy").values())

    assert "revisa los artículos sobre medicina del dolor" in spanish
    assert "medicamentos para el dolor" not in spanish
    assert "que lo conozca a usted y conozca su salud" in spanish


def test_the_spanish_anxiety_source_is_titled_as_the_pamphlet_it_is():
    # NIMH's Spanish page is on generalized anxiety disorder only, not anxiety disorders.
    title = spanish_of("low-mood-or-worry-when-to-ask-for-help")["Anxiety Disorders"]

    assert title == "Trastorno de ansiedad generalizada (NIMH, en español)"


def test_pacing_article_cautions_people_who_crash_after_exertion(demo_site):
    page = article("pacing-a-steadier-way-to-live-with-chronic-pain")
    text = text_of(page)
    [chart] = [block.value for block in page.body if block.block_type == "image"]

    assert "me/cfs" in text and "long covid" in text
    assert chart["caption"].lower().startswith("illustration")


def test_the_about_page_makes_no_unsupported_claim(demo_site):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    text = plain(" ".join(str(block.value) for block in about.body))

    assert "rarely works for long" not in text
    assert "treat pain and mood together" in text


def test_the_urgent_replies_set_no_threshold_for_thoughts_of_self_harm(demo_site):
    page = ContactPage.objects.get(locale__language_code="en")

    for text in (page.urgent_thank_you_text, page.urgent_acknowledgement_text):
        assert "If you're having thoughts of harming yourself, please don't wait for us" in text
        assert "might act" not in text


REWORDING = import_module("intake.migrations.0013_urgent_replies_set_no_threshold")


def test_a_new_contact_page_sets_no_threshold_either(db):
    """The model's own defaults, which any clinic's first contact page starts from."""
    page = ContactPage()

    for text in (page.urgent_thank_you_text, page.urgent_acknowledgement_text):
        assert "If you're having thoughts of harming yourself, please don't wait for us" in text
        assert "might act" not in text


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewords_the_old_default_replies_a_clinic_kept(demo_site):
    page = ContactPage.objects.get(locale__language_code="en")
    old_reply = REWORDING.OLD_TO_NEW["urgent_thank_you_text"][0]
    own_words = "Please call us or 988 now."
    try:
        old_pages = migrate(("intake", "0012_best_time_parts_of_the_day"))
        old_pages.get_model("intake", "ContactPage").objects.filter(pk=page.pk).update(
            urgent_thank_you_text=old_reply, urgent_acknowledgement_text=own_words
        )
    finally:
        migrate_to_the_latest()

    page.refresh_from_db()
    assert page.urgent_thank_you_text == REWORDING.OLD_TO_NEW["urgent_thank_you_text"][1]
    assert page.urgent_acknowledgement_text == own_words  # a clinic's own words stay


def test_the_spanish_crisis_notice_says_when_messages_are_read(clinic_settings):
    notice = clinic_settings.crisis_notice_spanish

    assert "No revisamos los mensajes las 24 horas" in notice
    assert "Nadie lee" not in notice


def test_the_nurse_practitioner_is_an_enfermero_practicante_in_spanish(demo_site):
    from articles.models import Clinician

    ellery = Clinician.objects.get(credentials="PMHNP-BC")

    assert ellery.role_spanish.startswith("Enfermero practicante")
    assert "especialista" not in ellery.role_spanish + ellery.bio_spanish


# --- The ketamine treatment page (demo_assets/treatments/ketamine-treatment.toml) ----------


def test_the_ketamine_page_explains_both_forms_and_their_status():
    text = file_text(ketamine())

    assert "ketamine for anesthesia, not for depression or pain" in text
    assert 'called "off-label"' in text
    assert "esketamine nasal spray" in text
    assert "fda has approved it for adults with treatment-resistant depression" in text
    assert "safety program called a rems" in text
    assert "watch you for at least 2 hours" in text


def test_the_ketamine_page_gives_the_evidence_as_it_is():
    text = file_text(ketamine())

    assert "ketamine often works fast" in text and "within hours to a day" in text
    assert "the effect often wears off within about a week or two" in text
    assert "course of repeat sessions" in text
    assert "it does not help everyone" in text and "the rest improved less, or not at all" in text
    assert "little or no change" not in text  # most of the rest improved somewhat (NEJM 2023)
    assert "for pain, the evidence is weaker" in text
    assert "has not been shown to prevent suicide" in text


def test_the_ketamine_page_says_what_a_session_is_like_and_its_side_effects():
    spec = ketamine()
    text = file_text(spec)
    headings = [block["value"]["text"] for block in spec["body"] if block["type"] == "heading"]

    assert "What a session is like" in headings
    for effect in ("dissociation", "higher blood pressure", "nausea", "drowsiness"):
        assert effect in text, effect
    assert "don't drive, ride a bike or use machines until the next day" in text


def test_the_ketamine_page_gives_the_longer_term_risks():
    text = file_text(ketamine())

    assert "serious bladder damage" in text and "blood in your urine" in text
    assert "schedule iii controlled substance" in text
    assert "can be misused and can lead to dependence" in text


def test_the_ketamine_page_says_who_should_not_have_it():
    spec = ketamine()
    text = file_text(spec)
    body = [plain(str(block["value"])) for block in spec["body"]]
    [at] = [number for number, block in enumerate(body) if "we will not offer it" in block]
    lead_in, reasons = body[at], body[at + 1]

    # Each reason reads on from the lead-in: "We will not offer it if: you have ...".
    assert lead_in.endswith("we will not offer it if:")
    for reason in (
        "you have ever had an allergic reaction to ketamine or esketamine",
        "you have psychosis now or in the past",
        "you have mania now, such as with bipolar disorder",
        "you have high blood pressure that is not under control",
        "you have an aneurysm",
        "you have had bleeding in the brain",
        "you are pregnant",
    ):
        assert reason in reasons, reason
    assert "if you have bipolar disorder, heart disease" in text  # extra care
    assert "an older type of antidepressant called an maoi, can raise your blood pressure" in text
    spanish = spanish_of("ketamine-treatment")
    assert spanish["Ketamine is not safe for everyone. We will not offer it if:"].endswith(
        "No la ofrecemos si usted:"
    )
    assert "reacción alérgica a la ketamina" in spanish_starting(
        "ketamine-treatment", "you have ever had an allergic reaction"
    )
    assert "trastorno bipolar" in spanish_starting("ketamine-treatment", "you have mania now")
    assert "IMAO" in spanish_starting("ketamine-treatment", "We offer it to adults")


def test_the_ketamine_page_gives_esketamines_boxed_warning_where_it_names_esketamine():
    [esketamine] = [
        item
        for block in ketamine()["body"]
        if block["type"] == "list"
        for item in re.findall(r"<li>(.*?)</li>", collapse_whitespace(block["value"]))
        if item.startswith("<b>Esketamine nasal spray</b> (Spravato)")
    ]
    text = plain(esketamine)

    assert "it carries a boxed warning, the fda's strongest kind" in text
    for risk in ("very sleepy", "feel disconnected", "slow your breathing", "misused"):
        assert risk in text, risk
    assert "thoughts of suicide in some young adults" in text
    spanish = spanish_starting("ketamine-treatment", "<b>Esketamine nasal spray</b> (Spravato)")
    assert "advertencia en recuadro" in spanish and "adultos jóvenes" in spanish


def test_the_ketamine_page_states_cost_and_insurance_plainly_and_the_questions_to_ask():
    spec = ketamine()
    text = file_text(spec)
    headings = [block["value"]["text"] for block in spec["body"] if block["type"] == "heading"]

    assert "Cost and insurance" in headings and "Questions to ask before you start" in headings
    assert "each session costs $550" in text and "6 sessions costs $3,300" in text
    assert "most insurance plans don't pay for it" in text
    assert "prior authorization" in text and "written price before your first session" in text


def test_the_ketamine_page_makes_none_of_the_claims_the_review_rejects():
    text = file_text(ketamine())

    for claim in ("narcotic", "not addictive", "chemical imbalance", "no side effects", "cure for"):
        assert claim not in text, claim
    # How it works: honest that it is not one chemical.
    assert "it is not that simple" in text and "none of this is proven" in text


def test_the_ketamine_page_has_every_urgency_tier_and_a_safe_988_box():
    callouts_ = file_callouts(ketamine())
    [box] = [value for value in callouts_ if value["label"] == "Call or text 988"]
    text = plain(box["text"])

    assert {value.get("tier") for value in callouts_} >= {"emergency", "today", "routine"}
    assert "keep your medicines for you for now" in text and "stay with them" in text
    for option in ("for spanish, press 2", "veterans, press 1", "videophone", "tty"):
        assert option in text, option


def test_the_ketamine_page_says_how_long_you_are_watched_and_where_each_tier_sends_you():
    spec = ketamine()
    [emergency] = [box for box in file_callouts(spec) if box.get("tier") == "emergency"]
    [today] = [box for box in file_callouts(spec) if box.get("tier") == "today"]
    spanish = spanish_of("ketamine-treatment")

    # At least 2 hours (the esketamine rule), and until the effects wear off (IV ketamine).
    assert (
        "You stay with us for 2 hours or more, until it wears off. Don't drive until the next day."
        in (spec["key_points"])
    )
    # During a session the team is there; the 911 box is for after you leave.
    assert emergency["heading"] == "Call 911 if you have any of these after you leave a session"
    assert "if you have thoughts of suicide, call or text 988 now" in plain(today["text"])
    assert "2 horas o más" in spanish_starting("ketamine-treatment", "You stay with us for 2")
    assert "después de salir de una sesión" in spanish[emergency["heading"]]
    assert "988" in spanish_starting("ketamine-treatment", "If we are closed:")
    home_use = spanish_starting("ketamine-treatment", "We don't prescribe ketamine to take at home")
    assert "para usar en casa" in home_use and "aerosoles nasales" in home_use
    assert "caseros" not in home_use  # "homemade", which the English does not say


def test_the_ketamine_after_session_box_sends_psychosis_mania_and_confusion_to_the_ed():
    [today] = [box for box in file_callouts(ketamine()) if box.get("tier") == "today"]
    text = plain(today["text"])

    # Ketamine can bring on psychosis or mania, which the page lists as reasons not to have it.
    assert "seeing or hearing things that others don't, or feeling very high" in text
    assert "for bladder problems, go to an urgent care center" in text
    assert (
        "for confusion, strong drowsiness, or changes in your mood or thinking, go to an emergency "
        "department"
    ) in text
    signs = spanish_starting("ketamine-treatment", "seeing or hearing things that others don't")
    assert signs.startswith("ve u oye cosas") and "euforia" in signs
    closing = spanish_starting("ketamine-treatment", "If we are closed:")
    assert "clínica de atención urgente (urgent care)" in closing
    assert "cambios en su ánimo o en sus pensamientos, vaya a una sala de emergencias" in closing


def test_the_ketamine_page_gives_esketamines_label_as_it_is_now():
    spec = ketamine()
    text = file_text(spec)
    [esketamine] = [
        drug for drug in spec["structured_data"]["drugs"] if drug["name"] == "Esketamine"
    ]

    # Since 2020 also for depression with suicidal thoughts or actions; since 2025 also alone.
    assert "it can be used alone or with an antidepressant taken by mouth" in text
    assert (
        "adults with depression who have thoughts of suicide or have tried to act on them" in text
    )
    assert "esketamine was tested together with an antidepressant" not in text
    assert "alone or with an oral antidepressant" in esketamine["approval"]
    assert "suicidal thoughts or actions" in esketamine["approval"]
    spanish = spanish_starting("ketamine-treatment", "<b>Esketamine nasal spray</b> (Spravato)")
    assert "Se puede usar sola o junto con un antidepresivo" in spanish
    assert (
        "pensamientos o conductas suicidas"
        in spanish_of("ketamine-treatment")[esketamine["approval"]]
    )


def test_the_ketamine_page_gives_esketamines_limitation_of_use_on_suicidal_thoughts():
    # Review 4, M2: the Spravato label says it has not been shown to reduce suicidal thoughts
    # or prevent suicide, nor to replace a hospital stay; the short-lived easing of suicidal
    # thoughts was seen with IV ketamine in studies, not promised by this paid service.
    text = file_text(ketamine())
    esketamine = spanish_starting("ketamine-treatment", "<b>Esketamine nasal spray</b> (Spravato)")
    evidence = spanish_starting("ketamine-treatment", "In some studies, IV ketamine eased")

    assert (
        "have tried to act on them. but it has not been shown to ease those thoughts or to prevent "
        "suicide, and it does not replace a hospital stay if you need one"
    ) in text
    assert "in some studies, iv ketamine eased thoughts of suicide for a few days" in text
    assert "ketamine can ease thoughts of suicide" not in text
    assert "no se ha demostrado que alivie esos pensamientos ni que prevenga el suicidio" in (
        esketamine
    )
    assert "no reemplaza una hospitalización" in esketamine
    assert "actuar según ellos" not in esketamine and "quitarse la vida" in esketamine
    assert evidence.startswith("En algunos estudios, la ketamina IV alivió")


def test_the_ketamine_page_gives_one_account_of_how_long_a_session_takes():
    text = file_text(ketamine())

    assert "it usually fades within about an hour after the drip stops" in text
    assert "plan to be with us for 2 to 3 hours" in text
    assert "about 2 hours" not in text and "an hour or two" not in text
    assert "de 2 a 3 horas" in spanish_starting("ketamine-treatment", "You rest with us")


def test_the_ketamine_page_warns_of_slowed_breathing_with_sedatives_and_alcohol():
    text = file_text(ketamine())
    spanish = spanish_starting("ketamine-treatment", "We offer it to adults")

    assert (
        "opioids, benzodiazepines, sleeping pills and alcohol, add to the drowsiness and can slow "
        "your breathing"
    ) in text
    assert "don't drink alcohol on the day of a session" in text
    assert "pueden hacer más lenta la respiración" in spanish
    assert "No tome alcohol el día de una sesión" in spanish
    # Review 4, m9: "benzodiazepines make ketamine work less well" must not lead anyone to stop
    # one before a session; sudden stopping can bring seizures.
    assert "if you take a benzodiazepine, don't stop or skip it on your own before a session" in (
        text
    )
    assert "no la deje ni se salte dosis por su cuenta antes de una sesión" in spanish


def test_the_ketamine_page_is_for_adults_not_in_breastfeeding_and_asks_for_birth_control():
    spec = ketamine()
    body = [plain(str(block["value"])) for block in spec["body"]]
    [at] = [number for number, block in enumerate(body) if "we will not offer it" in block]
    reasons, after = body[at + 1], body[at + 2]

    assert "you are breastfeeding" in reasons
    assert "breastfeeding" not in after  # not merely "extra care"
    assert "we offer it to adults (18 and over) only" in after
    assert "if you could get pregnant, use birth control during treatment" in after
    spanish = spanish_starting("ketamine-treatment", "We offer it to adults")
    assert "de 18 años o más" in spanish and "método anticonceptivo" in spanish
    assert "amamantando" not in spanish
    assert spanish_of("ketamine-treatment")["you are breastfeeding"] == "está amamantando"


def test_the_ketamine_page_declares_the_clinics_interest_on_the_page():
    # The clinic sells the treatment and its medical director reviewed the page.
    spec = ketamine()
    text = file_text(spec)

    assert spec["medical_reviewer"] == "farrow"
    assert "we offer ketamine treatment at willowmere, and we charge for it" in text
    assert "this page was reviewed by our medical director" in text
    spanish = spanish_starting("ketamine-treatment", "We offer ketamine treatment at Willowmere")
    assert "lo cobramos" in spanish and "nuestra directora médica" in spanish


def test_the_ketamine_spanish_says_uneasy_as_fear_not_discomfort():
    spanish = spanish_starting("ketamine-treatment", "You will likely feel strange")

    assert "intranquilo o con miedo" in spanish and "incómodo" not in spanish


@pytest.mark.parametrize(
    ("slug", "english_start"),
    [
        ("ketamine-treatment", "Esketamine helps more than a dummy spray"),
        ("treatments-for-long-lasting-pain", "On average the gains are modest"),
    ],
)
def test_a_modest_benefit_stays_modest_in_spanish(slug, english_start):
    """Review 10, M1: "moderado" is a medium-sized benefit, bigger than the English says."""
    spanish = spanish_starting(slug, english_start)

    assert "modest" in spanish and "moderad" not in spanish


def test_the_ketamine_page_reads_at_grade_eight_and_passes_the_editors_checks():
    body = body_of(ketamine())

    ArticleStreamBlock().clean(body)
    assert reading_grade(body) <= 8


def test_the_ketamine_page_cites_public_sources_by_title_and_link():
    sources = ketamine()["sources"]
    hosts = {urlsplit(source["url"]).hostname for source in sources}

    assert len(sources) >= 5
    for source in sources:
        assert source["title"] and source["publisher"] and source["year"]
        assert urlsplit(source["url"]).scheme == "https"
        assert TRUSTED_SOURCE_HOSTS.search(urlsplit(source["url"]).hostname), source["url"]
    assert {"www.fda.gov", "medlineplus.gov", "doi.org"} <= hosts


def test_the_ketamine_page_gives_its_structured_data_for_the_therapy_and_both_drugs():
    data = ketamine()["structured_data"]

    assert data["therapy"] == "Ketamine treatment"
    assert [drug["name"] for drug in data["drugs"]] == ["Ketamine", "Esketamine"]
    for drug in data["drugs"]:
        assert drug["legal_status"].startswith("Schedule III")
        assert drug["prescription_status"] == "PrescriptionOnly"


def test_the_antidepressant_warning_gives_the_months_the_fda_label_gives():
    # Review 5, M1: the boxed warning and Medication Guide say the first few months and any
    # change in dose; "weeks" could make a family stop watching too soon.
    english = file_text(article_files()["3-low-mood-or-worry-when-to-ask-for-help.toml"])
    spanish = plain(" ".join(spanish_of("low-mood-or-worry-when-to-ask-for-help").values()))

    assert "in the first few months of treatment, and after any change in dose" in english
    assert "first few weeks" not in english
    assert "en los primeros meses de tratamiento, y después de cualquier cambio de dosis" in spanish
    assert "primeras semanas" not in spanish


def test_pacing_faq_sends_stroke_signs_to_911():
    # Review 5, m6: sudden one-sided weakness or numbness, a drooping face or trouble speaking
    # is a stroke sign, not something for a same-day call.
    english = file_text(article_files()["4-pacing-a-steadier-way-to-live-with-chronic-pain.toml"])
    spanish = plain(
        " ".join(spanish_of("pacing-a-steadier-way-to-live-with-chronic-pain").values())
    )

    assert "call 911 at once for sudden weakness or numbness on one side of your body" in english
    assert "llame al 911 de inmediato si de repente tiene debilidad o entumecimiento" in spanish
    assert "la cara caída o dificultad para hablar" in spanish


def test_heart_and_aorta_signs_in_the_back_pain_box_mean_911_not_driving(demo_site):
    # Review 7, M1: chest pain, trouble breathing or sudden severe pain with fainting may be a
    # heart attack or a tearing aorta: 911, not "or go to the emergency department" by car.
    box = callout_with_heading(
        article("can-mental-health-issues-cause-back-pain"), "Call 911 or go to the emergency"
    )
    text = " ".join(callout_text(box).split())
    spanish = spanish_starting(
        "can-mental-health-issues-cause-back-pain", "These can be signs of pressure on the nerves"
    )

    assert (
        "for chest pain, trouble breathing, or sudden, severe pain with fainting, call 911 now "
        "and don't drive yourself"
    ) in text
    assert "llame al 911 ahora y no maneje usted mismo" in spanish


def test_pacing_faq_says_where_to_go_for_new_numbness_when_the_clinic_cant_be_reached():
    # Review 8, M2: "contact your clinician the same day" had no route for a Friday evening or
    # a weekend, unlike the back-pain article's same symptom.
    english = file_text(article_files()["4-pacing-a-steadier-way-to-live-with-chronic-pain.toml"])
    spanish = spanish_starting(
        "pacing-a-steadier-way-to-live-with-chronic-pain", "Some soreness with activity"
    )

    assert (
        "stop and contact your clinician the same day. if you can't reach us today, go to an "
        "urgent care center or an emergency department."
    ) in english
    assert (
        "el mismo día. Si no puede comunicarse con nosotros hoy, vaya a una clínica de atención "
        "urgente (urgent care) o a una sala de emergencias."
    ) in spanish


def test_the_ketamine_911_box_tells_the_companion_what_over_sedation_looks_like():
    # Review 8, m1: a heavily sedated patient can't call 911; the person who takes them home can.
    [emergency] = [box for box in file_callouts(ketamine()) if box.get("tier") == "emergency"]
    [today] = [box for box in file_callouts(ketamine()) if box.get("tier") == "today"]

    assert (
        "if you are with someone after a session and they are very hard to wake, or their "
        "breathing is slow or shallow, call 911."
    ) in plain(emergency["text"])
    assert "for confusion, strong drowsiness, or changes" in plain(today["text"])
    companion = spanish_starting("ketamine-treatment", "If you are with someone after a session")
    assert "muy difícil despertar a la persona" in companion and "llame al 911" in companion
    assert "Si tiene confusión, mucha somnolencia o cambios" in spanish_starting(
        "ketamine-treatment", "If we are closed:"
    )


def test_the_ketamine_fasting_step_says_to_keep_taking_usual_medicines():
    # Review 8, m2: ketamine raises blood pressure; fasting must not mean skipping its tablets.
    text = file_text(ketamine())
    spanish = spanish_starting("ketamine-treatment", "On the day, don't eat")

    assert (
        "take your usual medicines, including blood pressure medicines, with a small sip of "
        "water, unless we tell you otherwise."
    ) in text
    assert (
        "Tome sus medicamentos de siempre, incluidos los de la presión, con un sorbo de agua"
        in (spanish)
    )


def test_the_ketamine_page_will_not_offer_it_during_current_drug_misuse():
    # Review 8, m3: current misuse defers treatment; only a past problem is "extra care".
    spec = ketamine()
    body = [plain(str(block["value"])) for block in spec["body"]]
    [at] = [number for number, block in enumerate(body) if "we will not offer it" in block]
    reasons, after = body[at + 1], body[at + 2]

    assert (
        "you are misusing ketamine or other drugs now (we can help you get support for this first)"
        in reasons
    )
    assert "a past problem with alcohol or drugs" in after
    assert spanish_starting("ketamine-treatment", "you are misusing ketamine").startswith(
        "hace mal uso de la ketamina o de otras drogas en este momento"
    )


OTHER_OPTIONS = "Other options for hard-to-treat depression"


def test_the_ketamine_page_gives_the_other_options_for_hard_to_treat_depression():
    # Review 9, M1: a paid, off-label treatment needs its reasonable alternatives for consent,
    # including the ones the clinic doesn't offer, and the ECT its cited trial compared it with.
    spec = ketamine()
    text = file_text(spec)
    headings = [block["value"]["text"] for block in spec["body"] if block["type"] == "heading"]
    spanish = spanish_of("ketamine-treatment")

    assert OTHER_OPTIONS in headings
    for option in (
        "changing or adding a medicine",
        "talking therapy",
        "tms (transcranial magnetic stimulation)",
        "ect (electroconvulsive therapy)",
    ):
        assert option in text, option
    assert "it is the most effective treatment for severe depression" in text
    assert "without psychosis, iv ketamine did about as well as ect" in text
    assert "insurance usually covers these options" in text
    assert "we don't offer tms or ect, but we can refer you to a team that does" in text
    assert spanish[OTHER_OPTIONS] == "Otras opciones para la depresión difícil de tratar"
    assert "funcionó más o menos igual de bien que la TEC" in spanish_starting(
        "ketamine-treatment", "It does not help everyone."
    )
    assert "<b>EMT</b> (estimulación magnética transcraneal" in spanish_starting(
        "ketamine-treatment", "<b>TMS</b>"
    )
    assert "el tratamiento más eficaz para la depresión grave" in spanish_starting(
        "ketamine-treatment", "<b>ECT</b>"
    )
    assert "No ofrecemos EMT ni TEC, pero podemos referirle" in spanish_starting(
        "ketamine-treatment", "Insurance usually covers these options"
    )


def test_what_else_could_i_try_first_links_to_the_other_options_in_both_languages(
    client, bilingual_demo_site
):
    # Review 9, M1: the page's own question leads to its answer; on the Spanish page, to the
    # Spanish heading, whose anchor is made from its Spanish text.
    english = english_page("ketamine-treatment")
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    spanish_heading = spanish_of("ketamine-treatment")[OTHER_OPTIONS]

    for page, heading, question in (
        (english, OTHER_OPTIONS, "What else could I try first?"),
        (spanish, spanish_heading, "¿Qué otra cosa podría probar primero?"),
    ):
        html = client.get(page.url).content.decode()
        anchor = heading_anchor(heading)
        assert f'<h2 id="{anchor}">{heading}</h2>' in html, heading
        assert f'<a href="#{anchor}">{question}</a>' in html, question


def test_the_ketamine_page_says_its_session_and_prices_are_for_depression_not_pain():
    # Review 9, M2: the 40-minute, $550, 6-session account is the depression protocol; the CRPS
    # evidence (ASRA/AAPM/ASA 2018) comes from longer infusions over days, with relief for up to
    # about 12 weeks. A reader with pain must not take one for the other.
    spec = ketamine()
    text = file_text(spec)
    [after_heading] = [
        plain(spec["body"][number + 1]["value"])
        for number, block in enumerate(spec["body"])
        if block["value"] == {"text": "What a session is like", "level": "h2"}
    ]
    spanish = spanish_of("ketamine-treatment")

    assert "for depression, this usually takes about 40 minutes. for pain, it takes longer" in text
    assert "crps for a few weeks" not in text and "(crps) for a few weeks" not in text
    assert "the relief lasted from a few weeks to about 3 months" in text
    assert "often for several hours a day over several days" in text
    assert "the session steps and prices on this page are for depression" in text
    assert "we will explain the plan, the risks and the cost at your visit" in text
    assert after_heading.startswith("these steps are for iv ketamine for depression")
    assert "for depression, each session costs $550" in text
    assert "iv ketamine for pain takes longer and is planned for each person" in text
    assert "for depression or pain is off-label" not in text
    # The page still offers ketamine for pain, so its structured data still names CRPS.
    assert "Complex regional pain syndrome" in spec["structured_data"]["conditions"]
    assert "desde algunas semanas hasta unos 3 meses" in spanish_starting(
        "ketamine-treatment", "For pain, the evidence is weaker."
    )
    assert "durante algunas semanas" not in " ".join(spanish.values())
    assert "los precios de esta página son para la depresión" in spanish_starting(
        "ketamine-treatment", "Ketamine for pain is given in a different way"
    )
    assert "Para la depresión, cada sesión cuesta $550" in spanish_starting(
        "ketamine-treatment", "<b>IV ketamine</b> is off-label"
    )
    assert "Hablamos del costo en su consulta" in spanish_starting(
        "ketamine-treatment", "<b>IV ketamine for pain</b>"
    )


def test_new_confusion_from_a_pain_medicine_goes_to_an_emergency_department_at_any_time(
    demo_site,
):
    # Review 9, M3: new confusion or marked sleepiness can be early opioid or sedative toxicity,
    # serotonin syndrome or delirium: not for a pharmacist or urgent care. The ketamine page and
    # the serotonin box on this page already send it to an emergency department.
    # Review 10, m1: it sat in the "call us today" list too, and after "If we are closed", so it
    # read as an emergency only when we are closed. Now it is in one tier: the ED, at any time.
    slug = "treatments-for-long-lasting-pain"
    page = article(slug)
    value = callout_with_heading(page, "Call us today if a pain medicine")
    box = " ".join(callout_text(value).split())
    [call_today_list] = re.findall(r"<ul>.*?</ul>", value["text"].source, re.S)
    serotonin = callout_text(callout_with_heading(page, "Call your prescriber right away"))
    [ketamine_today] = [box for box in file_callouts(ketamine()) if box.get("tier") == "today"]
    [note] = [box for _day, box in update_notes(article_files()["2-" + slug + ".toml"])]

    assert "new dizziness or mild drowsiness" in plain(call_today_list)
    assert "confusion" not in plain(call_today_list) and "sleepier" not in plain(call_today_list)
    emergency = (
        "go to an emergency department now, at any time, if a pain medicine causes new confusion "
        "or makes you much sleepier than usual."
    )
    closed = (
        "if we are closed, call the clinician who prescribed it or a pharmacist, or go to an "
        "urgent care center. if someone is very hard to wake, or their breathing is slow, call 911."
    )
    assert emergency in box and closed in box
    assert box.index(emergency) < box.index(closed)
    # The same answer on every page a weekend reader may land on.
    assert "confusion" in serotonin and "go to an emergency department" in serotonin
    assert "for confusion, strong drowsiness" in plain(ketamine_today["text"])
    assert "new confusion or much more sleepiness" in plain(note["text"])
    spanish = spanish_of(slug)
    assert "confusión" not in spanish["new dizziness or mild drowsiness"]
    assert spanish_starting(slug, "Go to an emergency department now, at any time") == (
        "Vaya ahora mismo a una sala de emergencias, a cualquier hora, si un medicamento para el "
        "dolor le causa confusión nueva o le da mucho más sueño de lo normal."
    )
    closed_es = spanish_starting(slug, "If we are closed, call the clinician")
    assert "confusión" not in closed_es
    assert closed_es.endswith(
        "Si es muy difícil despertar a la persona, o respira despacio, llame al 911."
    )


def test_amitriptyline_says_what_to_do_if_someone_takes_too_much_and_how_to_store_it(demo_site):
    # Review 9, M4: the page recommends amitriptyline, the medicine on the site most dangerous in
    # overdose, and gave an overdose step only for acetaminophen. A tricyclic overdose can turn
    # serious fast, so it is 911 at once, even when the person seems well.
    slug = "treatments-for-long-lasting-pain"
    text = text_of(article(slug))
    [note] = [box for _day, box in update_notes(article_files()["2-" + slug + ".toml"])]

    assert (
        "if someone may have taken too much amitriptyline, or a child swallows any, call 911 at "
        "once, even if they seem well. it is dangerous in overdose, even in small amounts."
    ) in text
    assert "for questions at any time, call poison help at 1-800-222-1222" in text
    assert "keep amitriptyline locked away, out of reach of children" in text
    assert "keep only what you need at home" in text
    assert "we can prescribe smaller amounts or choose a different medicine" in text
    assert "too much amitriptyline" in plain(note["text"])
    overdose = spanish_starting(slug, "<b>If someone may have taken too much amitriptyline")
    assert "llame al 911 de inmediato</b>, aunque la persona parezca estar bien" in overdose
    assert "(Poison Help) al <b>1-800-222-1222</b> (hay atención en español)" in overdose
    storage = spanish_starting(slug, "Keep amitriptyline locked away")
    assert "bajo llave, fuera del alcance de los niños" in storage
    assert "tenga en casa solo la cantidad que necesita" in storage


def test_a_mood_drop_after_a_ketamine_session_sits_in_one_tier():
    # Review 10, m2: "your mood drops again between sessions" (book an appointment) and "low
    # mood" (today, or the ED when closed) both fit a mood that falls days after a session. The
    # routine box is now for a benefit that slowly wears off with no thoughts of suicide; a
    # sudden or big drop is the same-day tier's.
    [today] = [box for box in file_callouts(ketamine()) if box.get("tier") == "today"]
    [routine] = [box for box in file_callouts(ketamine()) if box.get("tier") == "routine"]
    spanish = spanish_of("ketamine-treatment")
    wears_off = (
        "the benefit seems to wear off between sessions (your mood slowly slips back), with no "
        "thoughts of suicide"
    )
    sudden = "a sudden or big drop in your mood, new or worse anxiety, or frightening thoughts"

    assert wears_off in plain(routine["text"])
    assert "mood drops" not in plain(routine["text"])
    assert sudden in plain(today["text"])
    assert "poco a poco" in spanish[wears_off]
    assert "sin pensamientos de suicidio" in spanish[wears_off]
    assert "baja de repente o mucho" in spanish[sudden]


def test_the_sleep_key_point_calls_the_prescriber_as_the_body_does():
    # Review 10, m10: many readers' sleeping pills come from another prescriber; the key point
    # said "call us" where the body and FAQ say "call your prescriber".
    spec = article_files()["1-sleep-pain-and-mood.toml"]
    [point] = [point for point in spec["key_points"] if "Z-drug" in point]
    spanish = spanish_of(spec["slug"])[point]

    assert point.endswith("stop it and call your prescriber.")
    assert "stop it and call your prescriber" in file_text(spec)
    assert "call us" not in point.lower()
    assert spanish.endswith("y llame a quien se lo recetó.") and "llámenos" not in spanish


# Each field of the contact form that is stored, and how the privacy policy names it.
PRIVACY_NAMES = {
    "name": "your name",
    "email": "your email address",
    "phone": "phone number",
    "contact_method": "how and when you would like us to contact you",
    "best_time": "how and when you would like us to contact you",
    "topic": "the topic you chose",
    "message": "your message",
    "self_harm_thoughts": "your answer to the question about thoughts of suicide or self-harm",
    "source": "which page of our site you came from",
}
# Fields that are not stored as the person wrote them: the consent box (a time is kept), the
# form's timestamp and the honeypot.
NOT_STORED = {"consent", "started", "website"}


def privacy_text(language_code):
    english = StandardPage.objects.get(slug="privacy-policy", locale__language_code="en")
    page = english.get_translation(Locale.objects.get(language_code=language_code))
    return " ".join(strip_tags(page.body.render_as_block()).split())


def test_the_privacy_policy_names_everything_the_form_stores_and_who_sees_it(demo_site):
    # Review 10, m13: the policy left out the answer to the self-harm question, the most
    # sensitive thing the form keeps, and the contact method and best time.
    text = privacy_text("en")

    assert set(EnquiryForm.base_fields) - NOT_STORED == set(PRIVACY_NAMES)
    for field, name in PRIVACY_NAMES.items():
        assert name in text, field
    assert "Only our intake team, the staff allowed to see these messages, can see them." in text


def test_the_spanish_privacy_policy_names_the_self_harm_answer_and_who_sees_it(
    bilingual_demo_site,
):
    text = privacy_text("es")

    for name in (
        "su correo electrónico y su número de teléfono",
        "cómo y cuándo prefiere que nos comuniquemos con usted",
        "su respuesta a la pregunta sobre pensamientos de suicidio o de hacerse daño",
        "Solo nuestro equipo de admisión, el personal autorizado para ver estos mensajes",
    ):
        assert name in text, name
