"""Importing articles from a clinic's old site: how plain text and Markdown are read (no
database), and what `manage.py import_articles` creates, updates, skips and reports."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.importers import ArticleParseError, parse_article_file
from articles.importers.markdown_files import parse_markdown
from articles.importers.parsed import parse_date, truncate_at_word
from articles.importers.plain_text import LineKind, classify_line, parse_plain_text
from articles.importers.writer import check_stream
from articles.models import ArticleIndexPage, ArticlePage, Topic
from clinic.blocks import list_html

SAMPLES = Path(__file__).parent / "samples"
BACK_PAIN = SAMPLES / "easing-everyday-back-pain.txt"
SLEEP = SAMPLES / "sleep-after-a-sports-injury.md"


def parse_sample(path):
    return parse_article_file(path.name, path.read_bytes())


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": f"<p>{html}</p>"}


def bullets(*items, style="bulleted"):
    return {"type": "list", "value": list_html(items, numbered=style == "numbered")}


# --- Line classification ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("What is back pain?", LineKind.HEADING),
        ("What causes back pain?", LineKind.HEADING),
        ("How to prevent back pain", LineKind.HEADING),
        ("Diagnosis & treatment", LineKind.HEADING),
        ("  2 simple stretches  ", LineKind.HEADING),
        ("Back pain is very common.", LineKind.TEXT),
        ("The causes we see most often include:", LineKind.TEXT),
        ("Neck, shoulders,", LineKind.TEXT),
        ("Contact us today!", LineKind.TEXT),
        ("Stay active; rest only briefly;", LineKind.TEXT),
        ("and the lower back", LineKind.TEXT),
        ("A long line without a full stop " + "that goes on and on " * 4, LineKind.TEXT),
        ("• Strained muscles", LineKind.BULLET),
        ("•Strained muscles", LineKind.BULLET),
        ("    - on long drives", LineKind.BULLET),
        ("* Keep active", LineKind.BULLET),
        ("Nov 9, 2022", LineKind.DATE),
        ("November 9, 2022", LineKind.DATE),
        ("Nov. 9 2022", LineKind.DATE),
        ("2022-11-09", LineKind.DATE),
        ("", LineKind.BLANK),
        ("   \t", LineKind.BLANK),
        ("* * *", LineKind.BLANK),
    ],
)
def test_classify_line(line, kind):
    assert classify_line(line) is kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 9, 2022", (2022, 11, 9)),
        ("November 9, 2022", (2022, 11, 9)),
        ("sept 30, 2021", (2021, 9, 30)),
        ("2022-11-09", (2022, 11, 9)),
        ("Feb 30, 2022", None),
        ("Smarch 3, 2022", None),
        ("2022-13-01", None),
        ("Posted Nov 9, 2022", None),
    ],
)
def test_parse_date(text, expected):
    parsed = parse_date(text)
    assert (parsed.timetuple()[:3] if parsed else None) == expected


def test_truncate_at_word_cuts_between_words_and_marks_the_cut():
    text = "Gentle movement helps most back pain settle quickly"
    assert truncate_at_word(text, 30) == "Gentle movement helps most…"
    assert truncate_at_word(text, 100) == text


# --- Plain text --------------------------------------------------------------------------------


def test_plain_text_sample_gives_title_date_and_exact_blocks():
    article = parse_sample(BACK_PAIN)

    assert article.title == "Easing everyday back pain"
    assert article.slug == "easing-everyday-back-pain"
    assert article.date.isoformat() == "2022-11-09"
    assert article.topics == ()
    assert article.blocks == [
        paragraph(
            "Most of us will have a sore back at some point. At Maple Row Clinic we see it every "
            "week, and the good news is that most back pain settles within a few weeks with "
            "simple care."
        ),
        heading("What is back pain?"),
        paragraph(
            "Back pain is discomfort anywhere between the neck and the hips. It can be a dull "
            "ache after a day in the garden or a sharp twinge when you stand up from your desk."
        ),
        heading("What causes back pain?"),
        paragraph("The causes we see most often in clinic include:"),
        bullets(
            "Strained muscles or ligaments",
            "Long hours sitting in one position",
            "at a desk without breaks",
            "on long drives",
            "Lifting with a rounded back",
            "Poor sleep and stress",
        ),
        heading("How to prevent back pain"),
        bullets(
            "Keep active with walking, swimming or cycling",
            "Set up your workstation so the screen is at eye level",
            "Bend your knees, not your back, when you lift",
        ),
        heading("What are the risks?"),
        paragraph("Anyone can get back pain, but it is more likely if you:"),
        bullets("smoke", "carry extra weight", "have a job with heavy lifting"),
        heading("Diagnosis & treatment"),
        paragraph(
            "Your clinician will ask about your symptoms and watch how you move. Scans are "
            "rarely needed. Treatment is usually simple: gentle exercise, heat &amp; rest, and "
            "short-term pain relief, and most people improve in &lt;6 weeks."
        ),
        paragraph("Contact us today!"),
    ]
    check_stream("body", article.blocks)


def test_plain_text_opening_paragraph_describes_the_article_but_is_not_its_summary():
    article = parse_sample(BACK_PAIN)
    # The summary is shown as the lead above the body: copied from the opening paragraph, the
    # page would say it twice. Listings and search engines get it as the description instead.
    assert article.summary == ""
    assert article.description.startswith("Most of us will have a sore back at some point.")
    assert article.description.endswith("with simple care.")


def test_plain_text_escapes_markup_instead_of_keeping_it():
    article = parse_plain_text('Old post\n\nWe said <script>alert("hi")</script> once.')
    assert article.blocks == [
        paragraph('We said &lt;script&gt;alert("hi")&lt;/script&gt; once.'),
    ]


def test_plain_text_title_repeat_is_dropped_only_right_after_the_title():
    article = parse_plain_text("Knee care\nKNEE  CARE\n\nKnees matter.\n\nKnee care\n\nMore text.")
    assert article.title == "Knee care"
    assert article.blocks == [
        paragraph("Knees matter."),
        heading("Knee care"),
        paragraph("More text."),
    ]


def test_plain_text_closing_line_without_full_stop_is_a_paragraph_not_a_heading():
    article = parse_plain_text("Knee care\n\nRest helps.\n\nCall 0161 496 0000 to book")
    assert article.blocks == [paragraph("Rest helps."), paragraph("Call 0161 496 0000 to book")]


def test_repeated_headings_are_renamed_so_the_body_validates():
    article = parse_plain_text("Knee care\n\nCauses\n\nOne.\n\nCauses\n\nTwo.\n\nCauses?\n\nThree.")

    headings = [block["value"]["text"] for block in article.blocks if block["type"] == "heading"]
    assert headings == ["Causes", "Causes (2)", "Causes? (3)"]
    assert 'repeated heading "Causes" renamed "Causes (2)"' in article.notes
    check_stream("body", article.blocks)


def test_a_first_heading_that_is_a_subheading_becomes_a_section_so_the_body_validates():
    article = parse_markdown(
        "# Knee care\n\nIntro.\n\n### Causes\n\nOne.\n\n### Overuse\n\nTwo.\n\n## Help\n\nThree."
    )

    levels = [
        (block["value"]["text"], block["value"]["level"])
        for block in article.blocks
        if block["type"] == "heading"
    ]
    assert levels == [("Causes", "h2"), ("Overuse", "h3"), ("Help", "h2")]
    assert any('"Causes" made a section heading' in note for note in article.notes)
    check_stream("body", article.blocks)


def test_long_first_paragraph_summary_is_cut_at_a_word_within_the_summary_limit():
    words = "Our physiotherapists explain gentle exercises for stiff backs " * 10
    article = parse_plain_text(f"Stiff backs\n\n{words.strip()}.")
    assert len(article.description) <= 300
    assert article.description.endswith("…")
    assert words.startswith(article.description.removesuffix("…"))
    assert article.description.removesuffix("…").split()[-1] in words.split()


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_sample_gives_front_matter_and_exact_blocks():
    article = parse_sample(SLEEP)

    assert article.title == "Sleep and recovery after a sports injury"
    assert article.slug == "sleep-and-recovery-after-a-sports-injury"
    assert article.date.isoformat() == "2023-03-14"
    assert article.summary.startswith("How a good night's sleep helps sprains")
    assert article.topics == ("Sports injuries", "sleep")
    assert article.blocks == [
        paragraph(
            "An injury from a weekend match can keep you awake. <b>Sleep is when tissue repair "
            "does much of its work</b>, so it pays to protect it. Read our "
            '<a href="https://example.org/articles/sprains/">guide to sprains</a> for first aid.'
        ),
        heading("Why sleep matters"),
        paragraph(
            "During deep sleep the body releases growth hormone, which helps "
            "<i>muscles and tendons</i> rebuild."
        ),
        heading("Tips for a better night"),
        bullets(
            "Keep the injured limb raised on a pillow",
            "Take pain relief as your clinician advised, not more",
            "Avoid screens for the last hour before bed",
        ),
        heading("A simple wind-down routine", "h3"),
        bullets(
            "Dim the lights at 9 pm",
            "Do five minutes of slow breathing",
            "Go to bed at the same time each night",
            style="numbered",
        ),
        {
            "type": "quote",
            "value": {
                "text": "Rest is not doing nothing: it is part of the treatment.",
                "attribution": "Priya Anand, physiotherapist",
            },
        },
        heading("When to call us"),
        paragraph(
            "If pain wakes you every night or you cannot put weight on the limb, "
            "<b>call the clinic</b>. Never this link."
        ),
    ]
    check_stream("body", article.blocks)


def test_markdown_raw_html_scripts_and_handlers_do_not_survive():
    body = json.dumps(parse_sample(SLEEP).blocks)
    for unsafe in ("script", "alert", "onclick", "steal", "javascript"):
        assert unsafe not in body


def test_markdown_first_h1_is_the_title_without_front_matter_and_later_h1s_are_sections():
    article = parse_markdown(
        "# Shin splints\n\nRunners know them well.\n\n# Causes\n\nToo much too soon.\n\n"
        "#### Footwear\n\nWorn shoes."
    )
    assert article.title == "Shin splints"
    assert article.slug == "shin-splints"
    assert article.date is None
    assert article.description == "Runners know them well."
    assert article.blocks == [
        paragraph("Runners know them well."),
        heading("Causes"),
        paragraph("Too much too soon."),
        heading("Footwear", "h3"),
        paragraph("Worn shoes."),
    ]


def test_markdown_h1_is_a_section_heading_when_front_matter_has_the_title():
    article = parse_markdown(
        "---\ntitle: Shin splints\nslug: shin-pain\ntopics: Running, running\n---\n"
        "# Shin splints\n\nIntro.\n\n# Causes\n\nToo much too soon."
    )
    assert article.slug == "shin-pain"
    assert article.topics == ("Running",)
    assert article.blocks == [
        paragraph("Intro."),
        heading("Causes"),
        paragraph("Too much too soon."),
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n", "empty"),
        ("latin1.txt", "Caf\u00e9 news\n\nOpen late.".encode("latin-1"), "not UTF-8"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("notes.docx", b"Title\n\nText.", "unsupported file type .docx"),
        ("title-only.txt", b"Just a title\n\n", "no body"),
        ("untitled.md", b"Some text without a heading.", "no title"),
        ("date.md", b"---\ntitle: T\ndate: last spring\n---\nText.", "bad front matter date"),
        ("yaml.md", b"---\ntitle: [unclosed\n---\nText.", "bad front matter"),
        ("summary.md", b"---\ntitle: T\nsummary: " + b"x" * 301 + b"\n---\nText.", "summary"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(ArticleParseError, match=reason):
        parse_article_file(name, data)


def test_body_check_explains_what_the_article_body_rejects():
    too_long = "A heading far longer than any section heading should ever be " * 3
    with pytest.raises(ArticleParseError, match=r"block 1 \(heading\).*120 characters"):
        check_stream("body", [heading(too_long)])


# --- The command ------------------------------------------------------------------------------


@pytest.fixture
def index(demo_site):
    """The site's articles index; made here when the demo content has none."""
    existing = ArticleIndexPage.objects.filter(locale__language_code="en").first()
    if existing is not None:
        return existing
    page = demo_site.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    page.save_revision().publish()
    return page


def run_import(*args):
    """Run the command; its report as text."""
    stdout = StringIO()
    call_command("import_articles", *map(str, args), stdout=stdout)
    return stdout.getvalue()


def imported(slug):
    return ArticlePage.objects.get(slug=slug)


@pytest.mark.django_db
def test_import_creates_a_draft_article_under_the_index(index):
    report = run_import(BACK_PAIN)

    page = imported("easing-everyday-back-pain")
    assert page.get_parent().pk == index.pk
    assert not page.live
    assert page.title == "Easing everyday back pain"
    assert page.publication_date.isoformat() == "2022-11-09"
    assert page.summary == ""
    assert page.search_description.startswith("Most of us will have a sore back")
    assert page.meta_description.startswith("Most of us will have a sore back")
    assert page.authors == []
    assert page.last_reviewed is None
    assert [block.block_type for block in page.body] == [
        block["type"] for block in parse_sample(BACK_PAIN).blocks
    ]
    assert page.get_latest_revision() is not None
    assert f"created {BACK_PAIN} → " in report
    assert "Created 1, updated 0, skipped 0." in report


@pytest.mark.django_db
def test_import_finds_topics_by_name_in_any_case_and_creates_missing_ones(index):
    sleep = Topic(name="Sleep", slug="sleep-health", live=False)
    sleep.save()

    run_import(SLEEP)

    page = imported("sleep-and-recovery-after-a-sports-injury")
    latest = page.get_latest_revision_as_object()
    assert {topic.name.lower() for topic in latest.topics.all()} == {"sleep", "sports injuries"}
    assert sleep in latest.topics.all()
    assert Topic.objects.filter(name__iexact="sports injuries").count() == 1


@pytest.mark.django_db
def test_imported_markdown_keeps_no_script(index):
    run_import(SLEEP)

    stored = json.dumps(list(imported("sleep-and-recovery-after-a-sports-injury").body.raw_data))
    assert "<script" not in stored
    assert "onclick" not in stored
    assert "guide to sprains" in stored


@pytest.mark.django_db
def test_a_broken_file_is_reported_and_skipped_while_the_others_import(index, tmp_path):
    broken = tmp_path / "old-newsletter.txt"
    broken.write_bytes("Caf\u00e9 hours\n\nWe open late.".encode("cp1252"))
    empty = tmp_path / "empty.md"
    empty.write_text("")

    report = run_import(broken, BACK_PAIN, empty, SLEEP)

    assert f"skipped {broken}: not UTF-8 text" in report
    assert f"skipped {empty}: the file is empty" in report
    assert "Created 2, updated 0, skipped 2." in report
    assert ArticlePage.objects.filter(slug="easing-everyday-back-pain").exists()
    assert ArticlePage.objects.filter(slug="sleep-and-recovery-after-a-sports-injury").exists()


@pytest.mark.django_db
def test_the_command_fails_when_every_file_is_skipped(index, tmp_path):
    broken = tmp_path / "scan.txt"
    broken.write_bytes(b"\x00\x01\x02")
    missing = tmp_path / "missing.md"
    before = ArticlePage.objects.count()

    with pytest.raises(CommandError, match="No article could be imported: 2 skipped"):
        run_import(broken, missing)
    assert ArticlePage.objects.count() == before


@pytest.mark.django_db
def test_a_file_whose_body_is_invalid_leaves_nothing_behind(index, tmp_path):
    too_long = tmp_path / "long-heading.md"
    too_long.write_text(
        "---\ntitle: Long heading\ntopics: [Brand new topic]\n---\n## " + "Long " * 40 + "\n\nText."
    )

    with pytest.raises(CommandError):
        run_import(too_long)
    assert not ArticlePage.objects.filter(slug="long-heading").exists()
    assert not Topic.objects.filter(name="Brand new topic").exists()


@pytest.mark.django_db
def test_reimporting_updates_the_article_instead_of_duplicating_it(index, tmp_path):
    article = tmp_path / "posture.md"
    article.write_text("---\ntitle: Posture at work\n---\nSit tall.")
    run_import(article)
    article.write_text("---\ntitle: Posture at work\ndate: 2021-05-04\n---\nSit tall. Move often.")

    report = run_import(article)

    assert ArticlePage.objects.filter(slug="posture-at-work").count() == 1
    latest = imported("posture-at-work").get_latest_revision_as_object()
    assert latest.body[0].value.source == "<p>Sit tall. Move often.</p>"
    assert latest.publication_date.isoformat() == "2021-05-04"
    assert imported("posture-at-work").revisions.count() == 2
    assert f"updated {article} → " in report
    assert "Created 0, updated 1, skipped 0." in report


def approve(page):
    """Marcus Ellery, a demo clinician, approves the imported article's Medical review."""
    page = ArticlePage.objects.get(pk=page.pk)
    marcus = get_user_model().objects.get(username="marcus.ellery")
    page.current_workflow_task.on_action(page.current_workflow_task_state, marcus, "approve")
    return ArticlePage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_reimporting_a_live_article_leaves_the_live_version_until_it_is_approved(index, tmp_path):
    article = tmp_path / "posture.md"
    article.write_text("---\ntitle: Posture at work\n---\nSit tall.")
    run_import(article, "--submit")
    approve(imported("posture-at-work"))
    article.write_text("---\ntitle: Posture at work\n---\nSit tall. Move often.")

    report = run_import(article)

    page = imported("posture-at-work")
    assert page.live
    assert page.has_unpublished_changes
    assert page.body[0].value.source == "<p>Sit tall.</p>"
    assert "the live version is unchanged until reviewed and published" in report

    report = run_import(article, "--submit")

    page = imported("posture-at-work")
    assert "submitted to Medical review; the live version is unchanged until approved" in report
    assert page.body[0].value.source == "<p>Sit tall.</p>"
    page = approve(page)
    assert page.live
    assert not page.has_unpublished_changes
    assert page.body[0].value.source == "<p>Sit tall. Move often.</p>"


@pytest.mark.django_db
def test_reimporting_keeps_what_editors_added(index, tmp_path):
    article = tmp_path / "posture.md"
    article.write_text("---\ntitle: Posture at work\n---\nSit tall.")
    run_import(article)
    page = imported("posture-at-work")
    page.search_description = "Written by an editor."
    page.save_revision()

    run_import(article)

    latest = imported("posture-at-work").get_latest_revision_as_object()
    assert latest.search_description == "Written by an editor."


@pytest.mark.django_db
def test_dry_run_reports_but_writes_nothing(index, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe")
    pages, topics = ArticlePage.objects.count(), Topic.objects.count()

    report = run_import(BACK_PAIN, SLEEP, broken, "--dry-run", "--submit")

    assert ArticlePage.objects.count() == pages
    assert Topic.objects.count() == topics
    assert f'would create {BACK_PAIN} → "Easing everyday back pain" (14 blocks)' in report
    assert f"skipped {broken}: not UTF-8 text" in report
    assert "Dry run, nothing written: would create 2, would update 0, skipped 1." in report


@pytest.mark.django_db
def test_dry_run_of_a_known_file_says_it_would_update(index):
    run_import(BACK_PAIN)

    report = run_import(BACK_PAIN, "--dry-run")

    assert f"would update {BACK_PAIN}" in report
    assert imported("easing-everyday-back-pain").revisions.count() == 1


@pytest.mark.django_db
def test_an_article_submitted_on_import_goes_live_once_a_clinician_approves_it(index, client):
    run_import(SLEEP, "--submit")
    page = imported("sleep-and-recovery-after-a-sports-injury")
    assert not page.live and page.current_workflow_task.name == "Medical review"

    page = approve(page)

    assert page.live
    assert not page.has_unpublished_changes
    response = client.get(page.url)
    assert response.status_code == 200
    assert "A simple wind-down routine" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("reference", ["id", "slug"])
def test_parent_is_chosen_by_id_or_slug(index, reference):
    value = index.pk if reference == "id" else index.slug

    run_import(BACK_PAIN, "--parent", value)

    assert imported("easing-everyday-back-pain").get_parent().pk == index.pk


@pytest.mark.django_db
def test_a_parent_that_is_not_an_articles_index_is_refused(index, demo_site):
    with pytest.raises(CommandError, match="is not an articles index"):
        run_import(BACK_PAIN, "--parent", demo_site.pk)
    with pytest.raises(CommandError, match='No articles index page has the id or slug "nowhere"'):
        run_import(BACK_PAIN, "--parent", "nowhere")
    assert not ArticlePage.objects.filter(slug="easing-everyday-back-pain").exists()


def test_without_any_articles_index_the_command_says_so(demo_site):
    for index in ArticleIndexPage.objects.all():  # the demo's, inside this test's transaction
        index.delete()
    with pytest.raises(CommandError, match="no articles index page"):
        run_import(BACK_PAIN)


@pytest.mark.django_db
def test_a_folder_imports_the_articles_inside_it(index, tmp_path):
    (tmp_path / "a.md").write_text("# Wrist care\n\nKeep it warm.")
    (tmp_path / "b.txt").write_text("Ankle care\n\nKeep it raised.")
    (tmp_path / "c.jpg").write_bytes(b"\xff\xd8")

    report = run_import(tmp_path)

    assert "Created 2, updated 0, skipped 0." in report
    assert ArticlePage.objects.filter(slug__in=["wrist-care", "ankle-care"]).count() == 2


# --- Sources ----------------------------------------------------------------------------------

SOURCES_MARKDOWN = """---
title: Back pain basics
---
Most back pain gets better with time.

## What helps

Keep moving.

## References

1. [Low back pain](https://www.niams.nih.gov/health-topics/back-pain). National Institute of
   Arthritis and Musculoskeletal and Skin Diseases, 2023. Accessed Nov 20, 2026.
2. What low back pain is and why it matters. The Lancet, 2018.
   https://doi.org/10.1016/S0140-6736(18)30480-X
3. A printed leaflet from the clinic, 2019.

## Next steps

Talk to us.
"""


def test_a_markdown_references_section_becomes_the_sources():
    article = parse_markdown(SOURCES_MARKDOWN)

    assert [source["value"] for source in article.sources] == [
        {
            "title": "Low back pain",
            "publisher": "National Institute of Arthritis and Musculoskeletal and Skin Diseases",
            "year": 2023,
            "url": "https://www.niams.nih.gov/health-topics/back-pain",
            "accessed": "2026-11-20",
        },
        {
            "title": "What low back pain is and why it matters",
            "publisher": "The Lancet",
            "year": 2018,
            "url": "https://doi.org/10.1016/S0140-6736(18)30480-X",
            "accessed": None,
        },
        {
            "title": "A printed leaflet from the clinic",
            "publisher": "",
            "year": 2019,
            "url": "",
            "accessed": None,
        },
    ]
    # The section left the body; what came after it stays.
    headings = [block["value"]["text"] for block in article.blocks if block["type"] == "heading"]
    assert headings == ["What helps", "Next steps"]
    assert 'source "A printed leaflet from the clinic" has no link' in " ".join(article.notes)
    check_stream("sources", list(article.sources))


def test_a_sources_heading_in_any_case_is_found():
    article = parse_markdown(
        "# Sleep\n\nText.\n\n## SOURCES\n\n- [NIMH](https://www.nimh.nih.gov/)\n"
    )
    assert [source["value"]["url"] for source in article.sources] == ["https://www.nimh.nih.gov/"]
    assert all(block["type"] != "heading" for block in article.blocks)


def test_imported_sources_are_saved_on_the_article_and_shown(index, tmp_path, client):
    path = tmp_path / "basics.md"
    path.write_text(SOURCES_MARKDOWN)

    run_import(path, "--submit")

    page = approve(imported("back-pain-basics"))
    assert [source.value["title"] for source in page.sources][:1] == ["Low back pain"]
    html = client.get(page.url).content.decode()
    assert '<h2 id="references-heading">Sources</h2>' in html
    assert '<a href="https://www.niams.nih.gov/health-topics/back-pain">Low back pain</a>' in html
