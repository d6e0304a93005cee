"""Public URLs of site search, included at the site root by clinic/urls.py."""

from django.urls import path

from search import views

urlpatterns = [path("search/", views.search, name="search")]
