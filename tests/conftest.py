"""Shared fixtures: a database with the demo site, clients, users in each staff group, and an
in-process SMTP server."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.db.utils import load_backend
from django.test import override_settings
from django.utils import translation

from tests.local_servers import SMTPServer, free_port
from tests.two_factor import sign_in_verified


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached fragments, rate-limit counters and pages must not leak from one test to the next.
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request leaves its language active in the thread (Django's LocaleMiddleware does not
    # deactivate it): a test after one under /es/ would otherwise render in Spanish.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo_site(db):
    """The full demo site, exactly as `make run` builds it. Returns the home page."""
    restore_wagtail_initial_rows()  # in case a live-server test flushed them earlier
    # English only: building the Spanish pages through wagtail-localize takes several times
    # as long, and most tests don't read them (those that do use bilingual_demo_site).
    call_command("setup_demo", english_only=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from clinic.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def bilingual_demo_site(demo_site):
    """The demo as `make run` builds it, Spanish pages included. Returns the home page."""
    from clinic import demo_translations

    demo_translations.build(demo_site)
    return demo_site


@pytest.fixture
def clinic_settings(demo_site):
    from clinic.models import ClinicSettings

    return ClinicSettings.for_site(demo_site.get_site())


@pytest.fixture
def image(db):
    """A real (small) JPEG in the image library, for pages and blocks that show one."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file_jpeg

    return Image.objects.create(title="Test image", file=get_test_image_file_jpeg(size=(1600, 900)))


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "root-admin", "root@example.com", "a-long-test-password"
    )


@pytest.fixture
def admin_client(client, admin_user):
    """Signed in as a superuser, second factor included (it is required of them)."""
    return sign_in_verified(client, admin_user)


@pytest.fixture
def smtp_server():
    """Mail goes to a real SMTP server on a free port; the test decides when it runs."""
    server = SMTPServer(free_port())
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    ):
        yield server
    server.stop()


@pytest.fixture
def database_down(db):
    """Point the default connection at a port where no database listens, for one test."""
    unreachable = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "clinic",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {"connect_timeout": 2},
    }
    original = connections["default"]
    connections["default"] = load_backend(unreachable["ENGINE"]).DatabaseWrapper(unreachable)
    yield
    connections["default"].close()
    connections["default"] = original


def restore_wagtail_initial_rows():
    """Recreate what Wagtail's migrations insert, which each live-server test's flush removes.

    (Serialized rollback can't do it here: Playwright's greenlet gets its own database
    connection object, without the serialized copy Django keeps on the first one.)
    """
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code="en"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
