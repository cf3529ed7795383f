"""Writing proposals: submit (or keep as draft), edit, delete, and find similar ones."""

import re
import unicodedata

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from participe.core.mail import send_email
from participe.forms.engine import save_answers
from participe.forms.models import Reply
from participe.modules.proposals.models import Proposal
from participe.modules.proposals.tasks import geocode_proposal
from participe.participation.models import Status
from participe.participation.participants import note_participant_in_step
from participe.projects.models import Project, Step
from participe.site.models import District


def assign_district(proposal):
    """File the proposal under the district holding its map point (point-in-polygon)."""
    if not proposal.has_point:
        return
    district = District.objects.holding(float(proposal.longitude), float(proposal.latitude))
    if district is not None:
        proposal.district = district


def needs_geocoding(proposal, changed):
    """An address with no point, or a new address while the point was left as it was: the background job
    looks it up (the form never waits for the geocoder)."""
    if not proposal.address:
        return False
    point_typed = "latitude" in changed or "longitude" in changed
    return not proposal.has_point or ("address" in changed and not point_typed)


@transaction.atomic
def save_proposal(form, author, *, draft=False, questions=None):
    proposal = form.save(commit=False)
    if questions is not None:
        proposal.reply = _save_custom_answers(proposal, questions, author)
    creating = proposal.pk is None
    was_draft = not creating and proposal.status == Status.DRAFT
    if creating:
        proposal.author, proposal.step, proposal.instance_id = author, form.step, author.instance_id
    assign_district(proposal)
    if draft:
        proposal.status = Status.DRAFT
    elif creating or was_draft:
        proposal.status = Status.PUBLISHED
        proposal.published_at = timezone.now()
        proposal.awaiting_confirmation = not author.email_confirmed
    proposal.save()
    form.save_m2m()
    if needs_geocoding(proposal, form.changed_data):
        proposal_id, instance_id, address = proposal.pk, proposal.instance_id, proposal.address
        transaction.on_commit(lambda: geocode_proposal.delay(instance_id, proposal_id, address))
    if proposal.status == Status.PUBLISHED and (creating or was_draft):
        Step._base_manager.filter(pk=proposal.step_id).update(contributions_count=F("contributions_count") + 1)
        Project._base_manager.filter(pk=form.step.project_id).update(contributions_count=F("contributions_count") + 1)
        if author.email_confirmed:  # an unconfirmed author counts once the address is confirmed (release_awaiting)
            note_participant_in_step(author, form.step)
        send_email(proposal.instance, author.email, "proposals/acknowledgement", {"proposal": proposal, "user": author})
    return proposal


def _save_custom_answers(proposal, questions, author):
    reply = proposal.reply if proposal.reply_id else Reply(
        form=questions.definition.form, author=author, instance_id=author.instance_id
    )
    reply.is_draft = False
    reply.submitted_at = reply.submitted_at or timezone.now()
    return save_answers(reply, questions.cleaned_data, questions)


@transaction.atomic
def delete_proposal(proposal):
    was_published = proposal.status == Status.PUBLISHED
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.DELETED, updated_at=timezone.now())
    if was_published:
        Step._base_manager.filter(pk=proposal.step_id).update(contributions_count=F("contributions_count") - 1)
        Project._base_manager.filter(steps=proposal.step_id).update(contributions_count=F("contributions_count") - 1)


_STOP_WORDS = set(
    "le la les un une des de du d l et ou en au aux a à pour par sur dans avec sans ce cette ces qui que "
    "the a an of and or in on for to with by at is are".split()
)


def tokens(text):
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return {word for word in re.findall(r"[a-z0-9]+", text) if len(word) > 2 and word not in _STOP_WORDS}


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similar_proposals(step, title, *, exclude_pk=None, limit=5, candidates=None):
    """Published proposals of `step` whose titles share words (or word trigrams) with `title`, best first.

    Scores are a Jaccard overlap of word trigrams: "velos" finds "vélo" and "vélos"."""
    query = tokens(title)
    if not query:
        return []
    query_grams = set().union(*(_trigrams(w) for w in query))
    if candidates is None:
        candidates = (
            Proposal.objects.filter(step=step, status=Status.PUBLISHED, merged_into=None)
            .exclude(pk=exclude_pk)
            .values_list("pk", "title")[:5000]
        )
    scored = []
    for pk, other_title in candidates:
        words = tokens(other_title)
        if not words:
            continue
        grams = set().union(*(_trigrams(w) for w in words))
        score = len(query_grams & grams) / len(query_grams | grams)
        if score >= 0.2:
            scored.append((score, pk, other_title))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return scored[:limit]
