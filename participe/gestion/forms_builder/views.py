"""The form builder's pages: a form's questions, a question's edit page, its logic, the citizen's preview."""

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseFormSet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.forms.engine import build_django_form
from participe.forms.locks import locked_reason
from participe.forms.models import Choice, Form, LogicJump, Question
from participe.gestion.access import staff_view
from participe.gestion.dashboard import managed_projects
from participe.gestion.forms_builder import services
from participe.gestion.forms_builder.forms import (
    END,
    ChoiceFormSet,
    DefaultJumpForm,
    FormTitleForm,
    JumpFormSet,
    NewQuestionForm,
    QuestionForm,
)
from participe.gestion.forms_builder.owners import owners_by_form
from participe.gestion.forms_builder.settings_forms import declarations, settings_form_for, settings_summary

PERMISSION = "gestion.view_projects"


def may_edit(user, owners):
    """An instance administrator edits every form; a project's administrator the forms of their project's steps."""
    if user.has_perm("gestion.add_project"):
        return True
    projects = {step.project_id for step, _role in owners}
    return bool(projects) and managed_projects(user).filter(pk__in=projects).exists()


def form_or_404(request, pk):
    """The form (another instance's is not found) with its owners; 403 for someone who may not edit it."""
    form = Form.objects.filter(pk=pk).first()
    if form is None:
        raise Http404
    form.owners = owners_by_form([form.pk]).get(form.pk, [])
    if not may_edit(request.user, form.owners):
        raise PermissionDenied
    return form


def question_or_404(request, pk):
    question = Question.objects.filter(pk=pk).first()
    if question is None:
        raise Http404
    question.form = form_or_404(request, question.form_id)
    return question


def refuse_if_locked(request, form):
    """The page saying why a locked form cannot change (403), or None."""
    reason = locked_reason(form)
    if reason is None:
        return None
    return render(request, "gestion/forms/locked.html", {"form_obj": form, "reason": reason}, status=403)


def error_list(*forms):
    """(anchor, label, message) of every error of these forms and formsets, for the page's error summary."""
    errors = []
    for form in forms:
        if form is None:
            continue
        if isinstance(form, BaseFormSet):
            errors += [(None, "", message) for message in form.non_form_errors()]
            errors += error_list(*form.forms)
            continue
        errors += [(None, "", message) for message in form.non_field_errors()]
        for field in form:
            errors += [(field.auto_id, field.label, message) for message in field.errors]
    return errors


def jump_texts(definition, question):
    choices = {c.pk: c.label for c in question.choice_list}
    texts = []
    for jump in definition.jumps.get(question.pk, []):
        target = definition.by_id.get(jump.destination_id)
        where = target.title if target else _("the end of the form")
        if jump.condition == LogicJump.Condition.ALWAYS:
            texts.append(_("Otherwise → %(where)s") % {"where": where})
        else:
            condition = _("is") if jump.condition == LogicJump.Condition.IS else _("is not")
            texts.append(
                _("If the answer %(condition)s “%(choice)s” → %(where)s")
                % {"condition": condition, "choice": choices.get(jump.choice_id, "?"), "where": where}
            )
    return texts


def refusal_text(refused):
    return _("Not saved: %(reasons)s") % {"reasons": " ".join(refused.messages)}


def form_page_url(form, question=None):
    url = reverse("gestion:form", args=[form.pk])
    return f"{url}#question-{question.pk}" if question is not None else url


@staff_view(PERMISSION)
def form_list(request):
    owners = owners_by_form()
    if request.user.has_perm("gestion.add_project"):
        forms = Form.objects.all()
    else:
        managed = set(managed_projects(request.user).values_list("pk", flat=True))
        forms = Form.objects.filter(
            pk__in=[pk for pk, used_by in owners.items() if any(step.project_id in managed for step, _role in used_by)]
        )
    rows = [(form, owners.get(form.pk, [])) for form in forms]
    return render(request, "gestion/forms/list.html", {"rows": rows})


@staff_view(PERMISSION)
def form_detail(request, pk):
    form = form_or_404(request, pk)
    reason = locked_reason(form)
    title_form = FormTitleForm(request.POST or None, instance=form)
    if request.method == "POST":
        if reason:
            return refuse_if_locked(request, form)
        if title_form.is_valid():
            title_form.save()
            messages.success(request, _("The form is saved."))
            return redirect("gestion:form", form.pk)
    definition = form.definition()
    declared = declarations()
    for question in definition.all_questions:
        question.summary = settings_summary(question, declared)
        question.type_label = question.question_type.label
        question.page_number = definition.page_of.get(question.pk, -1) + 1
        question.jump_texts = jump_texts(definition, question)
    context = {
        "form_obj": form,
        "title_form": title_form,
        "questions": definition.all_questions,
        "reason": reason,
    }
    return render(request, "gestion/forms/detail.html", context, status=400 if title_form.errors else 200)


@staff_view(PERMISSION)
def question_add(request, pk):
    form = form_or_404(request, pk)
    locked = refuse_if_locked(request, form)
    if locked:
        return locked
    new_question = NewQuestionForm(request.POST or None)
    if request.method == "POST" and new_question.is_valid():
        question = services.add_question(form, new_question.cleaned_data["type"], new_question.cleaned_data["title"])
        messages.success(request, _("The question is added: complete its settings."))
        return redirect("gestion:question", question.pk)
    context = {"form_obj": form, "new_question": new_question, "errors": error_list(new_question)}
    return render(request, "gestion/forms/question_add.html", context, status=400 if new_question.errors else 200)


def _choices_formset(request, question):
    return ChoiceFormSet(
        request.POST or None, request.FILES or None, prefix="choices",
        queryset=Choice.objects.filter(question=question).order_by("position", "pk"),
    )


@staff_view(PERMISSION)
def question_edit(request, pk):
    question = question_or_404(request, pk)
    form = question.form
    reason = locked_reason(form)
    if request.method == "POST" and reason:
        return refuse_if_locked(request, form)
    data = request.POST if request.method == "POST" else None
    question_form = QuestionForm(data, instance=question)
    settings_class = settings_form_for(question.type)
    settings_form = settings_class(data, prefix="settings", config=question.config) if settings_class else None
    choices = _choices_formset(request, question) if question.question_type.has_choices else None
    if request.method == "POST":
        valid = [settings_form.is_valid() if settings_form else True]
        if settings_form and valid[0]:
            question.config = settings_form.to_config()  # the model's own check then reads the new settings
        valid.append(question_form.is_valid())
        valid.append(choices.is_valid() if choices is not None else True)
        if all(valid):
            try:
                with transaction.atomic():
                    question = question_form.save()
                    if choices is not None:
                        services.save_choices(question, choices)
                    services.check_logic(form)
            except ValidationError as refused:
                question_form.add_error(None, refused)
            else:
                messages.success(request, _("The question is saved."))
                return redirect(form_page_url(form, question))
    context = {
        "form_obj": form,
        "question": question,
        "question_form": question_form,
        "settings_form": settings_form,
        "choices": choices,
        "reason": reason,
        "errors": error_list(question_form, settings_form, choices) if request.method == "POST" else [],
    }
    invalid = request.method == "POST"
    return render(request, "gestion/forms/question_edit.html", context, status=400 if invalid else 200)


def _destinations(definition, question):
    """(value, label) of the places a jump from `question` may lead to: questions on a later page, or the end."""
    page = definition.page_of.get(question.pk, 0)
    later = [q for q in definition.questions if definition.page_of[q.pk] > page]
    options = [
        (q.pk, _("Page %(page)s — %(title)s") % {"page": definition.page_of[q.pk] + 1, "title": q.title}) for q in later
    ]
    return options + [(END, _("The end of the form"))]


@staff_view(PERMISSION)
def question_logic(request, pk):
    question = question_or_404(request, pk)
    form = question.form
    reason = locked_reason(form)
    if request.method == "POST" and reason:
        return refuse_if_locked(request, form)
    definition = form.definition()
    source = definition.by_id[question.pk]
    conditional = source.question_type.has_choices and source.type != "ranking"
    destinations = _destinations(definition, source)
    jumps = definition.jumps.get(question.pk, [])
    default = next((j for j in jumps if j.condition == LogicJump.Condition.ALWAYS), None)
    data = request.POST if request.method == "POST" else None
    rules = None
    if conditional:
        rules = JumpFormSet(
            data, prefix="jumps",
            initial=[
                {"condition": j.condition, "choice": j.choice_id, "destination": j.destination_id or END}
                for j in jumps if j.condition != LogicJump.Condition.ALWAYS
            ],
            form_kwargs={"choices": [(c.pk, c.label) for c in source.choice_list], "destinations": destinations},
        )
    default_form = DefaultJumpForm(
        data, prefix="default", destinations=destinations,
        initial={"destination": (default.destination_id or END) if default else None},
    )
    if request.method == "POST" and (rules is None or rules.is_valid()) and default_form.is_valid():
        new_jumps = []
        for rule in rules.forms if rules is not None else []:
            if rule.cleaned_data.get("choice") is None or rule.cleaned_data.get("DELETE"):
                continue
            new_jumps.append(LogicJump(
                question_id=question.pk, condition=rule.cleaned_data["condition"] or LogicJump.Condition.IS, choice_id=rule.cleaned_data["choice"],
                destination_id=rule.cleaned_data["destination"] or None,
            ))
        chosen_default = default_form.cleaned_data["destination"]
        if chosen_default is not None:
            new_jumps.append(LogicJump(
                question_id=question.pk, condition=LogicJump.Condition.ALWAYS, destination_id=chosen_default or None,
            ))
        try:
            services.definition_with_jumps(question, new_jumps).check_logic()
        except ValidationError as refused:
            default_form.add_error(None, refused)
        else:
            services.replace_jumps(question, new_jumps)
            messages.success(request, _("The logic of the question is saved."))
            return redirect(form_page_url(form, question))
    context = {
        "form_obj": form,
        "question": source,
        "rules": rules,
        "default_form": default_form,
        "reason": reason,
        "conditional": conditional,
        "errors": error_list(rules, default_form) if request.method == "POST" else [],
    }
    return render(request, "gestion/forms/question_logic.html", context, status=400 if request.method == "POST" else 200)


@staff_view(PERMISSION)
def question_delete(request, pk):
    question = question_or_404(request, pk)
    form = question.form
    locked = refuse_if_locked(request, form)
    if locked:
        return locked
    if request.method == "POST":
        try:
            services.delete_question(question)
        except ValidationError as refused:
            messages.error(request, refusal_text(refused))
            return redirect(form_page_url(form, question))
        messages.success(request, _("The question is deleted."))
        return redirect("gestion:form", form.pk)
    return render(request, "gestion/forms/question_delete.html", {"form_obj": form, "question": question})


@require_POST
@staff_view(PERMISSION)
def question_duplicate(request, pk):
    question = question_or_404(request, pk)
    locked = refuse_if_locked(request, question.form)
    if locked:
        return locked
    copy = services.duplicate_question(question)
    messages.success(request, _("The question is duplicated: the copy follows it."))
    return redirect("gestion:question", copy.pk)


@require_POST
@staff_view(PERMISSION)
def question_move(request, pk):
    question = question_or_404(request, pk)
    locked = refuse_if_locked(request, question.form)
    if locked:
        return locked
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise BadRequest
    try:
        services.move_question(question, direction)
    except ValidationError as refused:
        messages.error(request, refusal_text(refused))
    else:
        messages.success(request, _("The order of the questions is saved."))
    return redirect(form_page_url(question.form, question))


@staff_view(PERMISSION)
def form_preview(request, pk):
    form = form_or_404(request, pk)
    definition = form.definition()
    pages = []
    for number, questions in enumerate(definition.pages, start=1):
        if questions:
            pages.append((number, build_django_form(definition, questions=questions)))
    return render(request, "gestion/forms/preview.html", {"form_obj": form, "pages": pages, "total": len(pages)})
