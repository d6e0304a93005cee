"""The site's own words in Spanish (locale/es/LC_MESSAGES/django.po): every marked string has
a translation, the committed .mo is the compiled .po, and Spanish pages, forms and messages
read in Spanish while the English ones are unchanged."""

import ast
import gettext
import re
import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation.template import templatize

from clinic.blocks import CalloutBlock
from intake import notifications
from intake.choices import Topic
from intake.forms import EnquiryForm
from intake.views import contact_form, rate_limited_message

PO_PATH = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
# The apps whose Python marks visitor-facing words (staff screens stay in English).
PYTHON_APPS = ("clinic", "intake", "search", "articles")

GETTEXT_FUNCTIONS = {
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "_": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
BRACE_PLACEHOLDER = re.compile(r"\{(\w*)\}")
MARKUP_TAG = re.compile(r"</?[a-z]+\b")


def catalogue():
    return polib.pofile(str(PO_PATH))


def entries_by_key(catalogue_file):
    """{(context, msgid): translation(s)} of the translated entries, as gettext reads them."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in catalogue_file.translated_entries()
    }


def gettext_calls(tree):
    """(context, msgid) of each gettext-family call with literal arguments in a Python tree."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        context_index, msgid_index = GETTEXT_FUNCTIONS[name]
        literals = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
        msgid = literals[msgid_index] if len(literals) > msgid_index else None
        if not isinstance(msgid, str):
            continue
        context = literals[context_index] if context_index is not None else None
        yield context, msgid


def template_messages(path):
    """(context, msgid) of each {% translate %} and {% blocktranslate %} in a template, read
    the way makemessages reads them (Django's templatize, then its gettext calls)."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in re.finditer(r"\b(?:n?p?gettext)\(", code):
        yield from gettext_calls(call_at(code, match.start()))


def call_at(code, start):
    """The call that starts at `start`, parsed: up to the first ")" that closes it (one inside
    a string, as in "(page %(number)s)", does not)."""
    end = start
    while True:
        end = code.index(")", end) + 1
        try:
            return ast.parse(code[start:end], mode="eval")
        except SyntaxError:
            continue


def python_files():
    for app in PYTHON_APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def template_files():
    return sorted(path for path in TEMPLATES_DIR.rglob("*") if path.suffix in {".html", ".txt"})


# --- The catalogue itself --------------------------------------------------------------------


def test_committed_mo_is_the_compiled_po(tmp_path):
    compiled = tmp_path / "django.mo"
    catalogue().save_as_mofile(str(compiled))

    committed = polib.mofile(str(MO_PATH))
    fresh = polib.mofile(str(compiled))
    assert entries_by_key(committed) == entries_by_key(fresh), (
        "locale/es/LC_MESSAGES/django.mo is out of date: run `make messages`"
    )
    assert committed.metadata == fresh.metadata


def test_catalogue_header_is_spanish_utf8_with_two_plural_forms():
    metadata = catalogue().metadata
    assert metadata["Language"] == "es"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = catalogue()
    assert len(po) > 100
    assert not [entry.msgid for entry in po if "fuzzy" in entry.flags]
    assert not [entry.msgid for entry in po.untranslated_entries()]
    assert not [entry.msgid for entry in po.obsolete_entries()]


@pytest.mark.parametrize("pattern", [NAMED_PLACEHOLDER, BRACE_PLACEHOLDER, MARKUP_TAG])
def test_translations_keep_the_placeholders_and_markup(pattern):
    mismatched = []
    for entry in catalogue():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            expected = Counter(pattern.findall(msgid))
            if entry.msgid_plural:
                # A plural form may leave out the count, never add a placeholder.
                for text in translations:
                    if set(pattern.findall(text)) - set(expected):
                        mismatched.append(entry.msgid)
                continue
            for text in translations:
                if Counter(pattern.findall(text)) != expected:
                    mismatched.append(entry.msgid)
    assert not mismatched


def test_every_marked_template_string_is_in_the_catalogue():
    known = set(entries_by_key(catalogue()))
    marked = {
        (message, path.relative_to(TEMPLATES_DIR).as_posix())
        for path in template_files()
        for message in template_messages(path)
    }
    assert len(marked) > 100
    missing = sorted((where, key) for key, where in marked if key not in known)
    assert not missing, "run makemessages and translate these"


def test_every_marked_python_string_is_in_the_catalogue():
    known = set(entries_by_key(catalogue()))
    marked = {
        (key, path.relative_to(settings.BASE_DIR).as_posix())
        for path in python_files()
        for key in gettext_calls(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert len(marked) > 30
    missing = sorted((where, key) for key, where in marked if key not in known)
    assert not missing, "run makemessages and translate these"


# --- What Spanish readers see ----------------------------------------------------------------


def test_spanish_search_page_reads_in_spanish(client, bilingual_demo_site):
    response = client.get("/es/buscar/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es"' in html
    assert '<a class="skip-link" href="#main">Saltar al contenido principal</a>' in html
    assert "<strong>¿Está en crisis?</strong>" in html
    assert 'Llame o envíe un mensaje de texto al <a href="tel:988">988</a>' in html
    assert '<button class="btn btn-primary" type="submit">Buscar</button>' in html
    assert "<h1>Búsqueda</h1>" in html


def test_spanish_search_without_results_says_so_in_spanish(client, bilingual_demo_site):
    response = client.get("/es/buscar/", {"q": "zzqxv"})

    assert "No encontramos nada para “zzqxv”." in response.content.decode()


def test_english_search_page_is_unchanged(client, bilingual_demo_site):
    html = client.get("/search/").content.decode()

    assert '<html lang="en"' in html
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<button class="btn btn-primary" type="submit">Search</button>' in html


def render_contact_page(contact_page):
    """The contact page with its form, as its view renders it in the active language (the
    Spanish demo pages may not exist: the words under test are the site's, not the page's)."""
    request = RequestFactory().get(contact_page.url)
    request.user = AnonymousUser()
    return contact_form(contact_page, request).render().content.decode()


def test_contact_page_reads_in_spanish(bilingual_demo_site):
    from intake.pages import ContactPage

    with translation.override("es"):
        html = render_contact_page(ContactPage.objects.get(locale__language_code="en"))

    assert '<button type="submit" class="btn btn-primary btn-lg">Enviar mensaje</button>' in html
    assert "Los campos marcados con un asterisco (*) son obligatorios." in html
    assert "Nombre completo" in html
    assert "¿Con qué necesita ayuda?" in html


def test_contact_form_errors_are_in_the_reader_language():
    with translation.override("es"):
        form = EnquiryForm(data={"contact_method": "phone"})
        assert not form.is_valid()
        errors = {
            field: [str(message) for message in messages] for field, messages in form.errors.items()
        }

    assert errors["name"] == ["Escriba su nombre completo."]
    assert errors["consent"] == ["Marque la casilla para que podamos comunicarnos con usted."]
    assert errors["phone"] == [
        "Escriba un número de teléfono para que podamos llamarle o enviarle un mensaje de "
        "texto, o elija el correo electrónico como forma de contacto."
    ]


def test_topic_labels_are_translated_but_stored_values_are_not():
    with translation.override("es"):
        choices = {value: str(label) for value, label in Topic.choices}
    with translation.override("en"):
        english = {value: str(label) for value, label in Topic.choices}

    assert choices["chronic_pain"] == "Dolor crónico"
    assert english["chronic_pain"] == "Chronic pain"
    assert Topic.CHRONIC_PAIN == "chronic_pain"


class Clinic:
    phone = "(503) 555-0142"


def test_rate_limit_message_in_spanish_and_english():
    with translation.override("es"):
        spanish = rate_limited_message(Clinic(), wait_seconds=90)
    with translation.override("en"):
        english = rate_limited_message(Clinic(), wait_seconds=60)

    assert spanish == (
        "Ha enviado varios mensajes en poco tiempo, así que todavía no pudimos enviar este. "
        "Lo que escribió sigue abajo: puede enviarlo en aproximadamente 2 minutos, "
        "o llamarnos al (503) 555-0142."
    )
    assert english == (
        "You have sent several messages in a short time, so we could not send this one yet. "
        "What you wrote is still below: you can send it in about 1 minute, "
        "or call us on (503) 555-0142."
    )


def test_callout_default_label_is_translated_then_filled_in():
    block = CalloutBlock()
    value = block.to_python(
        {"urgency": "emergency", "label": "", "heading": "", "text": "<p>x</p>"}
    )

    with translation.override("es"):
        spanish = block.render(value)
    english = block.render(value)

    assert '<p class="callout__label">Emergencia: llame al 911</p>' in spanish
    assert '<p class="callout__label">Emergency: call 911</p>' in english


def test_acknowledgement_is_in_its_page_language_whatever_is_active(bilingual_demo_site):
    from intake.models import Enquiry

    enquiry = Enquiry(email="rowan@example.com", urgent=True)
    with translation.override("es"):
        message = notifications.acknowledgement(enquiry)

    assert "If you are in danger, call 911." in message.body
    assert "Si está en peligro" not in message.body


def test_compile_catalogue_writes_a_mo_gettext_reads_and_leaves_an_up_to_date_one(
    settings, tmp_path
):
    messages = tmp_path / "es" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(PO_PATH, messages / "django.po")
    settings.LOCALE_PATHS = [tmp_path]

    first, second, empty = StringIO(), StringIO(), StringIO()
    call_command("compile_catalogue", stdout=first)
    call_command("compile_catalogue", stdout=second)
    settings.LOCALE_PATHS = [tmp_path / "nothing-here"]
    call_command("compile_catalogue", stdout=empty)

    assert "compiled" in first.getvalue() and "up to date" in second.getvalue()
    assert "No .po files" in empty.getvalue()
    catalogue = gettext.GNUTranslations((messages / "django.mo").open("rb"))
    assert catalogue.gettext("Latest articles") != "Latest articles"
