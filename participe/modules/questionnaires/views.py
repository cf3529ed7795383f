"""Questionnaire pages: presentation, the reply page by page (no JavaScript needed), results, exports."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participe.core.ratelimit import client_ip, over_limit
from participe.exports.jobs import start_export
from participe.forms import replies, stats
from participe.forms.engine import build_django_form
from participe.forms.models import Reply
from participe.instances.scoping import in_instance
from participe.modules.questionnaires import services
from participe.modules.questionnaires.exports import QuestionnaireReplyExporter
from participe.modules.questionnaires.forms import ResultsFilterForm
from participe.modules.questionnaires.models import Questionnaire
from participe.participation import gate
from participe.projects.models import Project

COOKIE_AGE = 60 * 60 * 24 * 90
# A results page shows counts at most this old: popular pages cost the database one computation a minute.
RESULTS_CACHE_SECONDS = 60


def _get_questionnaire(request, pk):
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("step__project", "form"), pk=pk)
    step = questionnaire.step
    visible = Project.objects.visible_to(request.user).filter(pk=step.project_id).exists()
    if not visible or not (step.is_enabled or request.user.has_perm("questionnaires.manage", questionnaire)):
        raise Http404
    return questionnaire


def may_reply(request, questionnaire):
    """None when the visitor may reply now, else the participation gate's refusal."""
    decision = gate.check(
        request.user, "reply", questionnaire, step=questionnaire.step, anonymous=questionnaire.allow_anonymous,
        next_url=request.get_full_path(),
    )
    if decision:
        return None
    if decision.reason == gate.Reason.STEP_NOT_OPEN:
        return gate.Refusal(decision.reason, _("This questionnaire is not open for replies."))
    return decision


def results_allowed(user, questionnaire):
    return questionnaire.results_public or user.has_perm("questionnaires.view_all_results", questionnaire)


def detail(request, pk):
    return render_step(request, _get_questionnaire(request, pk))


def step_page(request, step):
    """The view the projects app calls for a questionnaire step (registered in apps.py)."""
    questionnaire = get_object_or_404(Questionnaire, step=step)
    return render_step(request, questionnaire)


def render_step(request, questionnaire):
    token = _cookie_token(request, questionnaire)
    reply = services.current_reply(questionnaire, request.user, token)
    return render(
        request,
        "questionnaires/detail.html",
        {
            "questionnaire": questionnaire,
            "step": questionnaire.step,
            "refusal": may_reply(request, questionnaire),
            "draft": reply if reply.pk and reply.is_draft else None,
            "submitted": reply if reply.pk and not reply.is_draft else None,
            "my_replies": list(services.my_replies(questionnaire, request.user)[:20]),
            "results_allowed": results_allowed(request.user, questionnaire),
        },
    )


def _cookie_token(request, questionnaire):
    return request.get_signed_cookie(services.cookie_name(questionnaire), default=None, salt=services.COOKIE_SALT)


@require_http_methods(["GET", "POST"])
def reply(request, pk, reply_id=None):
    questionnaire = _get_questionnaire(request, pk)
    refusal = may_reply(request, questionnaire)
    if refusal is not None:
        # Log in or complete the requirements (zip code, consent…) first, then back here; else the reason.
        if refusal.link or refusal.reason == gate.Reason.NOT_FOUND:
            return gate.refuse(request, refusal)
        messages.error(request, refusal.message)
        return redirect("questionnaires:detail", pk=questionnaire.pk)
    if reply_id is not None:
        current = services.reply_of(questionnaire, request.user, reply_id)
        if current is None:
            raise Http404
    else:
        current = services.current_reply(questionnaire, request.user, _cookie_token(request, questionnaire))
    definition = questionnaire.form.definition()
    pages = definition.path_pages(current.answers)
    page = current.page if current.page in pages else pages[0]
    if request.method == "GET":
        return _render_page(request, questionnaire, definition, current, page)

    who = f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"
    if over_limit(request, "questionnaire-reply", who):
        messages.error(request, _("Too many attempts: please wait a few minutes."))
        return _render_page(request, questionnaire, definition, current, page, status=429)
    action = request.POST.get("action", "next")
    # "Save" and "Previous" keep what is valid without asking for the required answers yet.
    form = build_django_form(
        definition, page=page, data=request.POST, files=request.FILES, answers=current.answers, seed=current.token,
        enforce_required=action not in ("save", "previous"),
    )
    if not form.is_valid():
        return _render_page(request, questionnaire, definition, current, page, form=form, status=200)
    current = services.ensure_saved(questionnaire, current)
    replies.store_page(current, definition, form)
    pages = definition.path_pages(current.answers)
    position = pages.index(page) if page in pages else 0
    response = None
    if action == "previous":
        current.page = pages[max(position - 1, 0)]
    elif action == "save":
        current.page = page
        messages.success(request, _("Your answers are saved. Come back to this page to go on."))
    elif position + 1 < len(pages):
        current.page = pages[position + 1]
    else:
        response = _finish(request, questionnaire, definition, current)
    if response is None:
        type(current).objects.filter(pk=current.pk).update(page=current.page)
        response = redirect(request.path)
    if not request.user.is_authenticated and current.is_draft:
        response.set_signed_cookie(
            services.cookie_name(questionnaire), current.token, salt=services.COOKIE_SALT, max_age=COOKIE_AGE,
            httponly=True, samesite="Lax", secure=request.is_secure(),
        )
    return response


def _finish(request, questionnaire, definition, current):
    if not current.is_draft:  # an edit of a submitted reply: store_page already counted it
        Reply.objects.filter(pk=current.pk).update(page=0)
        messages.success(request, _("Your reply is updated."))
        return redirect("questionnaires:detail", pk=questionnaire.pk)
    try:
        services.submit(questionnaire, current, definition, request.user)
    except replies.IncompleteReply as missing:
        first = missing.questions[0]
        current.page = definition.page_of[first.pk]
        Reply.objects.filter(pk=current.pk).update(page=current.page)
        messages.error(request, _("Please answer “%(question)s”.") % {"question": first.title})
        return redirect(request.path)
    Reply.objects.filter(pk=current.pk).update(page=0)
    messages.success(request, questionnaire.thanks_message or _("Thank you: your reply is recorded."))
    response = redirect("questionnaires:detail", pk=questionnaire.pk)
    response.delete_cookie(services.cookie_name(questionnaire))
    return response


def _render_page(request, questionnaire, definition, current, page, form=None, status=200):
    if form is None:
        form = build_django_form(definition, page=page, answers=current.answers, seed=current.token)
    pages = definition.path_pages(current.answers)
    position = pages.index(page) + 1 if page in pages else 1
    return render(
        request,
        "questionnaires/reply.html",
        {
            "questionnaire": questionnaire,
            "step": questionnaire.step,
            "form": form,
            "page": page,
            "position": position,
            "total": len(pages),
            "percent": round(100 * (position - 1) / len(pages)),
            "is_last": position == len(pages),
            "is_edit": current.pk and not current.is_draft,
            "has_files": any(q.type == "file" for q in form.questions),
        },
        status=status,
    )


def results(request, pk):
    questionnaire = _get_questionnaire(request, pk)
    if not results_allowed(request.user, questionnaire):
        raise Http404
    filter_form = ResultsFilterForm(request.instance, request.GET or None)
    filters = filter_form.filters() if filter_form.is_valid() else stats.Filters()
    staff = request.user.has_perm("questionnaires.view_all_results", questionnaire)
    min_count = 0 if staff else settings.PUBLIC_STATS_MIN_COUNT
    total, question_results = stats.results(
        questionnaire.form.definition(), filters, include_private=staff, cache_seconds=RESULTS_CACHE_SECONDS,
        min_count=min_count,
    )
    return render(
        request,
        "questionnaires/results.html",
        {
            "questionnaire": questionnaire,
            "step": questionnaire.step,
            "total": total,
            "results": question_results,
            "filter_form": filter_form,
            "can_export": staff,
            "min_count": min_count,
        },
    )


def _exportable(request, pk):
    questionnaire = _get_questionnaire(request, pk)
    if not request.user.has_perm("questionnaires.view_all_results", questionnaire):
        raise Http404
    return questionnaire


def export_csv(request, pk):
    exporter = QuestionnaireReplyExporter(_exportable(request, pk))
    response = StreamingHttpResponse(_in_scope(request.instance, exporter.csv_chunks), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _in_scope(instance, chunks):
    # A streaming body is read after the middleware has left the instance scope: re-enter it.
    with in_instance(instance):
        yield from chunks()


@require_POST
def export_xlsx(request, pk):
    """The workbook is written by a background job (write-only, constant memory); its page links to the file."""
    questionnaire = _exportable(request, pk)
    job = start_export(
        request.user,
        "participe.modules.questionnaires.exports.QuestionnaireReplyExporter",
        {"questionnaire_id": questionnaire.pk},
        "xlsx",
        title=_("Replies to “%(title)s” (XLSX)") % {"title": questionnaire.step.title},
    )
    return redirect(job)
