"""The site-wide browser fixtures (tests/e2e/conftest.py), shared with the intake journeys."""

from tests.e2e.conftest import (  # noqa: F401
    _demo_content,
    browser_type_launch_args,
    phone,
    pytest_collection_modifyitems,
    screenshot,
    site,
)
