"""Public URLs of the articles app, included at the site root by clinic/urls.py."""

urlpatterns = []
