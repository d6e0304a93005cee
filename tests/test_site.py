"""The site-wide foundation: pages, settings in the header/footer, errors, navigation cache,
and the documentation of every environment variable."""

import ast
import re
from html import escape
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from clinic.models import HomePage, StandardPage


def test_home_page_renders_with_clinic_contact_details(client, clinic_settings):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(clinic_settings.clinic_name) in html
    assert clinic_settings.phone in html
    assert 'href="tel:5550104477"' in html
    assert clinic_settings.email in html
    assert html.count("<h1") == 1


def test_home_page_has_landmarks_and_skip_link(client, demo_site):
    html = client.get("/").content.decode()

    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'href="#main"' in html


def test_standard_page_renders_body_and_footer_details(client, clinic_settings):
    response = client.get("/about/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>About us</h1>" in html
    assert 'id="why-we-treat-pain-and-mood-together"' in html
    assert "48 Tallgrass Lane" in html
    assert "Monday to Thursday" in html


def site_header(html):
    return html[html.index('<header class="site-header"') : html.index("</header>")]


def test_header_has_the_clinic_phone_number_as_a_call_link(client, clinic_settings):
    header = site_header(client.get("/").content.decode())

    link = re.search(r'<a class="site-phone[^"]*" href="tel:5550104477">(.*?)</a>', header)
    assert link, header
    # "Call" always shows; the number is shown from tablets up (phones have too little room
    # beside the menu button) and read out by screen readers at every width.
    assert link.group(1).startswith("<span>Call<span")
    assert '<span class="d-none d-md-inline"> (555) 010-4477</span>' in link.group(1)
    assert '<span class="visually-hidden d-md-none"> (555) 010-4477</span>' in link.group(1)


def test_header_has_no_call_link_without_a_phone_number(client, clinic_settings):
    clinic_settings.phone = ""
    clinic_settings.save()

    assert "tel:" not in site_header(client.get("/").content.decode())


def test_header_shows_crisis_numbers_from_settings(client, clinic_settings):
    clinic_settings.crisis_line_number = "555"
    clinic_settings.save()

    html = client.get("/about/").content.decode()

    assert 'href="tel:555"' in html


def test_menu_lists_pages_marked_show_in_menus_only(client, demo_site):
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]

    assert "About us" in nav
    assert "Privacy policy" not in nav


def test_menu_cache_is_cleared_when_a_page_is_published(client, demo_site):
    client.get("/")  # fills the navigation fragment cache
    privacy = StandardPage.objects.get(slug="privacy-policy")
    privacy.show_in_menus = True
    privacy.save_revision().publish()

    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]

    assert "Privacy policy" in nav


def test_footer_cache_is_cleared_when_settings_change(client, clinic_settings):
    client.get("/")
    clinic_settings.phone = "(555) 010-9999"
    clinic_settings.save()

    assert "(555) 010-9999" in client.get("/").content.decode()


def test_404_page_uses_the_site_design(client, demo_site):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We can&#x27;t find that page" in html or "We can't find that page" in html
    assert "site-header" in html
    assert "Willowmere Pain &amp; Mood Clinic" in html


def test_admin_login_page_is_reachable(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b"password" in response.content.lower()


def test_page_tree_is_locked(demo_site):
    assert StandardPage.can_create_at(demo_site)
    assert not HomePage.can_create_at(demo_site)
    assert not StandardPage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_setup_demo_twice_leaves_the_same_pages():
    call_command("setup_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = sorted(Page.objects.values_list("url_path", flat=True))
    revisions = Page.objects.filter(depth__gt=1).values_list("latest_revision_id", flat=True)
    first_revisions = sorted(revisions)

    call_command("setup_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sorted(Page.objects.values_list("url_path", flat=True)) == first
    assert sorted(revisions.all()) == first_revisions
    assert HomePage.objects.count() == 2  # the English home page and its Spanish version


# --- Configuration documented ----------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
# Where the site reads the environment: the settings (through their env_* helpers), the
# gunicorn configuration and the one bootstrap input of ensure_admin.
ENV_READING_SOURCES = [
    "clinic/settings.py",
    "gunicorn.conf.py",
    "staff_access/management/commands/ensure_admin.py",
]
# env_str("X") and the other helpers of clinic/settings.py, and os.getenv("X").
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list", "getenv"}


def is_environ(node):
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def called_name(call):
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def reads_env(call):
    """env_str("X"), os.getenv("X") or os.environ.get("X")."""
    name = called_name(call)
    return name in ENV_HELPERS or (name == "get" and is_environ(getattr(call.func, "value", None)))


def constant_string(node):
    is_string = isinstance(node, ast.Constant) and isinstance(node.value, str)
    return node.value if is_string else None


def env_variables_read(source):
    """Names of the environment variables a module reads, also as os.environ["X"]."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and reads_env(node):
            names.add(constant_string(node.args[0]))
        elif isinstance(node, ast.Subscript) and is_environ(node.value):
            names.add(constant_string(node.slice))
    return names - {None}


def env_example_variables():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.M))


def test_env_example_lists_every_variable_the_site_reads():
    read = set()
    for path in ENV_READING_SOURCES:
        read |= env_variables_read((ROOT / path).read_text())
    # The parser must see the reads at all, or this test would pass on nothing.
    assert {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "INTAKE_RETENTION_DAYS_SPAM"} <= read

    missing = sorted(read - env_example_variables())

    assert missing == [], f"add to .env.example: {', '.join(missing)}"
