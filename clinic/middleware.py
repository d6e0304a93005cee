"""Middleware of the clinic: the language of a request, the site's Content-Security-Policy,
public and admin, and no autosave before a new page or snippet is first saved."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from staff_access.admin_requests import is_admin_request

# Wagtail 8's admin still renders a few inline <script> tags (date pickers, inline panels) and
# style attributes, and shows page previews in a same-origin iframe. The public site gets the
# strict policy from settings; only admin responses get these additions.
ADMIN_POLICY_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:", "blob:"],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": [SELF], "frame-src": [SELF]}
# A page preview is the public page (strict policy) shown inside the admin's iframe.
PREVIEW_POLICY_REPLACE = {"frame-ancestors": [SELF]}


class ClinicCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if getattr(request, "is_preview", False):
            return extend_policy(parts, replace=PREVIEW_POLICY_REPLACE)
        if is_admin_request(request):
            return extend_policy(parts, update=ADMIN_POLICY_UPDATE, replace=ADMIN_POLICY_REPLACE)
        return parts


def extend_policy(parts, update=None, replace=None):
    return PolicyParts(
        config=parts.config,
        update={**(update or {}), **(parts.update or {})},
        replace={**(replace or {}), **(parts.replace or {})},
        nonce=parts.nonce,
    )


class LanguageMiddleware(LocaleMiddleware):
    """The public site's language is its URL's: /es/… is Spanish, every other page English,
    whatever the browser prefers (Django does the choosing, since i18n_patterns does not
    prefix English). A visitor is never redirected by Accept-Language, and a page's response
    does not vary with it, so one cached copy serves everyone; the switch in the header leads
    to the other language. (The admin, outside i18n_patterns, still follows the browser until
    a user chooses a language in their account.)"""

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class AutosaveAfterFirstSaveMiddleware:
    """Wagtail autosaves an editor's form moments after each change. A new page or snippet
    cannot be saved until every required field is filled (a title, an author, a body), so on
    a create form every autosave fails, and from the first keystroke the editor is told
    "Autosave is paused: there are validation errors" for doing nothing wrong. Create forms
    get no autosave: the editor saves the draft (or submits it) once, and from then on the
    edit form autosaves as usual. Wagtail's warning about unsaved changes still guards the
    work before that. (The view's template context is the one place Wagtail reads this from
    per view; WAGTAIL_AUTOSAVE_INTERVAL would turn it off everywhere.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        match = request.resolver_match
        context = response.context_data
        if match and match.url_name == "add" and context and "autosave_enabled" in context:
            context["autosave_enabled"] = False
            context.pop("autosave_indicator", None)  # nor a "Saved" that never comes
        return response
