"""The page shown after too many failed sign-ins (django-axes' AXES_LOCKOUT_CALLABLE)."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

TEMPLATE = "staff_access/locked_out.html"


def lockout_message(minutes):
    return (
        f"Too many failed sign-in attempts. Try again in {minutes} minute"
        f"{'s' if minutes != 1 else ''}, "
        "or ask an administrator to unlock your account."
    )


def cool_off_minutes(request):
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds() / 60)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page in the admin's sign-in look, with the status axes is set to use.

    Says nothing about whether the username exists, and repeats no submitted value.
    """
    minutes = cool_off_minutes(request)
    message = lockout_message(minutes)
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        response = JsonResponse({"error": message}, status=status)
    else:
        # Rendered now: axes calls this from its middleware, after the view's response.
        response = render(request, TEMPLATE, {"message": message}, status=status)
    response["Retry-After"] = str(minutes * 60)
    return response
