"""Site search at /search/?q=: every live public page of the site, articles first.

A query in crisis language brings the crisis resources to the top of the page, whatever
else it finds; a misspelt query is answered with "Did you mean …?" or, when it finds
nothing and its correction does, with the correction's results."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Site

from articles.models import ArticleIndexPage, paginate
from clinic.languages import page_in_current_language
from clinic.site_settings import ClinicSettings
from intake.safety import assess
from search.forms import MAX_QUERY_LENGTH, SearchForm
from search.results import find_pages
from search.suggestions import suggest

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    query = form.query()
    context = {
        "query": query,
        "results": None,
        "articles_url": articles_url(request),
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if query:
        context.update(results_context(request, query, may_correct=form.may_correct()))
    return render(request, "search/search_results.html", context)


def results_context(request, query, may_correct):
    site = Site.find_for_request(request)
    results = find_pages(site, query)
    found_pages = results.count() > 0
    suggestion = suggest(request, site, query, found_pages=found_pages)
    # The correction counts too: a misspelling the safety check missed may be spelt out.
    urgent = is_crisis_query(request, query) or is_crisis_query(request, suggestion)
    searched_for = query
    if suggestion and may_correct and not found_pages:
        corrected = find_pages(site, suggestion)
        if corrected.count():
            results, searched_for = corrected, suggestion
    return {
        "results": paginate(results, request.GET.get("page"), RESULTS_PER_PAGE),
        "searched_for": searched_for,
        "showing_correction": searched_for != query,
        "suggestion": suggestion,
        "suggestion_url": search_url(suggestion) if suggestion else "",
        "exact_url": search_url(query, exact=True),
        "urgent": urgent,
        # The crisis resources are the first thing on the page: the bar above would repeat them.
        "hide_crisis_bar": urgent,
    }


def is_crisis_query(request, query):
    """Whether the words are crisis language (the clinic's own phrases too)."""
    if not query:
        return False
    return assess(query, ClinicSettings.for_request(request).crisis_phrase_list).urgent


def search_url(query, exact=False):
    params = {"q": query, "exact": 1} if exact else {"q": query}
    return f"{reverse('search')}?{urlencode(params)}"


def articles_url(request):
    index = page_in_current_language(ArticleIndexPage.objects.live())
    return index.get_url(request) if index else "/"
