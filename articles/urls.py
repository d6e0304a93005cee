"""Public URLs of the articles app, included at the site root by clinic/urls.py."""

from django.urls import path

from articles import views

urlpatterns = [path("search/", views.search, name="search")]
