"""The language being read: the one page of a kind (home, article index, contact page) that
exists once per language, and the Spanish twins of texts that exist once for both."""

from django.conf import settings
from django.utils.translation import get_language


def page_in_current_language(queryset):
    """The first page of `queryset` in the language being read; where it has no version in
    that language, the one in the site's default language (English)."""
    return (
        queryset.filter(locale__language_code=get_language()).first()
        or queryset.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )


def in_reading_language(obj, name):
    """Field `name` of `obj` in the language being read: its `<name>_spanish` twin on Spanish
    pages when filled in, else the field itself. For texts that are one object in every
    language (clinic settings, topics, clinicians) rather than a page of each."""
    if get_language() == "es":
        return getattr(obj, f"{name}_spanish") or getattr(obj, name)
    return getattr(obj, name)


class ReaderText:
    """A property reading field `name` in the language being read (in_reading_language)."""

    def __init__(self, name):
        self.name = name

    def __get__(self, obj, owner=None):
        return self if obj is None else in_reading_language(obj, self.name)
