"""What a render keeps between requests when the page cache is off: each URL's route, the
clinic settings and rendered fragments. Each is reused until what it shows changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage
from caching import route_cache
from clinic.models import StandardPage


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    # Every request renders, so each one goes through routing.
    settings.PAGE_CACHE_ENABLED = False


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries.captured_queries)


def test_a_remembered_route_saves_the_walk_down_the_tree(client, demo_site, monkeypatch):
    url = ArticlePage.objects.live().first().url
    client.get(url)  # warms templates and fragments, and remembers the route
    remembered, remembered_count = queries_for(client, url)

    monkeypatch.setattr(route_cache, "route_for_request", Page.route_for_request)  # Wagtail's
    walked, walked_count = queries_for(client, url)

    assert remembered.status_code == walked.status_code == 200
    assert remembered.content == walked.content
    # The site and two pages per URL segment (home, articles, the article) are not looked
    # up: the article is loaded in one query.
    assert remembered_count <= walked_count - 5


def test_an_unpublished_page_is_not_served_by_its_remembered_route(client, demo_site):
    about = StandardPage.objects.get(slug="about")
    assert client.get("/about/").status_code == 200

    about.unpublish()

    assert client.get("/about/").status_code == 404


def test_a_renamed_page_answers_at_its_new_address(client, demo_site):
    about = StandardPage.objects.get(slug="about")
    assert client.get("/about/").status_code == 200

    about.slug = "about-us"
    about.save_revision().publish()

    assert client.get("/about-us/").status_code == 200
    assert client.get("/about/").status_code in (301, 404)


def test_a_page_saved_live_false_without_signals_is_not_served(client, demo_site):
    assert client.get("/about/").status_code == 200

    StandardPage.objects.filter(slug="about").update(live=False)

    assert client.get("/about/").status_code == 404


def test_a_page_renamed_without_signals_is_not_served_at_its_old_address(client, demo_site):
    assert client.get("/about/").status_code == 200

    StandardPage.objects.filter(slug="about").update(slug="about-us", url_path="/home/about-us/")

    assert client.get("/about/").status_code == 404
    assert client.get("/about-us/").status_code == 200


def test_a_routable_page_still_serves_its_own_views(client, demo_site):
    for _ in range(2):
        assert client.get("/contact/").status_code == 200
        assert client.get("/contact/thank-you/").status_code == 200


def test_a_settings_edit_shows_on_the_next_render(client, clinic_settings):
    assert b"Renamed Clinic" not in client.get("/about/").content

    clinic_settings.clinic_name = "Renamed Clinic"
    clinic_settings.save()

    assert b"Renamed Clinic" in client.get("/about/").content


def test_a_settings_render_from_the_cache_needs_no_settings_query(client, clinic_settings):
    client.get("/about/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/about/")

    assert not [q for q in queries.captured_queries if "clinic_clinicsettings" in q["sql"]]


def test_breadcrumbs_follow_a_renamed_parent(client, demo_site):
    url = ArticlePage.objects.live().first().url
    assert b">Articles</a>" in client.get(url).content

    index = ArticleIndexPage.objects.get(locale__language_code="en")
    index.title = "Health library"
    index.save_revision().publish()

    html = client.get(url).content
    assert b">Health library</a>" in html
    assert b">Articles</a>" not in html
