"""Template helpers of the intake staff's screens: times in the clinic's zone."""

from django import template
from django.utils.html import format_html

from intake import staff_time

register = template.Library()


@register.simple_tag
def clinic_time(value):
    """<time> reading "10 min ago (09:42)" in the clinic's zone; "" for no time."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), staff_time.ago_and_clock(value)
    )


@register.simple_tag
def clinic_zone_note():
    return staff_time.zone_note()
