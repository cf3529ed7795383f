"""The step's categories (collect) or statuses (selection), its districts, its vote and envelopes."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.gestion.access import staff_view
from participe.gestion.forms import settings_values
from participe.modules.proposals.gestion.forms import CategoryForm, DistrictsForm, StatusForm, VoteForm
from participe.modules.proposals.gestion.views.common import proposal_step
from participe.modules.proposals.models import Category, SelectionStatus


def _kind(step):
    """What the step's proposals are sorted by: categories in a collect step, statuses in a selection step."""
    return (Category, CategoryForm) if step.type == "collect" else (SelectionStatus, StatusForm)


def _save_item(form, step):
    """Save a category or status of `step`; a name the step already uses is a form error, not a 500."""
    item = form.save(commit=False)
    item.step, item.instance_id = step, step.instance_id
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        form.add_error("name", _("This step already has one with this name."))
        return False
    return True


@staff_view("gestion.view_projects")
def categories(request, pk):
    step = proposal_step(request, pk)
    model, form_class = _kind(step)
    which = request.POST.get("form") if request.method == "POST" else None
    if which not in (None, "add", "districts"):
        raise BadRequest
    add_form = form_class(request.POST if which == "add" else None, prefix="new")
    districts_form = DistrictsForm(request.POST if which == "districts" else None, step=step)
    if which == "add" and add_form.is_valid() and _save_item(add_form, step):
        messages.success(request, _("“%(name)s” is added.") % {"name": add_form.instance.name})
        return redirect("gestion:proposals:categories", step.pk)
    if which == "districts" and districts_form.is_valid():
        step.settings = {**(step.settings or {}),
                         "districts": [district.pk for district in districts_form.cleaned_data["districts"]]}
        step.save(update_fields=["settings"])
        messages.success(request, _("The districts of the step are saved."))
        return redirect("gestion:proposals:categories", step.pk)
    context = {
        "project": step.project, "step": step, "items": model.objects.filter(step=step),
        "add_form": add_form, "districts_form": districts_form, "collect": step.type == "collect",
    }
    return render(request, "proposals/gestion/categories.html", context, status=400 if which else 200)


@staff_view("gestion.view_projects")
def category_edit(request, pk, item):
    step = proposal_step(request, pk)
    model, form_class = _kind(step)
    found = get_object_or_404(model, step=step, pk=item)
    form = form_class(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid() and _save_item(form, step):
        messages.success(request, _("“%(name)s” is saved.") % {"name": found.name})
        return redirect("gestion:proposals:categories", step.pk)
    context = {"project": step.project, "step": step, "form": form, "item": found}
    return render(request, "proposals/gestion/category_edit.html", context, status=400 if form.errors else 200)


@require_POST
@staff_view("gestion.view_projects")
def category_delete(request, pk, item):
    step = proposal_step(request, pk)
    model, _form_class = _kind(step)
    found = get_object_or_404(model, step=step, pk=item)
    found.delete()
    messages.success(request, _("“%(name)s” is deleted.") % {"name": found.name})
    return redirect("gestion:proposals:categories", step.pk)


@staff_view("gestion.view_projects")
def vote(request, pk):
    step = proposal_step(request, pk)
    form = VoteForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        step.settings = settings_values(form)
        step.save(update_fields=["settings"])
        messages.success(request, _("The vote of the step is saved."))
        return redirect("gestion:proposals:vote", step.pk)
    context = {"project": step.project, "step": step, "form": form}
    return render(request, "proposals/gestion/vote.html", context, status=400 if form.errors else 200)
