"""The complete axe-core audit (WCAG 2.0, 2.1 and 2.2, A and AA) of every kind of public page,
in a real browser. Zero violations is the bar: a failure lists each one."""

import pytest
from playwright.sync_api import expect

from articles.demo import article_specs
from tests.e2e.axe import accessibility_violations, content_check_violations
from tests.e2e.contact_form import fill_contact_form

pytestmark = pytest.mark.e2e

PAGES = {
    "home": "/",
    "article-index": "/articles/",
    **{f"article-{spec['slug']}": f"/articles/{spec['slug']}/" for spec in article_specs()},
    "editorial-policy": "/editorial-policy/",
    "treatment-index": "/treatments/",
    "treatment": "/treatments/ketamine-treatment/",
    "clinician": "/articles/clinicians/rowan-pryce/",
    "search-results": "/search/?q=pain",
    "search-in-crisis": "/search/?q=i+want+to+die",
    "search-misspelt": "/search/?q=depresion",
}
CRISIS_MESSAGE = "I want to end my life."


def assert_no_violations(page):
    violations = accessibility_violations(page)
    assert not violations, "\n".join(["Accessibility violations:", *violations])


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_accessibility_violations(site, page, path):
    assert page.goto(site + path).ok

    assert_no_violations(page)


ARTICLE_PATHS = [f"/articles/{spec['slug']}/" for spec in article_specs()]


@pytest.mark.parametrize(
    "path",
    [
        *ARTICLE_PATHS,
        "/treatments/ketamine-treatment/",
        "/editorial-policy/",
        "/articles/clinicians/imogen-farrow/",
    ],
)
def test_wagtails_content_checks_find_nothing(site, page, path):
    """The checks Wagtail's accessibility checker runs for editors (p-as-heading among them)
    pass on every live demo article, the editorial policy and a clinician's page."""
    assert page.goto(site + path).ok

    violations = content_check_violations(page)

    assert not violations, "\n".join(["Wagtail content checks:", *violations])


def test_the_content_checks_catch_what_wagtails_checker_catches(page):
    page.set_content(
        '<html lang="en"><head><title>T</title><meta name="description" content=""></head>'
        '<body><main><h1>Back pain</h1><p style="font-weight:700;font-size:1.4em">'
        "What causes it?</p>"
        "<p>Mostly strained muscles, and sometimes nothing a scan can show.</p>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="IMG_0042.jpg"></main></body>'
        "</html>"
    )

    found = {violation.split(":")[0] for violation in content_check_violations(page)}

    assert {"p-as-heading", "alt-text-quality", "empty-meta-description"} <= found


def test_not_found_page_has_no_accessibility_violations(site, page):
    assert page.goto(site + "/no-such-page/").status == 404

    assert_no_violations(page)


def test_contact_page_with_validation_errors_has_no_accessibility_violations(site, page):
    page.goto(site + "/contact/")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem with your message")

    assert_no_violations(page)


def test_contact_page_with_crisis_message_and_errors_has_no_accessibility_violations(site, page):
    page.goto(site + "/contact/")
    page.get_by_label("Your message").fill(CRISIS_MESSAGE)
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("link", name="Call 988", exact=True)).to_be_visible()

    assert_no_violations(page)


@pytest.mark.parametrize(
    ("message", "heading"),
    [
        ("Could I book a first visit for my back pain?", "Thank you, your message has been sent"),
        (CRISIS_MESSAGE, "Help is available right now"),
    ],
    ids=["normal", "crisis"],
)
def test_thank_you_page_has_no_accessibility_violations(
    site, page, instant_form_fill, message, heading
):
    page.goto(site + "/contact/")
    fill_contact_form(page, message)
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)

    assert_no_violations(page)
