"""Filters of the enquiry listing in the admin."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from intake.choices import UNDELIVERED_STATUSES, Status, Topic
from intake.models import Enquiry, staff_name


def intake_staff(request):
    """Users who can work on enquiries: the choices for "assigned to"."""
    codename = "change_enquiry"
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename=codename)
            | Q(user_permissions__codename=codename),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class StaffChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, user):
        # Wagtail's active-filter pill passes the raw value, which is "none" for "Nobody".
        if isinstance(user, str):
            return str(self.null_label)
        return staff_name(user)


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


SHOW_OPEN, SHOW_ALL = "open", "all"
SHOW_CHOICES = [(SHOW_OPEN, "Open (new and in progress)"), (SHOW_ALL, "All enquiries")]


class EnquiryFilterSet(WagtailFilterSet):
    # The listing opens on the open enquiries (EnquiryIndexView); "All" shows the archive.
    show = django_filters.ChoiceFilter(
        label="Show",
        choices=SHOW_CHOICES,
        empty_label=None,
        method="filter_show",
        widget=forms.RadioSelect,
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue", method="filter_overdue", widget=BooleanRadioSelect
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    topic = django_filters.MultipleChoiceFilter(
        choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    urgent = django_filters.BooleanFilter(widget=BooleanRadioSelect)
    language = django_filters.MultipleChoiceFilter(
        label="Language", choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    assigned_to = StaffFilter(
        label="Assigned to",
        queryset=intake_staff,
        empty_label="Anyone",
        null_label="Nobody",
        null_value="none",
    )
    received_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )
    undelivered = django_filters.BooleanFilter(
        label="Staff notice undelivered",
        method="filter_undelivered",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Enquiry
        fields = ["status", "topic", "urgent", "language", "assigned_to", "received_at"]

    def filter_show(self, queryset, name, value):
        return queryset.open() if value == SHOW_OPEN else queryset

    def filter_overdue(self, queryset, name, value):
        # The listing's queryset carries `is_overdue` (EnquiryQuerySet.with_overdue).
        return queryset if value is None else queryset.filter(is_overdue=value)

    def filter_undelivered(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.undelivered()
        return queryset.exclude(notification_status__in=UNDELIVERED_STATUSES)
