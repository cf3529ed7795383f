from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from participe.core.ratelimit import client_ip, over_limit
from participe.search.forms import SearchForm
from participe.search.registry import sources
from participe.search.results import SearchResults

PER_PAGE = 20


@require_GET
def search(request):
    if not request.instance.has_feature("search"):
        raise Http404
    if over_limit(request, "search", client_ip(request)):
        return render(request, "429.html", status=429)
    form = SearchForm(request.GET or None)
    available = sources.available(request.instance)
    context = {"form": form, "sources": available, "query": ""}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        chosen = [s for s in available if s.key == form.cleaned_data["type"]]
        results = SearchResults(request, query, chosen or available)
        context.update(
            query=query,
            chosen=chosen[0].key if chosen else "",
            facets=[(s, results.counts.get(s.key)) for s in available],
            page_obj=Paginator(results, PER_PAGE).get_page(request.GET.get("page")),
            query_string=urlencode({"q": query, "type": chosen[0].key} if chosen else {"q": query}),
        )
    return render(request, "search/search.html", context)
