"""The suite's shared fixtures live in plugin modules under tests/fixtures/, one concern each;
test modules import helpers (URLs, small functions) from those modules, never from a
conftest.py.

- tests/fixtures/demo.py: the demo site, built once per session under every test that uses
  the database (`demo_site`, `bilingual_demo_site`, `clinic_settings`, `image`), and how a
  test that needs an empty database does without it;
- tests/fixtures/staff.py: people who use the admin (`admin_client`, `editor_client`,
  `reviewer_client`, `page_editor_client`, `intake_client`...);
- tests/fixtures/articles.py: `articles_index`, `topics`, `clinicians`, `make_article`...;
- tests/fixtures/intake.py: the contact form (`contact_page`, `form_data`, `submit`,
  `make_enquiry`, `CONTACT_URL`, `started_token`);
- tests/fixtures/services.py: a real SMTP server (`smtp_server`), a database that does not
  answer (`database_down`);
- tests/fixtures/isolation.py: empty caches and English before every test.
"""

pytest_plugins = [
    "tests.fixtures.isolation",
    "tests.fixtures.demo",
    "tests.fixtures.staff",
    "tests.fixtures.articles",
    "tests.fixtures.intake",
    "tests.fixtures.services",
]
