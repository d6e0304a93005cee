"""A warning on the admin dashboard while published changes have not reached the edge."""

from wagtail.admin.ui.components import Component


class EdgePurgePanel(Component):
    name = "edge_purge"
    template_name = "edge/admin/purge_panel.html"
    order = 10  # first: until it clears, visitors may be shown pages as they were

    def __init__(self, details):
        self.details = details

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["details"] = self.details
        return context
