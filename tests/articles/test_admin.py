"""The articles' admin: the review-due report, snippets, and the missing-summary warning."""

import csv
import io
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage, Clinician
from articles.reports import pages_due_for_review
from tests.fixtures.articles import publish_as_reviewed
from treatments.models import TreatmentPage


def test_report_lists_overdue_then_due_soon(make_article, clinician):
    ArticlePage.objects.all().delete()  # the demo's own overdue article is not this test's
    today = date.today()
    stale = make_article(
        "Stale", last_reviewed=today - timedelta(days=500), medical_reviewer=clinician
    )
    older = make_article("Older", last_reviewed=today - timedelta(days=900))
    # (A live article is always reviewed now: one never reviewed is a draft, not listed.)
    make_article("Never reviewed", live=False)
    due_soon = make_article(
        "Due soon",
        last_reviewed=today - timedelta(days=300),
        next_review_due=today + timedelta(days=10),
    )
    make_article("Fresh", last_reviewed=today - timedelta(days=30))
    make_article("Stale draft", last_reviewed=today - timedelta(days=900), live=False)

    due = pages_due_for_review()

    assert due == [older, stale, due_soon]
    assert due[0].review_status.label.startswith("Overdue since")
    assert due[2].review_status.label.startswith("Due ")


def test_report_follows_the_clinics_review_interval(make_article, clinic_settings):
    ArticlePage.objects.all().delete()
    make_article("Half a year", last_reviewed=date.today() - timedelta(days=200))
    clinic_settings.review_interval_months = 12
    clinic_settings.save()
    assert pages_due_for_review() == []
    clinic_settings.review_interval_months = 6
    clinic_settings.save()
    assert [article.title for article in pages_due_for_review()] == ["Half a year"]


def test_report_page_shows_status_reviewer_and_reading_grade(admin_client, make_article, clinician):
    article = make_article(
        "Needs a look", last_reviewed=date(2020, 1, 1), medical_reviewer=clinician
    )
    response = admin_client.get(reverse("articles_reports:due_for_review"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Needs a look" in html and "Noor Ellery, MD" in html and "Jan. 1, 2020" in html
    assert "Overdue since Jan 1, 2021" in html
    assert f"Grade {article.reading_grade}: within the clinic&#x27;s target of grade 8" in html


def test_report_exports_csv(admin_client, make_article):
    make_article("Old one", last_reviewed=date(2020, 1, 1))
    response = admin_client.get(reverse("articles_reports:due_for_review"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert (
        "Page,Kind,Language,Review,Last reviewed by,Last reviewed,Review due,Reading grade,URL"
        in content
    )
    assert "Old one" in content


def test_report_exports_xlsx(admin_client, make_article, clinician):
    article = make_article("Old one", last_reviewed=date(2020, 1, 1), medical_reviewer=clinician)
    response = admin_client.get(reverse("articles_reports:due_for_review"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "pages-due-for-medical-review" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Page",
        "Kind",
        "Language",
        "Review",
        "Last reviewed by",
        "Last reviewed",
        "Review due",
        "Reading grade",
        "URL",
    )
    old_one = next(row for row in rows if row[0] == "Old one")
    assert old_one[1] == "Article page"
    assert old_one[2] == "English"
    assert old_one[3] == "Overdue since Jan 1, 2021"
    assert old_one[4] == "Noor Ellery, MD"
    assert str(old_one[5]).startswith("2020-01-01")
    assert old_one[7] == float(article.reading_grade)
    assert old_one[8] == article.full_url


FORMULA = '=HYPERLINK("http://x","y")'


def test_report_csv_neutralises_formulas_in_names_and_titles(admin_client, make_article, db):
    # The audit's case: a clinician (an editor may name one) whose name is a live formula.
    reviewer = publish_as_reviewed(Clinician(name=FORMULA, credentials="MD"))
    make_article("@SUM(1+1)", last_reviewed=date(2020, 1, 1), medical_reviewer=reviewer)

    response = admin_client.get(reverse("articles_reports:due_for_review"), {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    (row,) = [row for row in rows if "SUM" in row["Page"]]
    assert row["Page"] == "'@SUM(1+1)"
    assert row["Last reviewed by"] == f"'{FORMULA}, MD"


@pytest.mark.parametrize("title", ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"])
def test_report_csv_neutralises_every_formula_trigger(admin_client, make_article, title):
    make_article(title, last_reviewed=date(2020, 1, 1))

    response = admin_client.get(reverse("articles_reports:due_for_review"), {"export": "csv"})

    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert "'" + title in [row["Page"] for row in rows]


def test_report_xlsx_stores_formulas_as_text(admin_client, make_article):
    reviewer = publish_as_reviewed(Clinician(name=FORMULA, credentials="MD"))
    make_article(FORMULA, last_reviewed=date(2020, 1, 1), medical_reviewer=reviewer)

    response = admin_client.get(reverse("articles_reports:due_for_review"), {"export": "xlsx"})

    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(BytesIO(content)).active
    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == FORMULA]
    assert row[0].data_type == "s"  # text: a spreadsheet shows it, never runs it
    assert row[4].value == f"{FORMULA}, MD" and row[4].data_type == "s"


def test_a_harder_article_is_marked_above_the_target(admin_client, make_article):
    hard = (
        "<p>Multidisciplinary biopsychosocial rehabilitation programmes demonstrate "
        "considerable heterogeneity regarding methodological characteristics, "
        "intervention intensity and comparative effectiveness evaluations.</p>"
    )
    article = make_article("Dense", last_reviewed=date(2020, 1, 1), body=[("paragraph", hard)])
    html = admin_client.get(reverse("articles_reports:due_for_review")).content.decode()
    assert article.reading_grade > 8
    assert f"Grade {article.reading_grade}: above the clinic&#x27;s target of grade 8" in html


def test_report_is_in_the_reports_menu(admin_client, demo_site):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("articles_reports:due_for_review") in html


def test_saving_an_article_without_summary_warns_the_editor(admin_client, make_article):
    article = make_article("No summary", summary="")
    article.search_description = ""

    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "",
            "hero_image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
            "sources": streamfield([]),
            "key_points": streamfield([]),
            "authorships": inline_formset(
                [{"id": a.pk, "clinician": a.clinician_id} for a in article.authorships.all()],
                initial=1,
            ),
            "publication_date": article.publication_date.isoformat(),
            "topics": [],
        }
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), data, follow=True
    )
    assert "has no summary and no meta description" in response.content.decode()


def test_topics_and_clinicians_are_managed_as_snippets(admin_client, clinician, topic):
    clinicians = admin_client.get(reverse("wagtailsnippets_articles_clinician:list"))
    topics = admin_client.get(reverse("wagtailsnippets_articles_topic:list"))
    assert "Noor Ellery" in clinicians.content.decode()
    assert "Back care" in topics.content.decode()


def test_treatment_pages_are_in_the_report_beside_articles(admin_client, demo_site):
    """Every page reviewed like an article is, the clinic's treatment pages included."""
    treatment = TreatmentPage.objects.live().get(locale__language_code="en")
    long_ago = date.today() - timedelta(days=900)
    TreatmentPage.objects.filter(pk=treatment.pk).update(
        last_reviewed=long_ago, next_review_due=None
    )

    assert treatment.pk in [page.pk for page in pages_due_for_review()]
    html = admin_client.get(reverse("articles_reports:due_for_review")).content.decode()
    assert escape(treatment.title) in html and "Treatment page" in html
