from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participe.gestion import services
from participe.gestion.access import staff_view
from participe.gestion.checklist import project_checklist, step_checklist
from participe.gestion.dashboard import managed_projects
from participe.gestion.forms import ProjectFilterForm, ProjectForm
from participe.projects.models import Step
from participe.projects.registry import StepState

PAGE_SIZE = 50
STATE_LABELS = {
    StepState.FUTURE: gettext_lazy("upcoming"),
    StepState.OPEN: gettext_lazy("open"),
    StepState.CLOSED: gettext_lazy("closed"),
}


def project_or_404(request, pk):
    """A project the user may manage; any other (another instance's, someone else's) is not found."""
    project = managed_projects(request.user).filter(pk=pk).first()
    if project is None or not request.user.has_perm("gestion.change_project", project):
        raise Http404
    return project


def status_of(project):
    if project.is_archived:
        return "archived"
    return "published" if project.is_published else "draft"


@staff_view("gestion.view_projects")
def project_list(request):
    filters = ProjectFilterForm(request.GET or None)
    projects = filters.filter(managed_projects(request.user)).defer("body").order_by("is_archived", "position", "-pk")
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    for project in page:
        project.status = status_of(project)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "can_add": request.user.has_perm("gestion.add_project"),
    }
    return render(request, "gestion/projects/list.html", context)


@staff_view("gestion.add_project")
def project_create(request):
    form = ProjectForm(request.POST or None, request.FILES or None, can_set_administrators=True)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        messages.success(request, _("The project is created. Add its steps now."))
        return redirect("gestion:project", project.pk)
    status = 400 if form.errors else 200
    return render(request, "gestion/projects/form.html", {"form": form, "project": None}, status=status)


@staff_view("gestion.view_projects")
def project_edit(request, pk):
    project = project_or_404(request, pk)
    form = ProjectForm(
        request.POST or None, request.FILES or None, instance=project,
        can_set_administrators=request.user.has_perm("gestion.add_project"),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The project is saved."))
        return redirect("gestion:project", project.pk)
    status = 400 if form.errors else 200
    return render(request, "gestion/projects/form.html", {"form": form, "project": project}, status=status)


def _steps_with_checklists(project):
    steps = list(Step.objects.filter(project=project).defer("settings").order_by("position", "pk"))
    for step in steps:
        step.checklist = step_checklist(step)
        step.state_label = STATE_LABELS[step.state()]
        step.blocking = [item for item in step.checklist if item.blocking]
    return steps


@staff_view("gestion.view_projects")
def project_detail(request, pk):
    project = project_or_404(request, pk)
    steps = _steps_with_checklists(project)
    context = {
        "project": project,
        "status": status_of(project),
        "steps": steps,
        "checklist": project_checklist(project, steps),
        "can_duplicate": request.user.has_perm("gestion.add_project"),
    }
    return render(request, "gestion/projects/detail.html", context)


@require_POST
@staff_view("gestion.view_projects")
def project_publish(request, pk):
    project = project_or_404(request, pk)
    if request.POST.get("publish") == "0":
        services.unpublish_project(project)
        messages.success(request, _("The project is not published any more."))
        return redirect("gestion:project", project.pk)
    try:
        services.publish_project(project)
    except services.NotReady as refused:
        messages.error(
            request,
            _("The project cannot be published yet: %(missing)s.") % {"missing": "; ".join(str(m.message) for m in refused.missing)},
        )
    else:
        messages.success(request, _("The project is published."))
    return redirect("gestion:project", project.pk)


@require_POST
@staff_view("gestion.view_projects")
def project_archive(request, pk):
    project = project_or_404(request, pk)
    archived = request.POST.get("archive") != "0"
    services.set_archived(project, archived)
    messages.success(request, _("The project is archived.") if archived else _("The project is back among the current projects."))
    return redirect("gestion:project", project.pk)


@require_POST
@staff_view("gestion.add_project")
def project_duplicate(request, pk):
    project = project_or_404(request, pk)
    copy = services.duplicate_project(project)
    messages.success(request, _("The project is duplicated: this is the copy, not published yet."))
    return redirect("gestion:project", copy.pk)

