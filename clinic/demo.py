"""The fictional demo clinic built by `manage.py setup_demo`. Every text here is our own.

Each function finds what it made last time and updates it, so running it twice changes nothing.
"""

from datetime import time
from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from wagtail.models import Page, Site

from clinic.blocks import list_html
from clinic.models import HomePage, StandardPage
from clinic.opening_hours import WeeklyHours
from clinic.site_settings import ClinicSettings

# Monday to Thursday 9am to 6pm, Friday 9am to 2pm, closed at the weekend.
OPENING_HOURS = WeeklyHours.from_days(
    {**dict.fromkeys(range(4), (time(9), time(18))), 4: (time(9), time(14))}
)

CLINIC = {
    "clinic_name": "Willowmere Pain & Mood Clinic",
    "tagline": "Unhurried, evidence-based care for chronic pain, depression and anxiety.",
    "phone": "(555) 010-4477",
    # The demo clinic has Spanish-speaking staff and books interpreters for other languages.
    "language_help": "We speak Spanish. Free interpreters for other languages.",
    "language_help_spanish": "Hablamos español. Intérpretes gratis para otros idiomas.",
    "email": "hello@willowmere-clinic.example",
    "address": "48 Tallgrass Lane, Suite 2\nAlder Springs, OR 97999",
    **OPENING_HOURS.as_fields(),
    "tagline_spanish": (
        "Atención sin prisas y basada en la evidencia para el dolor crónico, la depresión y la "
        "ansiedad."
    ),
    "intake_notification_emails": "intake@willowmere-clinic.example",
}

HOME = {
    "title": "Home",
    "hero_heading": "Care for the pain you can see, and the pain you can't",
    "hero_intro": (
        "Chronic pain and low mood often travel together. Our team treats both, with time to "
        "listen and a plan you help write."
    ),
    "hero_cta_label": "Contact us",
}

HOME_BODY = [
    {"type": "heading", "value": {"text": "How we can help", "level": "h2"}},
    {
        "type": "list",
        "value": list_html(
            [
                "Assessment and treatment of long-lasting back, neck and joint pain",
                "Care for depression, anxiety and PTSD, in person or by video",
                "Pain psychology, gentle movement programs and medication reviews",
            ]
        ),
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Every new patient starts with a 60-minute conversation. We ask what a good day "
            "looks like for you, then plan backwards from there.</p>"
        ),
    },
]

ABOUT = {
    "slug": "about",
    "title": "About us",
    "intro": "A small team of physicians, nurse practitioners and therapists who work as one.",
    "body": [
        {
            "type": "heading",
            "value": {"text": "Why we treat pain and mood together", "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Pain that lasts for months changes sleep, work and relationships, and low "
                "mood can make pain feel worse. So our physicians and therapists share one plan "
                "for each patient, and treat pain and mood together.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "text": "We measure success by the days you get back, not by the number of "
                "appointments.",
                "attribution": "Dr. Imogen Farrow, medical director",
            },
        },
    ],
}

PRIVACY = {
    "slug": "privacy-policy",
    "title": "Privacy policy",
    "intro": "What we collect through this website, why, and how long we keep it.",
    "body": [
        {"type": "heading", "value": {"text": "What we collect", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>When you send us a message through our contact form, we store your name, "
                "your email address and phone number, how and when you would like us to contact "
                "you, the topic you chose, your message, and your answer to the question about "
                "thoughts of suicide or self-harm. We also store which page of our site you came "
                "from, and a scrambled code made from your internet address, to help us stop "
                "spam. Only our intake team, the staff allowed to see these messages, can see "
                "them. We do not use analytics, advertising or tracking scripts, and no third "
                "party receives your data through this website.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "How long we keep it", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Enquiries are deleted automatically once they have been dealt with and their "
                "retention period has passed. You can ask us to erase your enquiry at any time.</p>"
            ),
        },
    ],
}


def build_site():
    """Home page as the default site's root, clinic settings, About and Privacy pages."""
    home = ensure_home_page()
    fill_clinic_settings(home.get_site())
    ensure_standard_page(home, ABOUT, show_in_menus=True)
    ensure_standard_page(home, PRIVACY, show_in_menus=False)
    return home


def fill_clinic_settings(site):
    """Fill only fields still empty or at their default, so an editor's changes survive."""
    clinic_settings = ClinicSettings.for_site(site)
    changed = False
    for name, value in CLINIC.items():
        current = getattr(clinic_settings, name)
        if current in ("", ClinicSettings._meta.get_field(name).get_default()):
            setattr(clinic_settings, name, value)
            changed = changed or current != value
    if changed:
        clinic_settings.save()


def ensure_home_page():
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration creates a placeholder welcome page; replace it.
        for placeholder in root.get_children().filter(slug="home"):
            placeholder.delete()
        home = root.add_child(instance=HomePage(slug="home", body=HOME_BODY, **HOME))
        home.save_revision().publish()
    hostname, port = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home,
            "site_name": CLINIC["clinic_name"],
        },
    )
    return home


def site_address():
    """Host and port of WAGTAILADMIN_BASE_URL, so canonical URLs match where the demo runs."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if url.scheme == "https" else 80
    return url.hostname or "localhost", url.port or default_port


def ensure_standard_page(parent, data, show_in_menus):
    """Create the page once; on later runs leave it as editors left it."""
    page = StandardPage.objects.child_of(parent).filter(slug=data["slug"]).first()
    if page is not None:
        return page
    page = parent.add_child(instance=StandardPage(show_in_menus=show_in_menus, **data))
    page.save_revision().publish()
    return page


def app_demo_modules():
    """Each app's optional `<app>.demo` module, in INSTALLED_APPS order (this one aside), so
    the demo is built without this app knowing what the others make."""
    modules = (optional_demo_module(config.name) for config in apps.get_app_configs())
    return [module for module in modules if module is not None and module.__name__ != __name__]


def optional_demo_module(app_name):
    try:
        return import_module(f"{app_name}.demo")
    except ModuleNotFoundError as error:
        if error.name != f"{app_name}.demo":
            raise
        return None
