from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.core.ratelimit import over_limit
from participe.participation import gate
from participe.participation.access import safe_next
from participe.participation.registry import participation
from participe.votes import access
from participe.votes.kinds import kind_of
from participe.votes.services import Outcome, cast_vote, my_votes, voting_step, withdraw_vote
from participe.votes.templatetags.votes import widget_context
from participe.votes.widget import render_widget

IDEMPOTENCY_TTL = 60 * 10


def _next_url(request, target):
    return safe_next(request, target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/")


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, status, message, back="/"):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "votes/refused.html", {"message": message, "back": back}, status=status)


@require_POST
def vote(request, content_type_id, object_id):
    if not request.user.is_authenticated:
        login = redirect_to_login(safe_next(request, "/"))
        if _wants_json(request):
            return JsonResponse({"error": _("Please log in to vote."), "login_url": login["Location"]}, status=401)
        return login
    target = access.votable_target(content_type_id, object_id)
    kind = kind_of(target)
    next_url = _next_url(request, target)
    if kind is None:  # the model is votable, this object not (e.g. its section offers no vote)
        return _refused(request, 403, _("Voting is not offered here."), next_url)
    if refusal := _refusal(request, target, kind, next_url):
        return refusal
    withdraw = request.POST.get("withdraw") == "1"
    value = None if withdraw else kind.clean(request.POST.get("value"))
    if not withdraw and value is None:
        return _refused(request, 400, _("This vote is not one of the choices offered."), next_url)

    # The key dedupes a repeated submission of the same choice (double click, resent form);
    # another choice from the same rendered form is a new action.
    key = request.POST.get("idempotency_key", "")[:64]
    action = "withdraw" if withdraw else value
    replay = bool(key) and not cache.add(
        f"vote-idem:{request.user.pk}:{content_type_id}:{object_id}:{key}:{action}", 1, IDEMPOTENCY_TTL
    )
    mine = _UNKNOWN if replay else None if withdraw else value
    if replay:
        notice = _("Your vote was already recorded.")
    elif withdraw:
        notice = _("Your vote is withdrawn.") if withdraw_vote(request.user, target) else _("You had not voted.")
    else:
        notice = _cast(request.user, target, value)

    if _wants_json(request):
        _refresh_counters(target)
        return JsonResponse(_state(request, target, kind, next_url, notice, mine))
    messages.success(request, notice)
    return redirect(next_url)


def _refusal(request, target, kind, next_url):
    """The response refusing this vote (the participation gate's refusal, or the rate), or None."""
    decision = gate.check(request.user, kind.step_actions, target, step=voting_step(target), next_url=next_url)
    if not decision:
        if decision.reason == gate.Reason.NOT_FOUND:
            raise Http404
        if decision.reason == gate.Reason.REQUIREMENTS:
            if _wants_json(request):
                return JsonResponse({"error": decision.message, "requirements_url": decision.link}, status=403)
            return redirect(decision.link)
        if decision.reason == gate.Reason.STEP_NOT_OPEN:
            return _refused(request, 403, _("Voting is not open in this step: the results are frozen."), next_url)
        return _refused(request, 403, _("Your account may not vote."), next_url)
    if over_limit(request, "vote", request.user.pk):
        message = _("You have voted too many times in a short time. Please wait a minute.")
        return _refused(request, 429, message, next_url)
    return None


def _cast(voter, target, value):
    """The notice for the voter."""
    result = cast_vote(voter, target, value)
    if not result.vote.is_counted:
        return _("Your vote is recorded; it will count once your e-mail address is confirmed.")
    return {
        Outcome.CREATED: _("Your vote is recorded."),
        Outcome.CHANGED: _("Your vote is changed."),
        Outcome.UNCHANGED: _("Your vote was already recorded."),
    }[result.outcome]


_UNKNOWN = object()


def _refresh_counters(target):
    # The engine moved the loaded target's own counters; a model whose shown counts are not its own
    # columns (a proposal shows its voting step's) re-reads them itself.
    if refresh := participation.features(target).refresh_counters:
        refresh(target)


def _state(request, target, kind, next_url, notice, mine=_UNKNOWN):
    if mine is _UNKNOWN:  # a replayed request: the vote is whatever the first one left
        mine = my_votes(request.user, [target]).get(target.pk)
    context = widget_context(request, target, mine, next_url=next_url)
    return {
        "message": notice,
        "value": mine,
        "counts": {} if context["secret"] else {field: getattr(target, field) for field in kind.counter_fields},
        "html": render_widget(context, _posted_csrf_token(request)),
    }


def _posted_csrf_token(request):
    # The token this request was accepted with is valid for the new form too; masking a fresh one
    # costs 32 calls to the system's random source.
    return request.POST.get("csrfmiddlewaretoken") or request.META.get("HTTP_X_CSRFTOKEN")
