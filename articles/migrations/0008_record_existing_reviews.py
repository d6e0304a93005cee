"""Live content under the review rule (articles.review): each live article's recorded review
becomes the approval of its live revision; a live article without one (nobody recorded a
review) goes back to draft, to be submitted to Medical review; and no alias stays live."""

from django.db import migrations


def record_existing_reviews(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ReviewApproval = apps.get_model("articles", "ReviewApproval")
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(alias_of__isnull=False, live=True).update(
        live=False, has_unpublished_changes=True
    )
    unreviewed = []
    for article in ArticlePage.objects.filter(live=True):
        reviewed = article.medical_reviewer_id and article.last_reviewed
        if not reviewed or article.live_revision_id is None:
            unreviewed.append(article.pk)
            continue
        reviewer = article.medical_reviewer
        ReviewApproval.objects.get_or_create(
            revision_id=article.live_revision_id,
            defaults={
                "clinician_id": article.medical_reviewer_id,
                "approved_by_id": reviewer.user_id,
                "reviewed_on": article.last_reviewed,
            },
        )
    Page.objects.filter(pk__in=unreviewed).update(live=False, has_unpublished_changes=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_review_approvals"),
    ]

    operations = [migrations.RunPython(record_existing_reviews, migrations.RunPython.noop)]
