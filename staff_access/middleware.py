"""Keeps staff who still owe a second factor out of the admin.

Someone with a confirmed device who has only given their password is sent to enter a code;
someone who must use two-factor sign-in (settings.STAFF_REQUIRE_2FA and access to enquiries)
but has no device yet is sent to set one up (which needs the set-up link an administrator
sent them, so that page and the link itself stay open). Runs after django-otp's
OTPMiddleware.
`TwoFactorRequiredMixin` applies the same rule inside the views that hand out enquiries in
bulk (the listing and its exports, the enquiry report).
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from staff_access import devices
from staff_access.admin_requests import is_admin_request

VERIFY_VIEW = "two_factor:verify"
SETUP_VIEW = "two_factor:setup"
# The views each step allows besides itself.
STEP_VIEWS = {
    VERIFY_VIEW: frozenset({VERIFY_VIEW}),
    SETUP_VIEW: frozenset({SETUP_VIEW, "two_factor:setup_link"}),
}
# Signing in and out, and what the sign-in and two-factor pages themselves load.
OPEN_VIEWS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


def required_step(user):
    """The two-factor view the user must go through before any other admin page, or None."""
    if user.is_verified():
        return None
    if devices.has_confirmed_device(user):
        return VERIFY_VIEW
    if devices.must_use_two_factor(user):
        return SETUP_VIEW
    return None


def redirect_to_step(view_name, request):
    url = reverse(view_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_request(request) or not request.user.is_authenticated:
            return None
        view_name = request.resolver_match.view_name
        if view_name in OPEN_VIEWS:
            return None
        step = required_step(request.user)
        if step is None or view_name in STEP_VIEWS[step]:
            return None
        return redirect_to_step(step, request)


class TwoFactorRequiredMixin:
    """The middleware's rule checked by the view itself as well, for views that hand out
    enquiries in bulk: they stay behind the second factor wherever their URL is mounted."""

    def dispatch(self, request, *args, **kwargs):
        step = required_step(request.user) if request.user.is_authenticated else None
        if step is not None:
            return redirect_to_step(step, request)
        return super().dispatch(request, *args, **kwargs)
