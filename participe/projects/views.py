"""Public pages of projects and steps. Each page costs a constant number of queries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from participe.core.pagecache import cached_page, store_page, visitor_key
from participe.core.ratelimit import over_limit
from participe.projects import panels
from participe.projects.forms import ProjectFilterForm
from participe.projects.models import Project, Step, Visibility
from participe.projects.requirements import RequirementsForm, missing_requirements

PROJECTS_PER_PAGE = 12


def project_list(request):
    archived = request.GET.get("archive") == "1"
    filters = ProjectFilterForm(request.GET or None)
    projects = Project.objects.listed_for(request.user, archived=archived)
    if filters.is_valid():
        projects = filters.apply(projects)
    page = Paginator(projects.for_cards(), PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/list.html",
        {"page": page, "projects": page.object_list, "filters": filters, "archived": archived, "query": query.urlencode()},
    )


def visible_project(request, slug):
    """The project with its steps, themes and districts, or 404 for whoever may not see it."""
    project = Project.objects.visible_to(request.user).for_cards(step_texts=True).filter(slug=slug).first()
    if project is None:
        raise Http404
    return project


PAGE_CACHE_SECONDS = 30


def _public_stamp(slug):
    """The kept counters and last change of a published public project, in one narrow query; None otherwise."""
    row = Project.objects.filter(slug=slug, is_published=True, visibility=Visibility.PUBLIC).values_list(
        "pk", "updated_at", "participants_count", "contributions_count", "votes_count"
    ).order_by()[:1]
    return next(iter(row), None)


def project_detail(request, slug):
    # Visitors share one rendering per state of the counters for PAGE_CACHE_SECONDS (steps open and close,
    # news and events may lag that long).
    stamp = _public_stamp(slug) if not request.user.is_authenticated else None
    key = visitor_key(request, "project", stamp) if stamp else None
    if cached := cached_page(request, key):
        return cached
    project = visible_project(request, slug)
    context = step_page_context(request, project.current_step(), project)
    context["panels"] = panels.render_all(request, project)
    context["csrf_token"] = token = get_token(request)
    return store_page(key, render(request, "projects/detail.html", context), token, PAGE_CACHE_SECONDS)


def step_page_context(request, step, project=None):
    """What every step page shows around its content; module views pass it to their templates.

    Their templates extend "projects/step_base.html" and fill `{% block step_content %}`.
    """
    project = project or step.project
    return {
        "project": project,
        "steps": project.enabled_steps(),
        "step": step,
        "step_state": step.state() if step else None,
        "can_change_project": request.user.has_perm("projects.change_project", project),
        "missing_requirements": missing_requirements(request.user, step) if step else [],
    }


def step_page(request, project_slug, step_slug):
    project = visible_project(request, project_slug)
    step = next((s for s in project.enabled_steps() if s.slug == step_slug), None)
    if step is None and request.user.has_perm("projects.change_project", project):
        step = Step.objects.filter(project=project, slug=step_slug).first()  # preview of a disabled step
    if step is None or step.step_type is None:
        raise Http404
    step.project = project
    view = step.step_type.get_view()
    if view is not None:
        return view(request, step)
    return render(request, "projects/step.html", step_page_context(request, step, project))


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
def step_requirements(request, project_slug, step_slug):
    """Asks in place for what the participant lacks to act in a step, then sends them back to `next`."""
    project = visible_project(request, project_slug)
    step = next((s for s in project.enabled_steps() if s.slug == step_slug), None)
    if step is None:
        raise Http404
    step.project = project
    next_url = _safe_next(request, step.get_absolute_url())
    missing = missing_requirements(request.user, step)
    if not missing:
        return HttpResponseRedirect(next_url)  # a URL, never a view name to reverse
    form = RequirementsForm(request.user, step, missing, request.POST or None)
    if request.method == "POST":
        if over_limit(request, "step-requirements", request.user.pk):
            return render(request, "429.html", status=429)
        if form.is_valid():
            form.save()
            if not missing_requirements(request.user, step):
                messages.success(request, _("Thank you, you can now take part."))
                return HttpResponseRedirect(next_url)
            return redirect(request.get_full_path())
    context = {
        "project": project,
        "step": step,
        "form": form,
        "next": next_url,
        "waiting": [item for item in missing if not item.kind.fillable],
    }
    return render(request, "projects/requirements.html", context, status=400 if form.errors else 200)
