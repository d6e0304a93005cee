"""Site search at /search/?q=: every live public page of the site, articles included."""

from django.shortcuts import render
from wagtail.models import Page, Site

from articles.forms import MAX_QUERY_LENGTH, SearchForm
from articles.models import ArticleIndexPage, paginate

RESULTS_PER_PAGE = 10


def search(request):
    query = SearchForm(request.GET).query()
    results = None
    if query:
        results = paginate(search_pages(request, query), request.GET.get("page"), RESULTS_PER_PAGE)
    index = ArticleIndexPage.objects.live().first()
    context = {
        "query": query,
        "results": results,
        "articles_url": index.get_url(request) if index else "/",
        "max_query_length": MAX_QUERY_LENGTH,
    }
    return render(request, "articles/search_results.html", context)


def search_pages(request, query):
    pages = Page.objects.live().public().specific(defer=True)
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.in_site(site)
    return pages.search(query)
