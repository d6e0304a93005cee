"""Run axe-core (shipped inside axe-playwright-python) with the WCAG A and AA rules."""

import re

from axe_playwright_python.sync_playwright import Axe
from wagtail.admin.userbar import AccessibilityItem

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def accessibility_violations(page):
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']}: {violation['help']} "
        f"({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]


def content_check_violations(page):
    """What Wagtail's own accessibility checker (the userbar's "Accessibility" item, which
    editors see on every page) would report: axe-core's rules from its list, and its two
    checks of its own (alt text that is a file name, an empty meta description) made here the
    way Wagtail's script makes them."""
    checker = AccessibilityItem()
    axe_rules = [rule for rule in checker.axe_run_only if rule not in WAGTAIL_OWN_RULES]
    results = Axe().run(
        page,
        options={"runOnly": {"type": "rule", "values": axe_rules}, "resultTypes": ["violations"]},
    )
    violations = [
        f"{violation['id']}: {violation['help']} "
        f"({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]
    file_name_alt = re.compile(checker.axe_custom_checks[0]["options"]["pattern"])
    for alt in page.locator("img[alt]").evaluate_all("images => images.map(i => i.alt)"):
        if file_name_alt.search(alt):
            violations.append(f"alt-text-quality: the alt text looks like a file name ({alt})")
    description = page.locator('meta[name="description"]').get_attribute("content") or ""
    if not description.strip():
        violations.append("empty-meta-description: the page has no meta description")
    return violations


# Wagtail's custom rules, whose checks run in its own script: content_check_violations makes them.
WAGTAIL_OWN_RULES = {"alt-text-quality", "empty-meta-description"}
