"""Template tags of two-factor sign-in for the admin's own templates."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from staff_access import devices

register = template.Library()


@register.simple_tag(takes_context=True)
def two_factor_off_banner(context):
    """The red banner every admin page shows staff while two-factor sign-in is switched off
    (not the sign-in page: that would tell anyone on the internet)."""
    request = context.get("request")
    if settings.STAFF_REQUIRE_2FA or request is None or not request.user.is_authenticated:
        return ""
    return render_to_string("staff_access/two_factor_off_banner.html")


@register.inclusion_tag("staff_access/user_status.html", takes_context=True)
def two_factor_status(context, person):
    """A line on a person's edit page: their two-factor sign-in, with a link to the
    administrators' page about it (superusers only)."""
    request = context["request"]
    return {
        "person": person,
        "enrolled": devices.has_confirmed_device(person),
        "show": request.user.is_superuser,
    }
