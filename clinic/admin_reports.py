"""URL patterns of a Wagtail admin report, shared by every app that registers one."""

from django.urls import include, path


def report_urls(view_class, route, namespace, name):
    """The report's page and the results-only view Wagtail's filters refresh it with:
    `<namespace>:<name>` and `<namespace>:<name>_results` under /admin/<route>."""
    patterns = [
        path("", view_class.as_view(), name=name),
        path("results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]
    return [path(route, include((patterns, namespace), namespace=namespace))]
