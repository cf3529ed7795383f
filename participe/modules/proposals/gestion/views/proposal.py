"""One proposal in the back office: what it says (private answers too), its history, the evaluations, the analyst's
assessment, the decision, a revision request, who analyses it, and its status in each selection step it is in.

Who reaches it: an instance administrator, the administrators of its project, and the analysts it is assigned to
(as analyst, supervisor or decision maker); anyone else gets a 404, as for a proposal of another instance."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from participe.actionlog.models import ActionLog
from participe.actionlog.services import record
from participe.gestion.access import staff_view
from participe.gestion.forms import LocalDateTimeInput
from participe.modules.proposals import analysis, custom_answers
from participe.modules.proposals.evaluation_form import evaluation_definition
from participe.modules.proposals.forms import RevisionForm
from participe.modules.proposals.gestion import services
from participe.modules.proposals.gestion.forms import DecisionFields, ProposalAssignForm
from participe.modules.proposals.models import Proposal, SelectionStatus
from participe.modules.proposals.views.analysis import evaluation_forms, readable_evaluations
from participe.participation.models import Revision, Status
from participe.projects.models import Step

HISTORY_SIZE = 100
# Back-office actions recorded on a step that list the proposals they changed (details["proposals"]).
STEP_ACTIONS = ("proposals.assigned", "proposals.decided", "proposals.moved", "proposals.status_changed")


class RevisionRequestForm(RevisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].widget = LocalDateTimeInput()
        self.fields["deadline"].help_text = ""


class SelectionStatusForm(django_forms.Form):
    """The proposal's status in one selection step, chosen among that step's statuses (or none)."""

    status = django_forms.ModelChoiceField(queryset=SelectionStatus.objects.none(), required=False)

    def __init__(self, *args, selection, **kwargs):
        super().__init__(*args, **kwargs)
        self.selection = selection
        field = self.fields["status"]
        field.queryset = SelectionStatus.objects.filter(step_id=selection.step_id)
        field.initial = selection.status_id
        field.label = _("Status in “%(step)s”") % {"step": selection.step.title}
        field.empty_label = _("No status")


def _status_forms(request, proposal, which):
    """One form per selection step the proposal is in; the one posted is bound (400 for a selection not its own)."""
    posted = request.POST.get("selection") if which == "status" else None
    forms = []
    for selection in proposal.selections.select_related("step").order_by("step__position", "step_id"):
        bound = posted is not None and posted == str(selection.pk)
        forms.append(SelectionStatusForm(request.POST if bound else None, selection=selection, prefix=f"status-{selection.pk}"))
    if posted is not None and not any(form.is_bound for form in forms):
        raise BadRequest
    return forms


def proposal_or_404(request, pk):
    """The proposal `pk` of this instance if `request.user` manages its project or is assigned to it, else 404."""
    proposal = (
        Proposal.objects.exclude(status=Status.DELETED)
        .select_related(
            "step__project",
            "author",
            "category",
            "district",
            "supervisor",
            "decision_maker",
            "merged_into",
            "reply__form",
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None or proposal.step is None:
        raise Http404
    manages = request.user.has_perm("gestion.change_project", proposal.step.project)
    if not (manages or analysis.can_analyse(request.user, proposal)):
        raise Http404
    return proposal, manages


def _rights(user, proposal, manages):
    return {
        "evaluate": analysis.can_analyse(user, proposal),
        "revise": manages or analysis.can_analyse(user, proposal),
        "decide": manages or analysis.can_decide(user, proposal),
        "assign": manages,
        "status": manages,
    }


def history(proposal):
    """The actions on `proposal`, newest first: those recorded on it, those recorded in bulk on its steps that
    name it, and the edits of its text."""
    proposal_type = ContentType.objects.get_for_model(Proposal)
    step_ids = {proposal.step_id, *proposal.selections.values_list("step_id", flat=True)}
    own = list(ActionLog.objects.filter(target_type=proposal_type, target_id=proposal.pk)[:HISTORY_SIZE])
    bulk = [
        entry
        for entry in ActionLog.objects.filter(
            target_type=ContentType.objects.get_for_model(Step),
            target_id__in=step_ids,
            action__in=STEP_ACTIONS,
        )[: HISTORY_SIZE * 5]
        if proposal.pk in ((entry.details or {}).get("proposals") or [])
    ]
    entries = [(entry.created_at, entry.actor_name, entry.action, entry.details) for entry in (*own, *bulk)]
    for revision in Revision.objects.filter(content_type=proposal_type, object_id=proposal.pk).select_related(
        "editor"
    )[:HISTORY_SIZE]:
        editor = revision.editor.public_name if revision.editor else ""
        entries.append((revision.changed_at, editor, "edited", {"fields": ", ".join(revision.changes)}))
    entries.sort(key=lambda entry: entry[0], reverse=True)
    return entries[:HISTORY_SIZE]


def _forms(request, proposal, definition, which):
    data = request.POST if which else None
    decision_initial = {
        "decision": proposal.decision or "accepted",
        "official_answer": proposal.official_answer,
        "publish_at": proposal.decision_publish_at,
    }
    return {
        **evaluation_forms(request, proposal, definition, which == "evaluate"),
        "decision_form": DecisionFields(
            data if which == "decide" else None, initial=decision_initial, prefix="decision"
        ),
        "revision_form": RevisionRequestForm(data if which == "revise" else None, prefix="revision"),
        "assign_form": ProposalAssignForm(
            data if which == "assign" else None, proposal=proposal, prefix="assign"
        ),
    }


FORMS = {
    "evaluate": "evaluation_form",
    "decide": "decision_form",
    "revise": "revision_form",
    "assign": "assign_form",
    "status": None,  # one of status_forms, the selection posted
}


@staff_view("gestion.access")
def proposal_page(request, pk):
    proposal, manages = proposal_or_404(request, pk)
    rights = _rights(request.user, proposal, manages)
    which = request.POST.get("form") if request.method == "POST" else None
    if which is not None and which not in FORMS:
        raise BadRequest
    if which is not None and not rights[which]:
        raise PermissionDenied
    definition = evaluation_definition(proposal.step)
    forms = _forms(request, proposal, definition, which)
    forms["status_forms"] = _status_forms(request, proposal, which)
    if which is not None:
        form = forms[FORMS[which]] if FORMS[which] else _posted_status_form(forms)
        valid = form.is_valid()
        if which == "evaluate" and forms["evaluation_questions"] is not None:
            valid = forms["evaluation_questions"].is_valid() and valid
        if valid:
            _apply(request, proposal, which, form.cleaned_data, forms)
            return redirect("gestion:proposals:proposal", proposal.pk)
    context = {
        "proposal": proposal,
        "project": proposal.step.project,
        "step": proposal.step,
        "rights": rights,
        "analysts": list(proposal.analysts.order_by("display_name", "pk")),
        "answers": custom_answers.readable(proposal, staff=True),
        "evaluations": readable_evaluations(request.user, proposal, definition),
        "history": history(proposal),
        "public_url": proposal.get_absolute_url(),
        "can_see_contribution": request.user.has_perm("gestion.view_contributions") and manages,
        **forms,
    }
    return render(request, "proposals/gestion/proposal.html", context, status=400 if which else 200)


def _posted_status_form(forms):
    return next(form for form in forms["status_forms"] if form.is_bound)


def _apply(request, proposal, which, data, forms):
    user = request.user
    if which == "evaluate":
        analysis.evaluate(
            proposal,
            user,
            state=data["state"],
            revised_cost=data["revised_cost"],
            note=data["note"],
            questions=forms["evaluation_questions"],
        )
        record(user, "proposals.evaluated", proposal, {"state": data["state"]})
        messages.success(request, _("Your assessment is saved."))
    elif which == "decide":
        services.decide(
            [proposal],
            decision=data["decision"],
            official_answer=data["official_answer"],
            publish_at=data["publish_at"],
            by=user,
        )
        messages.success(request, _("The decision is saved."))
    elif which == "revise":
        analysis.ask_revision(proposal, reason=data["reason"], deadline=data["deadline"])
        record(user, "proposals.revision_asked", proposal, {"deadline": data["deadline"].isoformat()})
        messages.success(request, _("The author is asked to revise the proposal."))
    elif which == "status":
        step = _posted_status_form(forms).selection.step
        services.change_status(step, [proposal], data["status"], by=user)
        messages.success(request, _("The status is saved."))
    else:
        services.assign_one(
            proposal,
            analysts=list(data["analysts"]),
            supervisor=data["supervisor"],
            decision_maker=data["decision_maker"],
            by=user,
        )
        messages.success(
            request,
            _("The people who analyse this proposal are saved; those newly chosen are told by e-mail."),
        )
