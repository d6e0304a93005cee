"""Keep people's names out of the audit log.

An enquiry's `str()` names the person, as staff screens should; Wagtail titles each log entry
with the `str()` of its object, and log entries outlive an erased enquiry. Every entry about
an enquiry, whoever writes it (Wagtail's own edit and delete views, intake/actions.py), is
titled by its number instead.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

from intake.actions import LISTING_OBJECT_ID
from intake.models import Enquiry, log_title


@receiver(pre_save, sender=ModelLogEntry)
def title_enquiry_entries_by_number(sender, instance, **kwargs):
    # get_for_model is cached per process: no query for every log entry the site writes.
    is_enquiry = instance.content_type_id == ContentType.objects.get_for_model(Enquiry).pk
    if is_enquiry and instance.object_id != LISTING_OBJECT_ID:
        instance.label = log_title(instance.object_id)
