"""Edit-form panels of the medical review: fields the workflow writes, shown read-only to
whoever may not change them, and the article's reading grade beside the clinic's target."""

from django.utils.text import capfirst
from wagtail.admin.panels import FieldPanel, Panel

from articles.readability import grade_against_target, measure_name
from clinic.site_settings import ClinicSettings


class PermissionedFieldPanel(FieldPanel):
    """A field users with `permission` edit; everyone else sees its value, read-only. (Wagtail's
    own `permission=` hides the field altogether from the others.)"""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                # The form left the field out: this user lacks the permission.
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = self.panel.help_text or capfirst(self.panel.db_field.help_text)

        def is_shown(self):
            return self.read_only or super().is_shown()


class ReadingGradePanel(Panel):
    """The article's reading grade, as of its last save, against the clinic's target."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/reading_grade_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            grade = self.instance.reading_grade
            target = ClinicSettings.for_request(self.request).reading_grade_target
            context["above_target"] = grade is not None and grade > target
            context["verdict"] = grade_against_target(grade, target)
            context["measure"] = measure_name(self.instance.language_code)
            return context
