"""Two-factor sign-in pages, included under /admin/two-factor/ by clinic/wagtail_hooks.py."""

from django.urls import path

from clinic.staff_sign_in import views

app_name = "two_factor"

urlpatterns = [
    path("setup/", views.SetupView.as_view(), name="setup"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]
