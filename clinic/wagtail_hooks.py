"""Admin and serving hooks of the site-wide app."""

from django.urls import include, path, reverse
from wagtail import hooks

from clinic import page_cache
from clinic.staff_sign_in import urls as two_factor_urls


# Runs inside Wagtail's own view-restriction check (order 0), so a private page is never
# served from the cache to someone who may not see it.
@hooks.register("on_serve_page", order=100)
def serve_from_page_cache(serve):
    return page_cache.serve_with_cache(serve)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def invalidate_page_cache_after_snippet_change(request, instance_or_instances):
    page_cache.invalidate_all()


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    # Under the admin's URLs, so Wagtail's admin-access check runs before these views.
    return [path("two-factor/", include(two_factor_urls, namespace="two_factor"))]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor:setup"),
        "label": "Two-factor sign-in",
        "help_text": "Sign in with a code from an authenticator app on your phone as well as "
        "your password, or replace that app.",
    }
