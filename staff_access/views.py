"""Admin views of two-factor sign-in: set up an authenticator app (with a set-up link the
first time), enter a code after the password, and the administrators' page that sends a
person a set-up link. All are registered under /admin/two-factor/
(staff_access/wagtail_hooks.py), so Wagtail checks admin access first;
staff_access/middleware.py sends people here."""

import math

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, View

from staff_access import devices, setup_links
from staff_access.forms import AppCodeForm, SignInCodeForm
from staff_access.models import SetupLink

WRONG_CODE = "That code is not right. Enter the newest code from your authenticator app."
WRONG_SIGN_IN_CODE = (
    "That code is not right. Enter the newest code from your authenticator app, "
    "or an unused backup code."
)
APP_CODE_JUST_USED = "That code was just used; wait for the next one."
BACKUP_CODE_USED = (
    "That backup code has been used already: each works once. Enter another one, or the code "
    "from your authenticator app."
)
LINK_USED_MEANWHILE = (
    "Your set-up link has expired or has been used meanwhile. Ask an administrator for a new one."
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
    checked = devices.check(device, code)
    if checked.result is devices.Check.ACCEPTED:
        return True
    if checked.result is devices.Check.THROTTLED:
        form.add_error("code", throttled_message(checked.wait_seconds))
    elif checked.result is devices.Check.ALREADY_USED:
        used = APP_CODE_JUST_USED if devices.is_app_code(code) else BACKUP_CODE_USED
        form.add_error("code", used)
    else:
        form.add_error("code", wrong_code_message)
    return False


def may_set_up(request):
    """Whether this session may set up an authenticator: to replace one, the person has
    entered a code from it; for a first one, they opened a set-up link sent to them."""
    user = request.user
    if devices.has_confirmed_device(user):
        return user.is_verified()
    return setup_links.granted_link(request) is not None


# The pages show a secret key or a code form: never keep them in any cache.
@method_decorator(never_cache, name="dispatch")
class SetupView(FormView):
    """Shows a new authenticator key as a QR code and confirms it with a code from the app.

    Without a set-up link (and no device yet) it explains how to get one instead.
    """

    template_name = "staff_access/setup.html"
    needs_link_template_name = "staff_access/setup_needs_link.html"
    done_template_name = "staff_access/setup_done.html"
    form_class = AppCodeForm

    def dispatch(self, request, *args, **kwargs):
        # Replacing an authenticator needs the current one first (the middleware does this
        # too; kept here so the view is safe on its own).
        user = request.user
        if not user.is_verified() and devices.has_confirmed_device(user):
            return redirect("two_factor:verify")
        if not may_set_up(request):
            return self.needs_link(request)
        return super().dispatch(request, *args, **kwargs)

    def needs_link(self, request):
        context = {"required": devices.must_use_two_factor(request.user)}
        status = 200 if request.method == "GET" else 403
        return render(request, self.needs_link_template_name, context, status=status)

    @cached_property
    def device(self):
        request = self.request
        return devices.device_being_set_up(
            request.user, request.POST.get("device"), getattr(request.user, "otp_device", None)
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        device = self.device
        return super().get_context_data(
            device_id=device.pk,
            qr_code=devices.qr_code_data_uri(device),
            secret_key=devices.secret_key_text(device),
            required=devices.must_use_two_factor(user),
            enrolled=devices.has_confirmed_device(user),
            issuer=settings.OTP_TOTP_ISSUER,
            **kwargs,
        )

    def form_valid(self, form):
        device = self.device
        if not check_code(form, device, WRONG_CODE):
            return self.form_invalid(form)
        backup_codes = self.confirm(device)
        if backup_codes is None:
            messages.error(self.request, LINK_USED_MEANWHILE)
            return self.needs_link(self.request)
        django_otp.login(self.request, device)
        # Shown in this response only: never put in the session, a message or a log.
        return render(self.request, self.done_template_name, {"backup_codes": backup_codes})

    def confirm(self, device):
        """Confirm the device, using up the set-up link if this is the first one; None when
        the link was used or expired since it was opened."""
        user = self.request.user
        first_device = not devices.has_confirmed_device(user)
        with transaction.atomic():
            if first_device and not setup_links.use_granted_link(self.request):
                return None
            backup_codes = devices.confirm_app_device(device)
            # The device's user, not request.user: Wagtail's log can't see through the lazy
            # object django-otp wraps around Django's, and would silently log nothing.
            setup_links.log_set_up(device.user)
        return backup_codes


@method_decorator(never_cache, name="dispatch")
class SetupLinkView(View):
    """Opening a set-up link: after the password (Wagtail's admin check sends a signed-out
    person to sign in first), it lets this session set up a first authenticator."""

    template_name = "staff_access/setup_link_invalid.html"

    def get(self, request, token):
        link = setup_links.find_link(token)
        problem = self.problem_with(link)
        if problem is not None:
            reason, status = problem
            return render(request, self.template_name, {"reason": reason}, status=status)
        if not devices.has_confirmed_device(request.user):
            setup_links.allow_setup(request, link)
        return redirect("two_factor:setup")

    def problem_with(self, link):
        """Why the link can't be used (a sentence and an HTTP status), or None."""
        if link is None:
            return "This set-up link is not valid. Check that you copied all of it.", 404
        if link.user_id != self.request.user.pk:
            return (
                "This set-up link is for another account. Sign out, then open it again and "
                "sign in as the person it was sent to.",
                403,
            )
        if link.used_at is not None:
            return "This set-up link has been used already: each link works once.", 410
        if not link.is_usable:
            return "This set-up link has expired.", 410
        return None


@method_decorator(never_cache, name="dispatch")
class VerifyView(FormView):
    """The second step of signing in, for everyone with a confirmed device."""

    template_name = "staff_access/verify.html"
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


@method_decorator(never_cache, name="dispatch")
class PersonTwoFactorView(View):
    """An administrator's page about one person's two-factor sign-in: whether it is on, and
    a button that emails them a set-up link (logged on the person's history).

    Superusers only: a set-up link, with the password, gives someone a second factor."""

    template_name = "staff_access/person.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return render(request, "staff_access/forbidden.html", status=403)
        self.person = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, user_id):
        return render(request, self.template_name, self.status_context())

    def post(self, request, user_id):
        if devices.has_confirmed_device(self.person):
            return render(request, self.template_name, self.status_context(), status=409)
        new_link = setup_links.create_link(self.person, created_by=request.user)
        not_sent = setup_links.email_link(new_link, sent_by=request.user)
        context = self.status_context(new_link=new_link, not_sent=not_sent)
        return render(request, self.template_name, context)

    def status_context(self, **extra):
        person = self.person
        return {
            "person": person,
            "person_name": person.get_full_name() or person.get_username(),
            "enrolled": devices.has_confirmed_device(person),
            "required": devices.must_use_two_factor(person),
            "backup_codes_left": devices.backup_codes_left(person),
            "pending_link": SetupLink.objects.usable().filter(user=person).first(),
            "link_hours": settings.STAFF_2FA_SETUP_LINK_HOURS,
            **extra,
        }
