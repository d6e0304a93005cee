from django.apps import AppConfig


class StaffAccessConfig(AppConfig):
    name = "staff_access"
    # The label of the app when it lived at clinic/staff_sign_in/. Kept, because the label is
    # what existing databases know it by: its tables (staff_sign_in_backupcode, ...), its rows
    # in django_migrations and django_content_type, and the permissions on its models. A new
    # label would need all of them renamed; this one moves the code and touches no data.
    label = "staff_sign_in"
    verbose_name = "Staff access"
    default_auto_field = "django.db.models.BigAutoField"
