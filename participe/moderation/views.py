from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participe.core.ratelimit import over_limit
from participe.moderation import services
from participe.moderation.forms import HideForm, ReportForm
from participe.moderation.links import read_action_token
from participe.moderation.models import CaseStatus, ModerationCase, Reason
from participe.participation.registry import participation
from participe.participation.targets import is_visible_to, resolve, url_of


def _require_moderator(request):
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not request.user.has_perm("moderation.moderate"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def report_view(request, content_type_id, object_id):
    if not request.instance.has_feature("reporting"):
        raise Http404
    target = resolve(content_type_id, object_id, feature="reportable")
    if not is_visible_to(request.user, target):
        raise Http404
    if not request.user.has_perm("moderation.report"):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "report", request.user.pk):
            # The form comes back as typed, with the reason it was refused.
            form.add_error(None, _("You have sent many reports in a short time: please try again later."))
            status = 429
        else:
            try:
                services.report(request.user, target, form.cleaned_data["reason"], form.cleaned_data["text"].strip())
            except services.AlreadyReported:
                messages.info(request, _("You had already reported this content: the moderators know."))
            else:
                messages.success(request, _("Thank you: the moderators will look at this content."))
            return redirect(url_of(target) or "core:home")
    context = {"form": form, "target": target, "target_url": url_of(target)}
    return render(request, "moderation/report.html", context, status=status)


def reportable_types():
    return [ContentType.objects.get_for_model(m, for_concrete_model=True) for m in participation.models_with("reportable")]


@login_required
def queue(request):
    """The queue moved to the back office (/gestion/moderation/): old links and bookmarks land there."""
    _require_moderator(request)
    query = request.GET.urlencode()
    return redirect(reverse("gestion:moderation") + (f"?{query}" if query else ""), permanent=True)


def reason_label(value):
    return str(Reason(value).label) if value in Reason.values else value


def case_context(case):
    """What a moderator reads before deciding: the case, its content and link, the reports, the author."""
    target = case.target
    if target is None:
        raise Http404
    return {
        "case": case,
        "target": target,
        "target_url": url_of(target),
        "excerpt": excerpt(target),
        "reports": case.reports.select_related("reporter"),
        "author": getattr(target, "author", None),
    }


def excerpt(target):
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    for field in ("body", "text", "content", "description"):
        value = getattr(target, field, None)
        if isinstance(value, str) and value:
            return Truncator(strip_tags(value)).chars(1200)
    return ""


@login_required
def case_detail(request, pk):
    _require_moderator(request)
    case = get_object_or_404(ModerationCase, pk=pk)
    return redirect("gestion:moderation_case", pk=case.pk, permanent=True)


@login_required
@require_POST
def decide(request, pk, action):
    """A form of an old page still posts here: 307 keeps the method and the form for the back office's decision."""
    _require_moderator(request)
    case = get_object_or_404(ModerationCase, pk=pk)
    return HttpResponseRedirect(reverse("gestion:moderation_decide", args=[case.pk, action]), status=307)


@require_http_methods(["GET", "POST"])
def one_click(request, token):
    """From a moderator's e-mail: GET shows what will happen, POST does it. No login needed: the link is the key."""
    payload = read_action_token(token)
    if payload is None:
        return render(request, "moderation/link_invalid.html", status=400)
    if payload["i"] != request.instance.pk:
        raise Http404
    moderator = get_user_model().objects.filter(pk=payload["m"], is_active=True).first()
    case = ModerationCase.objects.filter(pk=payload["c"]).first()
    if moderator is None or case is None:
        raise Http404
    if request.user.is_authenticated and request.user.pk != moderator.pk:
        raise PermissionDenied
    context = case_context(case)
    if not moderator.has_perm("moderation.moderate", context["target"]):
        raise PermissionDenied
    action = payload["a"]
    form = HideForm(request.POST or None) if action == "hide" else None
    context.update({"action": action, "form": form, "moderator": moderator})
    if request.method == "POST":
        if case.status != CaseStatus.OPEN and not case.awaiting_approval:
            messages.info(request, _("This content was already moderated."))
            return render(request, "moderation/one_click_done.html", context)
        if form is not None and not form.is_valid():
            return render(request, "moderation/one_click.html", context, status=400)
        services.decide(context["target"], action, moderator, form.cleaned_data["reason"] if form else "")
        case.refresh_from_db()
        return render(request, "moderation/one_click_done.html", context)
    return render(request, "moderation/one_click.html", context)
