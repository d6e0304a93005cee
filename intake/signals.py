"""Keep people's names out of the audit log.

An enquiry's `str()` names the person, as staff screens should; Wagtail titles each log entry
with the `str()` of its object, and log entries outlive an erased enquiry. Every entry about
an enquiry, whoever writes it (Wagtail's own edit and delete views, intake/actions.py), is
titled by its number instead.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

from intake.actions import LISTING_OBJECT_ID
from intake.models import Enquiry, log_title


@receiver(pre_save, sender=ModelLogEntry)
def title_enquiry_entries_by_number(sender, instance, **kwargs):
    about_one_enquiry = instance.object_id != LISTING_OBJECT_ID
    if about_one_enquiry and instance.content_type.model_class() is Enquiry:
        instance.label = log_title(instance.object_id)
