"""The reading grade in each article's language: Flesch–Kincaid for English, Fernández-Huerta
read as a grade for Spanish, against the one target of Clinic settings."""

from decimal import Decimal

import pytest
from wagtail.blocks import StreamValue
from wagtail.models import Locale

from articles.models import ArticlePage
from articles.readability import grade_from_ease, reading_grade

PLAIN_SPANISH = (
    "<p>Camine un poco cada día. Duerma bien. Beba agua. Pida ayuda si le duele mucho. "
    "Hable con su médico.</p>"
)
DENSE_SPANISH = (
    "<p>Los programas multidisciplinarios de rehabilitación biopsicosocial presentan una "
    "considerable heterogeneidad metodológica respecto a la intensidad de la intervención y "
    "a las evaluaciones comparativas de efectividad terapéutica.</p>"
)


def body(markup):
    return StreamValue(ArticlePage.body.field.stream_block, [("paragraph", markup)], is_lazy=False)


def test_plain_spanish_reads_at_a_low_grade_and_dense_spanish_at_a_high_one():
    assert reading_grade(body(PLAIN_SPANISH), "es") <= 6
    assert reading_grade(body(DENSE_SPANISH), "es") >= 14


def test_spanish_is_not_measured_by_english_syllable_rules():
    # Flesch–Kincaid counts Spanish syllables as if English and reads plain Spanish as harder.
    plain = body(PLAIN_SPANISH)
    assert reading_grade(plain, "en") > reading_grade(plain, "es")


def test_an_ease_score_reads_as_the_grade_of_flesch_s_table():
    assert grade_from_ease(100) == 5  # very easy: grade 5
    assert grade_from_ease(75) == 7  # fairly easy: grade 7
    assert grade_from_ease(65) == 8.5  # standard: grades 8-9
    assert grade_from_ease(70) == 7.75
    assert grade_from_ease(-10) == 17  # very confusing: a graduate


def test_a_spanish_article_is_graded_as_spanish_and_the_editor_sees_which_measure(
    admin_client, make_article, spanish_locale
):
    english = make_article("Caminar", body=[("paragraph", PLAIN_SPANISH)])
    spanish = english.copy_for_translation(spanish_locale, copy_parents=True)
    spanish.save_revision()
    spanish.refresh_from_db()

    assert english.reading_grade == reading_grade(body(PLAIN_SPANISH), "en")
    assert spanish.reading_grade == reading_grade(body(PLAIN_SPANISH), "es")
    assert spanish.reading_grade < english.reading_grade
    assert isinstance(spanish.reading_grade, Decimal)
    html = admin_client.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "Reading grade</strong> (Fernández-Huerta)" in html


@pytest.fixture
def spanish_locale(db):
    return Locale.objects.get_or_create(language_code="es")[0]
