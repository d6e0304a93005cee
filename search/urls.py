"""Public URLs of site search, included at the site root by clinic/urls.py (under /es/ in
Spanish, with the Spanish word: /es/buscar/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from search import views

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    # The English word under /es/, the address before it had a Spanish one: moved for good.
    path(
        "search/",
        RedirectView.as_view(pattern_name="search", permanent=True, query_string=True),
        name="search_old_address",
    ),
]
