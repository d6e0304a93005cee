"""Site-wide pages in a real browser: phone layout, menu, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import accessibility_violations

pytestmark = pytest.mark.e2e


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("path", ["/", "/about/"])
def test_pages_fit_a_phone_screen(site, phone, path):
    phone.goto(site + path)

    assert horizontal_overflow(phone) <= 0


def test_phone_menu_opens_and_closes(site, phone, screenshot):
    phone.goto(site + "/")
    menu_button = phone.get_by_text("Menu", exact=True)
    about_link = phone.get_by_role("navigation", name="Main").get_by_role("link", name="About us")

    expect(about_link).to_be_hidden()
    menu_button.click()
    expect(about_link).to_be_visible()
    screenshot(phone, "phone-menu-open")
    menu_button.click()
    expect(about_link).to_be_hidden()


def test_menu_is_always_visible_on_a_wide_screen(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "/")

    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="About us")
    ).to_be_visible()


def test_skip_link_moves_focus_to_main_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")

    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/about/", "/no-such-page/"])
def test_pages_have_no_accessibility_violations(site, page, path):
    page.goto(site + path)

    assert accessibility_violations(page) == []


def test_pages_load_without_console_errors_under_the_csp(site, page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site + "/about/")
    page.wait_for_load_state("networkidle")

    assert errors == []


def test_article_cards_without_a_picture_show_no_empty_box(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/articles/")

    cards = page.locator(".article-card")
    expect(cards.first).to_be_visible()
    assert page.locator(".article-card img").count() >= 1
    without_picture = page.locator(".article-card:not(:has(img))")
    assert without_picture.count() >= 1  # the demo has both kinds
    for index in range(without_picture.count()):
        card = without_picture.nth(index)
        title = card.locator(".article-card__title").bounding_box()
        # The title starts the card: no empty band above it.
        assert title["y"] - card.bounding_box()["y"] < 40
