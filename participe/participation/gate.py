"""The participation gate: may this user do this action on this target, here and now?

    decision = gate.check(request.user, "vote", proposal)
    if not decision:
        decision.reason, decision.message, decision.link   # shown to the citizen

One answer for every participatory view, template (`{% gate "vote" proposal as decision %}`)
and rule (`user.has_perm("participation.participate_in_step", step)`). It combines, in this order:

1. the target belongs to the instance being served, is published, and sits in a project the
   user may see (otherwise `NOT_FOUND`: views answer 404, never a hint);
2. the step's type allows the action in the step's current state (`STEP_NOT_OPEN`);
3. the user is signed in (`SIGN_IN`, with the login link), unless the caller accepts
   anonymous participation here (anonymous comments, questionnaires, votation codes);
4. the account may take part: an account of this instance, active, not banned (`FORBIDDEN`);
5. the step's participation requirements are met (`REQUIREMENTS`, with the link to fulfil them).
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import current_instance
from participe.participation.access import project_visible
from participe.participation.registry import participation
from participe.projects.models import Step
from participe.projects.registry import StepState
from participe.projects.requirements import PENDING_POST_KEY, missing_requirements, requirements_url


class Reason(StrEnum):
    NOT_FOUND = "not_found"
    STEP_NOT_OPEN = "step_not_open"
    SIGN_IN = "sign_in"
    FORBIDDEN = "forbidden"
    REQUIREMENTS = "requirements"


@dataclass(frozen=True)
class Allowed:
    allowed = True

    def __bool__(self):
        return True


ALLOWED = Allowed()


@dataclass(frozen=True)
class Refusal:
    reason: Reason
    message: str
    link: str = ""
    allowed = False

    def __bool__(self):
        return False


NOT_OPEN_MESSAGES = {
    StepState.FUTURE: _("This step is not open yet."),
    StepState.CLOSED: _("This step is closed."),
}


def step_of(target, action=None):
    """The step in which `action` on `target` happens: the target itself, its voting step, or its step."""
    if isinstance(target, Step):
        return target
    vote_step = getattr(participation.features(target), "vote_step", None) if action == "vote" else None
    if vote_step is not None:
        return vote_step(target)
    return getattr(target, "step", None)


def step_allows(step, action):
    """The step's type allows `action` now; with no action, the step is participatory and open."""
    if isinstance(action, tuple):
        return any(step.allows(name) for name in action)
    if action is not None:
        return step.allows(action)
    step_type = step.step_type
    return bool(step_type and step_type.participatory and step.is_open)


def check(user, action, target, *, step=None, anonymous=False, next_url="/"):
    """`ALLOWED`, or the `Refusal` to show. `step` overrides the step found from the target;
    `anonymous=True` lets visitors who are not signed in act (without requirements)."""
    step = step if step is not None else step_of(target, action)
    if not _visible(user, target, step):
        return Refusal(Reason.NOT_FOUND, _("This page does not exist."))
    if step is not None and not step_allows(step, action):
        state = step.state() if step.is_enabled else StepState.CLOSED
        return Refusal(Reason.STEP_NOT_OPEN, NOT_OPEN_MESSAGES.get(state, NOT_OPEN_MESSAGES[StepState.CLOSED]))
    if not user.is_authenticated:
        if anonymous:
            return ALLOWED
        login = f"{reverse('accounts:login')}?{urlencode({'next': next_url})}"
        return Refusal(Reason.SIGN_IN, _("Please log in to take part."), login)
    if not user.has_perm("accounts.participate"):
        return Refusal(Reason.FORBIDDEN, _("Your account may not take part."))
    if step is not None and missing_requirements(user, step):
        return Refusal(
            Reason.REQUIREMENTS, _("Please complete the participation requirements first."),
            requirements_url(step, next_url),
        )
    return ALLOWED


def _visible(user, target, step):
    instance = current_instance()
    owner_id = getattr(target, "instance_id", None)
    if instance is None or (owner_id is not None and owner_id != instance.pk):
        return False
    if getattr(target, "is_published", True) is False:
        return False
    return project_visible(user, step)


def refuse(request, refusal, back=None):
    """The response that shows `refusal`: 404 for what the visitor may not know of; a detour through the
    login or requirements page (the posted form is kept for when they come back); else a 403 with the reason."""
    if refusal.reason == Reason.NOT_FOUND:
        raise Http404
    wants_json = "application/json" in request.headers.get("Accept", "")
    if wants_json:
        body = {"error": str(refusal.message), "reason": str(refusal.reason)}
        if refusal.link:
            body["link"] = refusal.link
        return JsonResponse(body, status=401 if refusal.reason == Reason.SIGN_IN else 403)
    if refusal.link:
        if request.method == "POST":
            kept = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
            request.session[PENDING_POST_KEY] = {"path": request.path, "data": kept}
        return redirect(refusal.link)
    if back:
        messages.error(request, refusal.message)
        return redirect(back)
    return render(request, "participation/refused.html", {"refusal": refusal}, status=403)


def require(request, action, target, *, step=None, anonymous=False, back=None, next_url=None):
    """None when the request may go on, else the response refusing it (see `refuse`)."""
    decision = check(
        request.user, action, target, step=step, anonymous=anonymous, next_url=next_url or request.get_full_path()
    )
    return None if decision else refuse(request, decision, back=back)


def gated(action, target, **options):
    """View decorator: `target(request, *args, **kwargs)` finds the object; the view runs only when allowed."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = require(request, action, target(request, *args, **kwargs), **options)
            return response or view(request, *args, **kwargs)

        return wrapper

    return decorator
