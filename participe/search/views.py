from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from participe.core.ratelimit import client_ip, over_limit
from participe.projects.models import Project
from participe.search.forms import SearchForm
from participe.search.registry import sources
from participe.search.results import SearchResults
from participe.search.visibility import listed_projects

PER_PAGE = 20


@require_GET
def search(request):
    if not request.instance.has_feature("search"):
        raise Http404
    if over_limit(request, "search", client_ip(request)):
        return render(request, "429.html", status=429)
    projects = Project.objects.filter(pk__in=listed_projects(request.user)).order_by("title", "pk")
    form = SearchForm(request.GET or None, projects=projects)
    available = sources.available(request.instance)
    context = {"form": form, "sources": available, "query": ""}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        project, step = form.cleaned_data["project"], form.cleaned_data["step"]
        if project is not None:
            available = [s for s in available if s.project_field]
        if step is not None:
            available = [s for s in available if s.step_field]
        chosen = [s for s in available if s.key == form.cleaned_data["type"]]
        results = SearchResults(request, query, chosen or available, project and project.pk, step)
        kept = {"q": query, "type": chosen[0].key if chosen else None, "project": project and project.pk, "step": step}
        context.update(
            query=query,
            chosen=chosen[0].key if chosen else "",
            facets=[(s, results.counts.get(s.key)) for s in available],
            page_obj=Paginator(results, PER_PAGE).get_page(request.GET.get("page")),
            query_string=urlencode({name: value for name, value in kept.items() if value}),
        )
    return render(request, "search/search.html", context)
