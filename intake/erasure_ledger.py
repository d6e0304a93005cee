"""Enquiries in the erasure ledger (backups/erasures.py): an enquiry erased at a person's
request is erased again whenever a restore brings it back."""

from backups import erasures
from intake import actions
from intake.models import Enquiry


def erase_again(enquiry_id):
    """Erase an enquiry the ledger lists, if it is back, through the one erasure the admin
    uses too (it logs the erasure and does whatever else erasing means)."""
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return False
    actions.erase(enquiry, None)
    return True


def register():
    erasures.register(Enquiry, erase_again)
