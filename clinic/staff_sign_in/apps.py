from django.apps import AppConfig


class StaffSignInConfig(AppConfig):
    name = "clinic.staff_sign_in"
    label = "staff_sign_in"
    verbose_name = "Staff sign-in"
    default_auto_field = "django.db.models.BigAutoField"
