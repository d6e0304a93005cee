"""Two-factor sign-in pages, included under /admin/two-factor/ by its wagtail_hooks.py."""

from django.urls import path

from staff_access import views

app_name = "two_factor"

urlpatterns = [
    path("setup/", views.SetupView.as_view(), name="setup"),
    path("setup/link/<str:token>/", views.SetupLinkView.as_view(), name="setup_link"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("people/<int:user_id>/", views.PersonTwoFactorView.as_view(), name="person"),
]
