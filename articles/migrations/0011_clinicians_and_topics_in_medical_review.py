"""Clinicians and topics go through Medical review, as articles do: the workflow is assigned to
both, and whoever approves it may publish them (Wagtail's workflow publishes as the approver).
Existing clinicians and topics stay live as they are."""

from django.db import migrations

WORKFLOW_NAME = "Medical review"


def put_under_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    MedicalReviewTask = apps.get_model("articles", "MedicalReviewTask")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    reviewer_groups = {group for task in MedicalReviewTask.objects.all() for group in task.groups.all()}
    for model in ("clinician", "topic"):
        content_type, _ = ContentType.objects.get_or_create(app_label="articles", model=model)
        publish, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )
        for group in reviewer_groups:
            group.permissions.add(publish)
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_clinicians_and_topics_through_review"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(put_under_review, migrations.RunPython.noop)]
