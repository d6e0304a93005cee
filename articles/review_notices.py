"""Who is told that something awaits Medical review: the reviewing groups' members, as Wagtail
tells them, except the clinicians whose work it is (its authors, those it quotes, the person a
clinician's record is about), who may not approve it anyway.

Wagtail's own notice is connected to plain TaskStates; a Medical review's task state is its
own kind (MedicalReviewTaskState), so this notice replaces Wagtail's for it rather than adding
to it. tests/articles/test_review_notices.py fails if either sends a second notice.
"""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.signals import task_submitted

from articles.models import MedicalReviewTaskState, clinician_of


class MedicalReviewSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"  # Wagtail's own notice, named after its TaskState

    def get_recipient_users(self, task_state, **kwargs):
        recipients = super().get_recipient_users(task_state, **kwargs)
        obj = task_state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        submitted = task_state.revision.as_object() if task_state.revision else obj
        if not hasattr(submitted, "review_conflict"):
            return recipients
        return [user for user in recipients if not has_part_in(submitted, user)]


def has_part_in(obj, user):
    clinician = clinician_of(user)
    return clinician is not None and obj.review_conflict(clinician) is not None


notify_reviewers = MedicalReviewSubmissionNotifier()
task_submitted.connect(
    notify_reviewers, sender=MedicalReviewTaskState, dispatch_uid="medical_review_submitted"
)
