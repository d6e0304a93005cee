"""Admin and serving hooks of the site-wide app."""

from django.urls import path
from wagtail import hooks

from clinic import translations


# Before wagtail-localize's own hook, which answers every request to a translation's edit view.
@hooks.register("before_edit_page", order=-1)
def submit_translation_for_review(request, page):
    if request.method == "POST" and translations.SUBMIT_ACTION in request.POST:
        return translations.submit_translation_for_review(request, page)
    return None


# Ahead of wagtail-localize's URLs, so its "Sync translated pages" and "Convert to alias"
# addresses reach these views, which publish only for those who may publish, and its
# overrides are validated as every link is.
@hooks.register("register_admin_urls", order=-1)
def register_reviewed_translation_views():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translations.ReviewedUpdateTranslationsView.as_view(),
            name="reviewed_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translations.convert_to_alias,
            name="reviewed_convert_to_alias",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            translations.edit_override,
            name="validated_edit_override",
        ),
    ]
