"""Bulk actions on the enquiry listing: assign to me, mark contacted, mark spam, erase.

Each goes through intake/actions.py, so every enquiry's history records the change.
"""

from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from intake import actions
from intake.admin_views import forbidden
from intake.choices import Status
from intake.models import Enquiry


class EnquiryBulkAction(SnippetBulkAction):
    models = [Enquiry]
    permission_required = "change"
    template_name = "intake/admin/bulk_confirm.html"
    question = ""

    def dispatch(self, request, *args, **kwargs):
        # Users without the permission get a 403 rather than a list of refused items.
        if not self.permission_policy.user_has_permission(request.user, self.permission_required):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, enquiry):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, enquiry
        )

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = sum(1 for enquiry in objects if cls.apply(enquiry, user))
        return changed, 0

    @classmethod
    def apply(cls, enquiry, user):
        raise NotImplementedError

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.done_message}: {num_parent_objects} {plural(num_parent_objects)}."


class AssignToMeBulkAction(EnquiryBulkAction):
    display_name = "Assign to me"
    action_type = "assign_to_me"
    aria_label = "Assign the selected enquiries to me"
    action_priority = 10
    question = "Assign these enquiries to you?"
    done_message = "Assigned to you"

    @classmethod
    def apply(cls, enquiry, user):
        return actions.assign(enquiry, user, user)


class MarkContactedBulkAction(EnquiryBulkAction):
    display_name = "Mark contacted"
    action_type = "mark_contacted"
    aria_label = "Mark the selected enquiries as contacted"
    action_priority = 20
    question = "Mark these enquiries as contacted?"
    done_message = "Marked as contacted"

    @classmethod
    def apply(cls, enquiry, user):
        return actions.set_status(enquiry, Status.CONTACTED, user)


class MarkSpamBulkAction(EnquiryBulkAction):
    display_name = "Mark spam"
    action_type = "mark_spam"
    aria_label = "Mark the selected enquiries as spam"
    action_priority = 30
    question = "Mark these enquiries as spam? Spam is deleted after its retention period."
    done_message = "Marked as spam"

    @classmethod
    def apply(cls, enquiry, user):
        return actions.set_status(enquiry, Status.SPAM, user)


class EraseBulkAction(DeleteBulkAction):
    """Replaces the snippets' bulk delete for enquiries: it must log each erasure, and it
    speaks of erasing people's enquiries, by their names."""

    models = [Enquiry]
    display_name = "Erase"
    aria_label = "Erase the selected enquiries"
    template_name = EnquiryBulkAction.template_name
    question = (
        "Erase these enquiries for good? Their content and notes will be deleted; their "
        "history will only keep that they were erased, by whom and when."
    )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    def prepare_action(self, objects, objects_without_access):
        # Named now: once erased, an enquiry has no number left to show.
        self.erased_names = ", ".join(str(enquiry) for enquiry in objects)
        return super().prepare_action(objects, objects_without_access)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Erased the {plural(num_parent_objects)} from {self.erased_names}."

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for enquiry in objects:
            actions.erase(enquiry, user)
        return len(objects), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


def plural(count):
    return "enquiry" if count == 1 else "enquiries"
