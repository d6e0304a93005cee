"""Public URLs of the intake app, included at the site root by clinic/urls.py."""

urlpatterns = []
