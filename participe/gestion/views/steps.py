from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.gestion import services
from participe.gestion.access import managed_step, staff_view
from participe.gestion.checklist import step_checklist
from participe.gestion.forms import NewStepForm, StepForm, settings_values
from participe.gestion.views.projects import project_or_404
from participe.projects.registry import step_types


def step_or_404(request, pk):
    return managed_step(request, pk)


@staff_view("gestion.view_projects")
def step_add(request, pk):
    project = project_or_404(request, pk)
    form = NewStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = services.add_step(project, form.step_type(), form.cleaned_data["title"])
        messages.success(request, _("The step is added, not published yet: complete it, then publish it."))
        return redirect("gestion:step", step.pk)
    context = {"project": project, "form": form, "types": list(step_types)}
    return render(request, "gestion/steps/add.html", context, status=400 if form.errors else 200)


@staff_view("gestion.view_projects")
def step_edit(request, pk):
    step = step_or_404(request, pk)
    form = StepForm(request.POST or None, request.FILES or None, instance=step)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The step is saved."))
        return redirect("gestion:step", step.pk)
    checklist = step_checklist(step)
    context = {
        "project": step.project,
        "step": step,
        "form": form,
        "checklist": checklist,
        "blocking": [item for item in checklist if item.blocking],
        "has_settings": bool(step.step_type and step.step_type.settings_form),
        "forms": step.step_type.forms_of(step) if step.step_type else [],
        "editors": step.step_type.editors_of(step) if step.step_type else [],
    }
    return render(request, "gestion/steps/edit.html", context, status=400 if form.errors else 200)


@staff_view("gestion.view_projects")
def step_settings(request, pk):
    step = step_or_404(request, pk)
    form_class = step.step_type.get_settings_form() if step.step_type else None
    if form_class is None:
        raise Http404
    form = form_class(request.POST or None, initial=step.settings)
    for name in getattr(form, "edited_elsewhere", ()):
        # Edited by the step type's own editor (the proposals' envelopes per district): kept as they are.
        form.fields.pop(name, None)
    if request.method == "POST" and form.is_valid():
        kept = {key: value for key, value in (step.settings or {}).items() if key.endswith("_form_id")}
        step.settings = {**kept, **settings_values(form)}
        step.save(update_fields=["settings"])
        messages.success(request, _("The settings of the step are saved."))
        return redirect("gestion:step", step.pk)
    context = {"project": step.project, "step": step, "form": form}
    return render(request, "gestion/steps/settings.html", context, status=400 if form.errors else 200)


@require_POST
@staff_view("gestion.view_projects")
def step_move(request, pk):
    step = step_or_404(request, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise BadRequest
    services.move_step(step, direction)
    messages.success(request, _("The order of the steps is saved."))
    return redirect(f"{reverse('gestion:project', args=[step.project_id])}#step-{step.pk}")


@require_POST
@staff_view("gestion.view_projects")
def step_publish(request, pk):
    step = step_or_404(request, pk)
    if request.POST.get("publish") == "0":
        services.unpublish_step(step)
        messages.success(request, _("The step is not published any more."))
        return redirect("gestion:step", step.pk)
    try:
        services.publish_step(step)
    except services.NotReady as refused:
        messages.error(
            request,
            _("The step cannot be published yet: %(missing)s.") % {"missing": "; ".join(str(m.message) for m in refused.missing)},
        )
    else:
        messages.success(request, _("The step is published."))
    return redirect("gestion:step", step.pk)
