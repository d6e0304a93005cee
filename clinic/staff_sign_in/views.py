"""Admin views of two-factor sign-in: set up an authenticator app, and enter a code after the
password. Both are registered under /admin/two-factor/ (clinic/wagtail_hooks.py), so Wagtail
checks admin access first; clinic/staff_sign_in/middleware.py sends people here."""

import math

import django_otp
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from clinic.staff_sign_in import devices
from clinic.staff_sign_in.forms import AppCodeForm, SignInCodeForm

WRONG_CODE = "That code is not right. Enter the newest code from your authenticator app."
WRONG_SIGN_IN_CODE = (
    "That code is not right. Enter the newest code from your authenticator app, "
    "or an unused backup code."
)


def wait_text(seconds):
    """A wait in the unit a person reads best: django-otp's back-off grows from seconds to days."""
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return f"{minutes} minutes"
    return f"{math.ceil(minutes / 60)} hours"


def throttled_message(seconds):
    return (
        f"Too many wrong codes. Wait {wait_text(seconds)}, then enter the newest code "
        "(each wrong code doubles the wait), or ask an administrator to reset your "
        "two-factor sign-in."
    )


def safe_next_url(request):
    """Where to go after this step: the page asked for, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def check_code(form, device, wrong_code_message):
    """Whether the form's code is right for the device; adds the reason to the form if not."""
    code = form.cleaned_data["code"]
    wait = devices.seconds_until_allowed(device)
    if wait:
        form.add_error("code", throttled_message(wait))
        return False
    if not devices.verify(device, code):
        form.add_error("code", wrong_code_message)
        return False
    return True


# The pages show a secret key or a code form: never keep them in any cache.
@method_decorator(never_cache, name="dispatch")
class SetupView(FormView):
    """Shows a new authenticator key as a QR code and confirms it with a code from the app."""

    template_name = "clinic/staff_sign_in/setup.html"
    done_template_name = "clinic/staff_sign_in/setup_done.html"
    form_class = AppCodeForm

    def dispatch(self, request, *args, **kwargs):
        # Replacing an authenticator needs the current one first (the middleware does this
        # too; kept here so the view is safe on its own).
        user = request.user
        if not user.is_verified() and devices.has_confirmed_device(user):
            return redirect("two_factor:verify")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        device = devices.pending_app_device(user)
        return super().get_context_data(
            qr_code=devices.qr_code_data_uri(device),
            secret_key=devices.secret_key_text(device),
            required=devices.must_use_two_factor(user),
            enrolled=devices.has_confirmed_device(user),
            issuer=settings.OTP_TOTP_ISSUER,
            **kwargs,
        )

    def form_valid(self, form):
        device = devices.pending_app_device(self.request.user)
        if not check_code(form, device, WRONG_CODE):
            return self.form_invalid(form)
        backup_codes = devices.confirm_app_device(device)
        django_otp.login(self.request, device)
        # Shown in this response only: never put in the session, a message or a log.
        return render(self.request, self.done_template_name, {"backup_codes": backup_codes})


@method_decorator(never_cache, name="dispatch")
class VerifyView(FormView):
    """The second step of signing in, for everyone with a confirmed device."""

    template_name = "clinic/staff_sign_in/verify.html"
    form_class = SignInCodeForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_verified() or not devices.has_confirmed_device(user):
            return redirect(safe_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        next_url = self.request.POST.get("next") or self.request.GET.get("next", "")
        return super().get_context_data(next=next_url, issuer=settings.OTP_TOTP_ISSUER, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        device = devices.device_for_code(user, form.cleaned_data["code"])
        if not check_code(form, device, WRONG_SIGN_IN_CODE):
            return self.form_invalid(form)
        django_otp.login(self.request, device)
        # A new session key for the verified session: a key seen before this step is worthless.
        self.request.session.cycle_key()
        if not devices.is_app_code(form.cleaned_data["code"]):
            self.warn_about_backup_codes(user)
        return redirect(safe_next_url(self.request))

    def warn_about_backup_codes(self, user):
        left = devices.backup_codes_left(user)
        messages.warning(
            self.request,
            f"You signed in with a backup code; {left} left. For new codes, set up two-factor "
            "sign-in again (Account, More actions).",
        )
