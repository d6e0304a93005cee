"""Two-factor sign-in in the admin: its pages, the account menu item, the administrators'
"Two-factor sign-in" item for each person, its log entries, and the red banner shown while
it is switched off."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from staff_access import setup_links
from staff_access import urls as two_factor_urls


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


@hooks.register("register_user_listing_buttons")
def two_factor_user_listing_button(user, request_user):
    if not request_user.is_superuser:
        return []
    url = reverse("two_factor:person", kwargs={"user_id": user.pk})
    return [Button("Two-factor sign-in", url=url, icon_name="key", priority=50)]


@hooks.register("register_log_actions")
def register_two_factor_log_actions(registry):
    registry.register_action(
        setup_links.LOG_LINK_CREATED,
        "Send two-factor set-up link",
        "Two-factor set-up link sent",
    )
    registry.register_action(
        setup_links.LOG_SET_UP, "Set up two-factor sign-in", "Two-factor sign-in set up"
    )
