"""One proposal: its text, statuses, decision, progress, news, votes and comments."""

from django.shortcuts import render

from participe.modules.proposals import analysis, custom_answers
from participe.modules.proposals.models import ProposalStepVotes
from participe.modules.proposals.step_settings import vote_settings
from participe.modules.proposals.views.common import is_staff_of, proposal_or_404
from participe.modules.proposals.views.lists import my_ballot_state
from participe.projects.views import step_page_context
from participe.votes.services import annotate_my_votes


def detail(request, pk):
    proposal = proposal_or_404(request, pk)
    step = proposal.step
    selections = list(proposal.selections.select_related("step", "status").order_by("step__position"))
    vote_steps = [step] + [s.step for s in selections]
    votes = []
    for vote_step in vote_steps:
        settings = vote_settings(vote_step)
        if settings.type == "none":
            continue
        mine, _ballots = my_ballot_state(request.user, vote_step, settings)
        votes.append(
            {"step": vote_step, "settings": settings, "in_my_ballot": mine.get(proposal.pk),
             "secret": settings.is_secret(), "open": vote_step.allows("vote")}
        )
    if any(v["settings"].type == "support" for v in votes):
        # Each support step shows its own count; the vote widget sits in the step voted in now.
        # Its collect step's count is the proposal's own `votes_total`, a selection step's is a row of its own.
        counts = dict(ProposalStepVotes.objects.filter(proposal=proposal).values_list("step_id", "votes_total"))
        counts[step.pk] = proposal.votes_total
        voting_step = proposal.voting_step
        for v in votes:
            v["count"] = counts.get(v["step"].pk, 0)
            v["is_voting_step"] = voting_step is not None and v["step"].pk == voting_step.pk
        proposal.votes_total = counts.get(voting_step.pk, 0) if voting_step else 0
    staff = is_staff_of(request.user, step)
    context = step_page_context(request, step)
    context.update(
        {
            "proposal": proposal,
            "answers": custom_answers.readable(proposal, staff=staff, viewer=request.user),
            "selections": selections,
            "votes": votes,
            "progress": list(proposal.progress_steps.all()),
            "news": list(proposal.news.all()[:20]),
            "co_authors": list(proposal.co_authors.all()),
            "can_edit": proposal.editable_by_author(request.user),
            "can_analyse": analysis.can_analyse(request.user, proposal),
            "staff": staff,
        }
    )
    if any(v["settings"].type == "support" for v in votes):
        annotate_my_votes(request.user, [proposal])
    return render(request, "proposals/detail.html", context)
