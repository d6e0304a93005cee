"""The language being read, for lookups of the one page of a kind (home, article index,
contact page) that exists once per language."""

from django.conf import settings
from django.utils.translation import get_language


def page_in_current_language(queryset):
    """The first page of `queryset` in the language being read; where it has no version in
    that language, the one in the site's default language (English)."""
    return (
        queryset.filter(locale__language_code=get_language()).first()
        or queryset.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
