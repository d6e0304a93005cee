"""The models that hold health data: whoever has any permission on one of them must sign in with
a second factor (devices.must_use_two_factor). The apps that keep such data register their
models from their AppConfig.ready(), so this app names none of them."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

registered_models = []


def register(model):
    """Count every permission on `model`, including any added later, as reaching health data."""
    if model not in registered_models:
        registered_models.append(model)


def permissions():
    """Every permission of the registered models, as "app_label.codename"."""
    content_types = ContentType.objects.get_for_models(*registered_models).values()
    rows = Permission.objects.filter(content_type__in=content_types).values_list(
        "content_type__app_label", "codename"
    )
    return {f"{app_label}.{codename}" for app_label, codename in rows}
