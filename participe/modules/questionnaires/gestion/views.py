"""The questionnaire's back office: the answers (list and one answer), statistics, export jobs, reply settings.

Every page is a step page of a project the organiser manages (`managed_step`).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from participe.exports.jobs import start_export
from participe.exports.models import Job
from participe.forms import stats
from participe.forms.models import Reply
from participe.gestion.access import managed_step, staff_view
from participe.modules.questionnaires.forms import ResultsFilterForm
from participe.modules.questionnaires.gestion import editors
from participe.modules.questionnaires.gestion.forms import ExportForm, QuestionnaireSettingsForm
from participe.modules.questionnaires.models import Questionnaire

PERMISSION = "gestion.view_projects"
PER_PAGE = 50
EXPORTER = "participe.modules.questionnaires.exports.QuestionnaireReplyExporter"


def _questionnaire(request, pk):
    step = managed_step(request, pk, step_type="questionnaire")
    return get_object_or_404(Questionnaire.objects.select_related("step__project", "form"), step=step)


def _render(request, template, questionnaire, page, status=200, **context):
    step = questionnaire.step
    context = {"questionnaire": questionnaire, "step": step, "project": step.project, "page": page,
               "tabs": editors.pages(step), **context}
    return render(request, f"questionnaires/gestion/{template}", context, status=status)


def _sent(questionnaire):
    return Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire, is_draft=False)


@staff_view(PERMISSION)
def answers(request, pk):
    questionnaire = _questionnaire(request, pk)
    rows = _sent(questionnaire).select_related("author").order_by("-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    drafts = Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire, is_draft=True).count()
    return _render(request, "answers.html", questionnaire, "answers", rows=page, drafts=drafts)


@staff_view(PERMISSION)
def answer(request, pk, reply_id):
    questionnaire = _questionnaire(request, pk)
    reply = _sent(questionnaire).select_related("author").filter(pk=reply_id).first()
    if reply is None:
        raise Http404
    definition = questionnaire.form.definition()
    shown = []
    for question in definition.input_questions:
        stored = reply.answers.get(str(question.pk))
        text = "" if stored is None else question.question_type.cell_writer(question)(stored)
        shown.append((question, text))
    # Newest first, as in the table (by id: an imported reply may have no sending date).
    newer = _sent(questionnaire).filter(pk__gt=reply.pk).order_by("pk").values_list("pk", flat=True).first()
    older = _sent(questionnaire).filter(pk__lt=reply.pk).order_by("-pk").values_list("pk", flat=True).first()
    return _render(request, "answer.html", questionnaire, "answers", reply=reply, shown=shown, newer=newer, older=older)


@staff_view(PERMISSION)
def statistics(request, pk):
    questionnaire = _questionnaire(request, pk)
    filter_form = ResultsFilterForm(request.instance, request.GET or None)
    filters = filter_form.filters() if filter_form.is_valid() else stats.Filters()
    total, results = stats.results(questionnaire.form.definition(), filters, include_private=True)
    return _render(
        request, "statistics.html", questionnaire, "statistics", status=400 if filter_form.errors else 200,
        filter_form=filter_form, total=total, results=results, min_count=0,
    )


@staff_view(PERMISSION)
def export(request, pk):
    questionnaire = _questionnaire(request, pk)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fmt = form.cleaned_data["format"]
        job = start_export(
            request.user, EXPORTER, {"questionnaire_id": questionnaire.pk}, fmt,
            title=_("Answers to “%(title)s” (%(format)s)") % {"title": questionnaire.step.title, "format": fmt.upper()},
        )
        messages.success(request, _("The export is being prepared: this page shows its progress."))
        return redirect(job)
    jobs = Job.objects.filter(
        user=request.user, arguments__exporter=EXPORTER, arguments__kwargs__questionnaire_id=questionnaire.pk
    ).order_by("-created_at", "-pk")[:10]
    return _render(
        request, "export.html", questionnaire, "export", status=400 if form.errors else 200,
        form=form, jobs=jobs, sent=_sent(questionnaire).count(),
    )


@staff_view(PERMISSION)
def settings(request, pk):
    questionnaire = _questionnaire(request, pk)
    form = QuestionnaireSettingsForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The reply settings are saved."))
        return redirect("gestion:questionnaires:settings", questionnaire.step_id)
    return _render(request, "settings.html", questionnaire, "settings", status=400 if form.errors else 200, form=form)
