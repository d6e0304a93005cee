"""Site search at /search/?q=, over every live public page (articles first of all)."""

from django.shortcuts import render


def search(request):
    return render(request, "articles/search_results.html", {})
