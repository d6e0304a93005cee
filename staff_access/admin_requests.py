"""Which requests are the admin's: the ones staff sign in for."""

from django.conf import settings


def is_admin_request(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)
