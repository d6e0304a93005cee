from wagtail import hooks

from edge.panels import EdgePurgePanel
from edge.status import purge_health


@hooks.register("construct_homepage_panels")
def add_edge_purge_panel(request, panels):
    # Shown only while it matters: everyone who publishes should know their change is late.
    state, details = purge_health()
    if state == "late":
        panels.append(EdgePurgePanel(details))
