"""Response-header middleware: the site's Content-Security-Policy, public and admin."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# Wagtail 8's admin still renders a few inline <script> tags (date pickers, inline panels) and
# style attributes, and shows page previews in a same-origin iframe. The public site gets the
# strict policy from settings; only admin responses get these additions.
ADMIN_POLICY_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:", "blob:"],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": [SELF], "frame-src": [SELF]}


class ClinicCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not is_admin_request(request):
            return parts
        return PolicyParts(
            config=parts.config,
            update={**ADMIN_POLICY_UPDATE, **(parts.update or {})},
            replace={**ADMIN_POLICY_REPLACE, **(parts.replace or {})},
            nonce=parts.nonce,
        )


def is_admin_request(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)
