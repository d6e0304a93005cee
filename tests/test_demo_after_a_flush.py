"""After a transactional test, whose teardown empties the database, the demo is back before
the next test (tests/fixtures/demo.py): `make test` hands whole files to its workers, so a
worker's next file may start with tests that read the demo. pytest-django runs a file's
transactional tests after its other database tests and before the tests that use no
database, which is how the second test here comes after the first."""

import pytest
from wagtail.models import Page

from clinic.models import HomePage
from tests.fixtures.demo import DatabaseCopies

TITLE = "Committed by a transactional test"


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_commits_what_it_makes(demo_site):
    demo_site.add_child(instance=Page(title=TITLE, slug="committed-by-a-transactional-test"))
    assert Page.objects.filter(title=TITLE).exists()


def test_the_next_test_finds_the_demo_and_nothing_the_transactional_test_made(
    django_db_setup, django_db_blocker
):
    if not DatabaseCopies.supported():
        pytest.skip("the database is copied back on SQLite in memory only")
    with django_db_blocker.unblock():
        assert HomePage.objects.filter(locale__language_code="en").exists()
        assert not Page.objects.filter(title=TITLE).exists()
