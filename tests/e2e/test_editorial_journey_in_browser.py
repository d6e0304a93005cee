"""Issue #11's proof in a real browser: an editor writes an article with its sources and submits
it, a clinician approves its medical review, and readers then see who reviewed it, when, and
where its facts come from. Every step goes through the Wagtail admin as its users meet it."""

import re
from dataclasses import dataclass

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from articles.demo import EDITORS, MEDICAL_REVIEWERS
from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Clinician,
    ClinicianAccount,
)

pytestmark = pytest.mark.e2e

TITLE = "Walking with back pain"
PATH = "/articles/walking-with-back-pain/"
AUTHOR = "Marcus Ellery"
REVIEWER = "Imogen Farrow"
SECTION_HEADING = "Why gentle walking helps"
PARAGRAPH = "Walk a little every day, and a little further each week."
LIST_ITEMS = ("Start with ten minutes", "Wear comfortable shoes")
# Saving the whole article form is the slowest request here; on a busy CI machine it can take
# longer than expect()'s 5 seconds.
SERVER_TIMEOUT_MS = 20_000


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    year: str
    url: str


SOURCES = (
    Source(
        "Low back pain",
        "National Institute of Arthritis and Musculoskeletal and Skin Diseases",
        "2023",
        "https://www.niams.nih.gov/health-topics/back-pain",
    ),
    Source(
        "Physical activity guidelines for Americans",
        "U.S. Department of Health and Human Services",
        "2018",
        "https://odphp.health.gov/our-work/nutrition-physical-activity/physical-activity-guidelines",
    ),
)


@pytest.fixture
def new_browser_page(browser):
    """Pages in fresh browser contexts: separate people, each with their own cookies."""
    contexts = []

    def make():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def clinician_reviewer(staff_user):
    """A medical reviewer whose account is Imogen Farrow's. The demo linked her Clinician to
    a demo account; this moves the link (one account per clinician) to a user with a password."""
    reviewer = staff_user("clinical-reviewer", MEDICAL_REVIEWERS)
    ClinicianAccount.objects.filter(clinician__name=REVIEWER).update(user=reviewer)
    return reviewer


def articles_index():
    """The index readers reach at /articles/ (a translation of the site has one of its own)."""
    home = Site.objects.get(is_default_site=True).root_page
    return ArticleIndexPage.objects.child_of(home).get()


# --- The editor -----------------------------------------------------------------------------


def open_new_article_form(page, site, index):
    page.goto(f"{site}/admin/pages/{index.pk}/")  # the Articles section in the page explorer
    expect(page.get_by_role("heading", level=1)).to_have_text("Exploring: Articles")
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New: Article page")


def pick_option(page, label):
    """Choose from an open picker (the body's blocks, Draftail's menu), and wait for it to
    close: closing, it gives the focus back to the button that opened it."""
    page.get_by_role("option", name=label, exact=True).click()
    expect(page.get_by_role("listbox").filter(visible=True)).to_have_count(0)


def add_body_block(page, block_label):
    """Append a block to the body through the block picker; returns the new block."""
    body = page.get_by_role("region", name="Body*")
    body.get_by_role("button", name="Insert a block").last.click()
    pick_option(page, block_label)
    return body.get_by_role("region").last


def click_into_new_rich_text(block):
    """Click into a new rich text block once Draft.js has taken the focus (it then marks its
    editor): keys typed while the new block is still focusing itself are lost."""
    block.get_by_role("textbox").click()
    expect(block.locator(".Draftail-Editor")).to_have_class(re.compile("Draftail-Editor--focus"))


def expect_rich_text_kept(block, text):
    """Draftail copies its content to a hidden input a moment after each change; until then
    the form would send the old content."""
    expect(block.locator("input[type=hidden]")).to_have_value(re.compile(re.escape(text)))


def write_body(page):
    heading = add_body_block(page, "Heading")
    heading.get_by_role("textbox", name="Text*").fill(SECTION_HEADING)
    heading.get_by_role("combobox", name="Level*").select_option(label="Section heading (h2)")

    # Rich text is typed key by key, as a person types: Draft.js may miss a fill()'s text.
    paragraph = add_body_block(page, "Paragraph")
    click_into_new_rich_text(paragraph)
    page.keyboard.type(PARAGRAPH)
    expect_rich_text_kept(paragraph, PARAGRAPH)

    bulleted = add_body_block(page, "List")
    click_into_new_rich_text(bulleted)
    bulleted.get_by_role("button", name="Insert a block").click()  # Draftail's own menu
    pick_option(page, "Bulleted list")
    items = bulleted.locator("li")
    expect(items).to_have_count(1)
    items.first.click()  # the cursor in the first item, wherever the menu left the focus
    expect(bulleted.get_by_role("textbox")).to_be_focused()
    for number, item in enumerate(LIST_ITEMS, start=1):
        if number > 1:
            page.keyboard.press("Enter")  # as the block's help text says: the next item
            expect(items).to_have_count(number)
        page.keyboard.type(item)
        expect(items.nth(number - 1)).to_have_text(item)
    expect_rich_text_kept(bulleted, LIST_ITEMS[-1])


def add_sources(page):
    sources = page.get_by_role("region", name="Sources", exact=True)
    for source in SOURCES:
        sources.get_by_role("button", name="Insert a block").last.click()
        entry = sources.get_by_role("region").last
        entry.get_by_role("textbox", name="Title*").fill(source.title)
        entry.get_by_role("textbox", name="Publisher").fill(source.publisher)
        entry.get_by_role("spinbutton", name="Year").fill(source.year)
        entry.get_by_role("textbox", name="Link").fill(source.url)
    expect(sources.get_by_role("region")).to_have_count(len(SOURCES))


def choose_author(page, name):
    page.get_by_role("region", name="Author 1").get_by_role(
        "button", name="Choose clinician"
    ).click()
    page.get_by_role("dialog").get_by_role("link", name=re.compile(rf"^{name}\b")).click()
    expect(page.get_by_role("dialog")).to_be_hidden()


def write_and_submit_article(page, site, index):
    open_new_article_form(page, site, index)
    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill("Short, frequent walks help most backs.")
    write_body(page)
    add_sources(page)
    page.get_by_role("checkbox", name="Chronic pain").check()
    choose_author(page, AUTHOR)
    # A new page is not autosaved (clinic.middleware.AutosaveAfterFirstSaveMiddleware): the
    # form says nothing about autosave while it is being filled in, and the submission
    # creates the page.
    expect(page.locator("#w-autosave-indicator")).to_have_count(0)

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Medical review").click()
    submitted = page.get_by_text(re.compile(rf"Page '{TITLE}' .*submitted for moderation"))
    expect(submitted).to_be_visible(timeout=SERVER_TIMEOUT_MS)


def explorer_row(page, title):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))


# --- The reviewer ---------------------------------------------------------------------------


def open_from_awaiting_review(page, title):
    """Follow the article's link in the dashboard's "Awaiting your review" panel."""
    awaiting = page.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


# --- The reader -----------------------------------------------------------------------------


def expect_body(reader):
    expect(reader.get_by_role("heading", level=2, name=SECTION_HEADING)).to_be_visible()
    expect(reader.get_by_text(PARAGRAPH)).to_be_visible()
    expect(reader.locator(".prose").get_by_role("listitem")).to_have_text(LIST_ITEMS)


def expect_byline_and_review_line(reader, today):
    expect(reader.get_by_text(f"By {AUTHOR}, PMHNP-BC")).to_be_visible()
    review_line = reader.get_by_text("Medically reviewed by")
    expect(review_line).to_contain_text(
        f"Medically reviewed by {REVIEWER}, MD, Pain physician and medical director, "
        f"on {format_date(today, 'M j, Y')}."
    )
    expect(review_line.get_by_role("link", name=f"{REVIEWER}, MD")).to_have_attribute(
        "href", "/articles/clinicians/imogen-farrow/"
    )
    expect(review_line.locator("time")).to_have_attribute("datetime", today.isoformat())


def expect_published_on(reader, today):
    published = reader.locator(".article__meta-item", has_text="Published")
    expect(published).to_have_text(f"Published {format_date(today, 'M j, Y')}")
    expect(published.locator("time")).to_have_attribute("datetime", today.isoformat())


def expect_sources(reader):
    references = reader.get_by_role("region", name="Sources", exact=True)
    expect(references.get_by_role("heading", level=2)).to_have_text("Sources")
    entries = references.locator("ol.references__list > li")
    expect(entries).to_have_count(len(SOURCES))
    for number, source in enumerate(SOURCES):
        entry = entries.nth(number)
        expect(entry).to_have_text(f"{source.title}. {source.publisher}, {source.year}.")
        link = entry.get_by_role("link", name=source.title, exact=True)
        expect(link).to_have_attribute("href", source.url)


# --- Journeys -------------------------------------------------------------------------------


def test_an_article_goes_live_with_its_review_line_and_sources_once_a_clinician_approves_it(
    site, page, new_browser_page, staff_user, clinician_reviewer, log_in, screenshot
):
    today = timezone.localdate()
    index = articles_index()
    log_in(page, staff_user("article-editor", EDITORS))
    write_and_submit_article(page, site, index)
    expect(explorer_row(page, TITLE)).to_contain_text("in moderation")

    reader = new_browser_page()
    assert reader.goto(site + PATH).status == 404  # not live until a clinician approves it

    reviewer = log_in(new_browser_page(), clinician_reviewer)
    open_from_awaiting_review(reviewer, TITLE)
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    # A confirmation first, saying what approving does.
    dialog = reviewer.get_by_role("dialog")
    expect(dialog).to_contain_text("Approving publishes this version")
    dialog.get_by_role("button", name="Approve and publish", exact=True).click()
    expect(reviewer.get_by_text(f"You approved “{TITLE}”: this version is live now")).to_be_visible(
        timeout=SERVER_TIMEOUT_MS
    )
    expect(explorer_row(reviewer, TITLE)).to_contain_text(
        "Current page status: live", timeout=SERVER_TIMEOUT_MS
    )

    assert reader.goto(site + PATH).status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect_body(reader)
    expect_byline_and_review_line(reader, today)
    expect_published_on(reader, today)
    expect_sources(reader)
    screenshot(reader, "journey-article-reviewed-with-sources")


def submit_article(editor):
    """An article the editor has submitted to the Medical review workflow, made directly: the
    journey above goes through the admin's forms."""
    article = ArticlePage(
        title=TITLE,
        summary="Short, frequent walks help most backs.",
        body=[{"type": "paragraph", "value": f"<p>{PARAGRAPH}</p>"}],
        authorships=[ArticleAuthor(clinician=Clinician.objects.get(name=AUTHOR))],
        live=False,
    )
    articles_index().add_child(instance=article)
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    return article


def test_a_reviewer_not_linked_to_a_clinician_is_told_why_and_offered_no_approval(
    site, page, staff_user, log_in
):
    submit_article(staff_user("article-editor", EDITORS))
    log_in(page, staff_user("unlinked-reviewer", MEDICAL_REVIEWERS))

    open_from_awaiting_review(page, TITLE)

    expect(page.get_by_text("Only a clinician can approve a medical review")).to_be_visible()
    page.get_by_role("button", name="More actions").click()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    expect(actions.get_by_role("button", name="Request changes")).to_be_visible()
    expect(actions.get_by_role("button", name=re.compile("Approve"))).to_have_count(0)
