"""The demo articles as a clinical reviewer read them: cited, plain, safe, and reviewed by the
right clinician. Each check is one of the review's findings, so none can silently come back."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils.html import strip_tags

from articles.models import ArticlePage

# Public bodies and journals whose pages an educational article may cite.
TRUSTED_SOURCE_HOSTS = re.compile(
    r"(^|\.)(nih\.gov|cdc\.gov|fda\.gov|medlineplus\.gov|988lifeline\.org|nice\.org\.uk|"
    r"cochranelibrary\.com|doi\.org|acpjournals\.org|aasm\.org|ajnr\.org)$"
)
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
        elif block.block_type == "callout":
            parts += [value["label"] or "", value["heading"], value["text"].source]
        elif block.block_type == "quote":
            parts += [value["text"], value["attribution"]]
        elif block.block_type == "image":
            parts.append(value["caption"] or "")
        elif block.block_type == "faq":
            parts += [item["answer"].source for item in value["items"]]
    return " ".join(strip_tags(" ".join(parts)).lower().split())


def callouts(page, urgency):
    return [
        block.value
        for block in page.body
        if block.block_type == "callout" and block.value["urgency"] == urgency
    ]


def callout_text(value):
    return strip_tags(value["heading"] + " " + value["text"].source).lower()


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


def test_back_pain_claims_are_worded_as_the_evidence_allows(demo_site):
    text = text_of(article("can-mental-health-issues-cause-back-pain"))

    assert "linked with" in text
    assert "most adults" in text
    assert "lift with your knees" not in text
    assert "shared with permission" not in text


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


def test_low_mood_article_has_the_antidepressant_warning_and_timing(demo_site):
    page = article("low-mood-or-worry-when-to-ask-for-help")
    text = text_of(page)

    assert "out of proportion" not in text
    assert "most of the day, nearly every day, for two weeks or more" in text
    assert "under 25" in text
    assert "2 to 4 weeks to start helping, and 6 to 8 weeks for the full" in text
    suicide_box = next(value for value in callouts(page, "emergency") if "988" in value["label"])
    assert suicide_box["label"].startswith("Call or text 988")


def test_sleep_article_says_what_cbt_i_involves_and_warns_about_mixing(demo_site):
    text = text_of(article("sleep-pain-and-mood"))

    assert "sleep restriction" in text or "sleep scheduling" in text
    assert "opioids" in text and "gabapentin" in text


def test_pacing_article_cautions_people_who_crash_after_exertion(demo_site):
    page = article("pacing-a-steadier-way-to-live-with-chronic-pain")
    text = text_of(page)
    [chart] = [block.value for block in page.body if block.block_type == "image"]

    assert "me/cfs" in text and "long covid" in text
    assert chart["caption"].lower().startswith("illustration")
