"""Proposals visitors may find: published, not merged, in a public collect of a project they may list."""

from django.utils.translation import gettext_lazy as _

from participe.modules.proposals.models import Proposal
from participe.projects.models import Step
from participe.search.registry import Result, SearchSource
from participe.search.snippets import plain
from participe.search.visibility import published_in_visible_steps


def _proposals(request):
    # A private collect (call for projects) shows proposals to their authors and staff only: never in search.
    private_collects = Step.objects.filter(type="collect", settings__visibility="private").values("pk")
    public = Proposal.objects.filter(merged_into=None).exclude(step__in=private_collects)
    return published_in_visible_steps(public, request)


proposals = SearchSource(
    key="proposals",
    label=_("Proposals"),
    rows=_proposals,
    fields=("title", "summary", "body", "address"),
    result=lambda proposal: Result(
        proposal.title, proposal.get_absolute_url(), proposal.summary or plain(proposal.body), proposal.published_at
    ),
    ordering=("-created_at", "-pk"),
    order=45,
    project_field="step__project",
    step_field="step",
)
