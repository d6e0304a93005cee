"""Fixtures for the search tests, on top of the demo site (tests/conftest.py: `demo_site`).

- `articles_index`, `clinicians`, `make_article`: the articles tests' fixtures
  (tests/articles/conftest.py), shared rather than copied.
- `make_standard_page(title, intro="", body=None)`: a published StandardPage under the home
  page, such as an About page.
"""

import pytest

from clinic.models import StandardPage
from tests.articles.conftest import articles_index, clinicians, make_article  # noqa: F401


@pytest.fixture
def make_standard_page(demo_site):
    def make(title, intro="", body=None):
        page = StandardPage(title=title, intro=intro, body=body or [])
        demo_site.add_child(instance=page)
        page.save_revision().publish()
        return StandardPage.objects.get(pk=page.pk)

    return make
