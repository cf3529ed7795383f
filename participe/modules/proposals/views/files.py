"""A proposal's attachment (private storage): to whoever may see the proposal, always as a download."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from participe.core.private_files import private_file_response
from participe.modules.proposals.models import Proposal
from participe.participation.targets import may_see_files_of


def attachment(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    if not proposal.attachment or not may_see_files_of(request.user, proposal):
        raise Http404
    name = f"{proposal.title[:80] or 'document'}.{proposal.attachment.name.rsplit('.', 1)[-1]}"
    return private_file_response(proposal.attachment, name)
