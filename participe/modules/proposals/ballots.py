"""Ballots of limited, budget and ranking votes: the one place that writes them.

Each write locks the voter's ballot row (select_for_update) and checks the step's rules
AFTER the lock, so parallel requests of one voter are serialised: a budget ballot can
never go over its envelope, a limited ballot never over its maximum. Counters on the
proposals move in the same transaction (F expressions), only for counted ballots
(at least the minimum number of choices, e-mail confirmed, and, where the step asks for it, confirmed by the
voter after the review screen). The step's and project's totals are
recounted every minute (`counted_ballots`, read by participe.votes.tallies), never by a ballot.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participe.modules.proposals.models import Ballot, BallotItem, Proposal
from participe.modules.proposals.selection import proposal_of_step, proposals_of_step
from participe.modules.proposals.step_settings import vote_settings
from participe.participation.participants import note_participant_in_step


class BallotRefused(Exception):
    """A change the step's rules forbid; the message is shown to the voter."""


@dataclass(frozen=True)
class BallotChange:
    ballot: Ballot
    changed: bool
    message: str


def ballot_district(settings, proposal):
    return proposal.district_id if settings.per_district else None


def _lock(voter, step, district_id):
    return Ballot.objects.select_for_update().filter(voter=voter, step=step, district_id=district_id).order_by().first()


def locked_ballot(voter, step, district_id=None):
    """The voter's ballot for `step` (and district), created if needed, locked until the transaction ends."""
    lookup = {"voter": voter, "step": step, "district_id": district_id}
    ballot = _lock(voter, step, district_id)
    if ballot is None:
        try:
            with transaction.atomic():
                Ballot.objects.create(instance_id=voter.instance_id, **lookup)
        except IntegrityError:
            pass  # created by a parallel request of the same voter: lock that one
        ballot = _lock(voter, step, district_id)
    ballot.voter = voter  # already loaded: no query for the rules that read it
    return ballot


def _contributions(settings, items):
    """{proposal id: (votes, points)} a counted ballot with `items` adds to the proposals."""
    result = {}
    for item in items:
        points = settings.points_for_rank(item.rank) if settings.type == "ranking" and item.rank else 0
        result[item.proposal_id] = (1, points)
    return result


def is_complete(settings, items_count):
    """Enough choices for a ballot to count (at least one, at least the step's minimum)."""
    return items_count >= max(settings.min_choices, 1)


def _is_counted(settings, ballot):
    confirmed = ballot.confirmed_at is not None or not settings.confirm
    return bool(ballot.voter.email_confirmed) and confirmed and is_complete(settings, ballot.items_count)


def _recount(step, settings, ballot, old_items, old_counted, new_items=None):
    """Move the proposals' counters from the ballot's old state to its new one (`new_items`: the
    ballot's items now, when the caller knows them without asking the database)."""
    if new_items is None:
        new_items = list(ballot.items.all())
    ballot.items_count = len(new_items)
    ballot.total_cost = sum((item.cost for item in new_items), 0)
    ballot.is_counted = _is_counted(settings, ballot)
    ballot.save(update_fields=["items_count", "total_cost", "is_counted", "updated_at"])
    before = _contributions(settings, old_items) if old_counted else {}
    after = _contributions(settings, new_items) if ballot.is_counted else {}
    for proposal_id in sorted(set(before) | set(after)):  # rows locked in id order: no deadlock between ballots
        old_votes, old_points = before.get(proposal_id, (0, 0))
        new_votes, new_points = after.get(proposal_id, (0, 0))
        if (old_votes, old_points) != (new_votes, new_points):
            Proposal.objects.filter(pk=proposal_id).update(
                ballot_votes=F("ballot_votes") + (new_votes - old_votes),
                ballot_points=F("ballot_points") + (new_points - old_points),
            )
    if ballot.is_counted and not old_counted:  # a voter takes part in the project (once: a no-op afterwards)
        note_participant_in_step(ballot.voter, step)


def counted_ballots(step_ids):
    """{step id: counted ballots} (the step types' `votes_tally` hook)."""
    rows = Ballot.objects.filter(step_id__in=step_ids, is_counted=True).values_list("step_id")
    return dict(rows.annotate(total=Count("pk")).order_by())


def _check_proposal(step, proposal):
    if not proposals_of_step(step).filter(pk=proposal.pk).exists():
        raise BallotRefused(_("This proposal is not part of this vote."))


def add(voter, step, proposal, *, mediated_by=None, consent=""):
    """Add `proposal` to the voter's ballot, within the step's rules (checked after the lock)."""
    _check_proposal(step, proposal)
    return _add(voter, step, proposal, mediated_by=mediated_by, consent=consent)


def add_by_id(voter, step, proposal_id):
    """`add` for a proposal known by its id (a form's value): found and checked in one query."""
    proposal = proposal_of_step(step, proposal_id)
    if proposal is None:
        raise BallotRefused(_("This proposal is not part of this vote."))
    return _add(voter, step, proposal)


def _add(voter, step, proposal, *, mediated_by=None, consent=""):
    settings = vote_settings(step)
    if not settings.uses_ballots:
        raise BallotRefused(_("This step has no ballot."))
    with transaction.atomic():
        ballot = locked_ballot(voter, step, ballot_district(settings, proposal))
        cost = proposal.cost or 0
        old_items = list(ballot.items.all())
        if any(item.proposal_id == proposal.pk for item in old_items):
            return BallotChange(ballot, False, _("This proposal is already in your ballot."))
        if refusal := _refusal_to_add(settings, ballot, cost):
            raise BallotRefused(refusal)
        rank = len(old_items) + 1 if settings.type == "ranking" else None
        added = BallotItem.objects.create(
            instance_id=voter.instance_id, ballot=ballot, proposal=proposal, rank=rank, cost=cost
        )
        if mediated_by is not None:  # recorded by a mediator with the voter: confirmed there and then
            ballot.mediated_by, ballot.consent = mediated_by, consent[:300]
            ballot.confirmed_at = ballot.confirmed_at or timezone.now()
            ballot.save(update_fields=["mediated_by", "consent", "confirmed_at"])
        _recount(step, settings, ballot, old_items, ballot.is_counted, new_items=[*old_items, added])
    return BallotChange(ballot, True, _message(settings, ballot))


def _refusal_to_add(settings, ballot, cost):
    """Why one more proposal at `cost` does not fit in the locked `ballot` (its totals are fresh), or None."""
    if settings.type == "budget":
        envelope = settings.envelope(ballot.district_id)
        if envelope is None:
            return _("This proposal is not part of any budget envelope.")
        if ballot.total_cost + cost > envelope:
            return _("This proposal does not fit in your budget: %(left)s left, it costs %(cost)s.") % {
                "left": envelope - ballot.total_cost, "cost": cost
            }
    limit = settings.ranking_size if settings.type == "ranking" else settings.max_choices
    if limit and ballot.items_count >= limit:
        return _("You have already chosen %(n)s proposals, the most allowed.") % {"n": limit}
    return None


def remove(voter, step, proposal):
    settings = vote_settings(step)
    with transaction.atomic():
        ballot = locked_ballot(voter, step, ballot_district(settings, proposal))
        old_items = list(ballot.items.all())
        removed = [item for item in old_items if item.proposal_id == proposal.pk]
        if not removed:
            return BallotChange(ballot, False, _("This proposal was not in your ballot."))
        kept = [item for item in old_items if item is not removed[0]]
        removed[0].delete()
        if settings.type == "ranking":
            _renumber(ballot)
            kept = None  # renumbered in the database: read them back
        _recount(step, settings, ballot, old_items, ballot.is_counted, new_items=kept)
    return BallotChange(ballot, True, _message(settings, ballot))


def set_ranking(voter, step, proposals):
    """Replace the voter's ranking by `proposals`, best first (no JavaScript: one form with N selects)."""
    settings = vote_settings(step)
    if settings.type != "ranking":
        raise BallotRefused(_("This step has no ranking."))
    if len(proposals) > settings.ranking_size:
        raise BallotRefused(_("Rank at most %(n)s proposals.") % {"n": settings.ranking_size})
    if len({p.pk for p in proposals}) != len(proposals):
        raise BallotRefused(_("Each proposal can be ranked only once."))
    for proposal in proposals:
        _check_proposal(step, proposal)
    with transaction.atomic():
        ballot = locked_ballot(voter, step)
        old_items = list(ballot.items.all())
        ballot.items.all().delete()
        BallotItem.objects.bulk_create(
            BallotItem(instance_id=voter.instance_id, ballot=ballot, proposal=p, rank=rank, cost=p.cost or 0)
            for rank, p in enumerate(proposals, start=1)
        )
        _recount(step, settings, ballot, old_items, ballot.is_counted)
    return BallotChange(ballot, True, _message(settings, ballot))


def _renumber(ballot):
    items = list(ballot.items.order_by("rank", "pk"))
    BallotItem.objects.filter(ballot=ballot).update(rank=None)
    for rank, item in enumerate(items, start=1):
        item.rank = rank
    BallotItem.objects.bulk_update(items, ["rank"])


def confirm(voter, step):
    """Confirm the voter's ballots of `step` after the review screen: from now on they count (when complete), and
    later changes count at once. Refused while a ballot is not complete. Returns the number of ballots confirmed."""
    settings = vote_settings(step)
    if settings.type != "budget":
        raise BallotRefused(_("This step has no ballot to confirm."))
    confirmed = 0
    with transaction.atomic():
        district_ids = sorted(
            Ballot.objects.filter(voter=voter, step=step).values_list("district_id", flat=True),
            key=lambda pk: pk or 0,
        )
        locked = [locked_ballot(voter, step, district_id) for district_id in district_ids]  # one order: no deadlock
        chosen = [ballot for ballot in locked if ballot.items_count]
        if not chosen:
            raise BallotRefused(_("Your ballot is empty: choose projects first."))
        for ballot in chosen:
            if not is_complete(settings, ballot.items_count):
                raise BallotRefused(_missing(settings, ballot.items_count))
            envelope = settings.envelope(ballot.district_id)
            if envelope is not None and ballot.total_cost > envelope:
                raise BallotRefused(_("Your ballot goes over its envelope: remove a project first."))
        now = timezone.now()
        for ballot in chosen:
            if ballot.confirmed_at is None:
                ballot.confirmed_at = now
                ballot.save(update_fields=["confirmed_at"])
                confirmed += 1
            items = list(ballot.items.all())
            _recount(step, settings, ballot, items, ballot.is_counted, new_items=items)
    return confirmed


def _missing(settings, items_count):
    missing = max(settings.min_choices, 1) - items_count
    return ngettext(
        "Choose at least %(n)s more project.", "Choose at least %(n)s more projects.", missing
    ) % {"n": missing}


def recount_voter(sender=None, user=None, voter=None, **kwargs):
    """Count the ballots `voter` filled while unconfirmed (receiver of accounts' `email_confirmed`)."""
    voter = voter or user
    for ballot in Ballot.objects.filter(voter=voter, is_counted=False).select_related("step"):
        with transaction.atomic():
            locked = locked_ballot(voter, ballot.step, ballot.district_id)
            items = list(locked.items.all())
            _recount(ballot.step, vote_settings(ballot.step), locked, items, locked.is_counted, new_items=items)


def _message(settings, ballot):
    if settings.min_choices and ballot.items_count < settings.min_choices:
        return ngettext(
            "Your choice is saved. Your ballot will count once it holds at least %(n)s proposal.",
            "Your choice is saved. Your ballot will count once it holds at least %(n)s proposals.",
            settings.min_choices,
        ) % {"n": settings.min_choices}
    if not ballot.voter.email_confirmed:
        return _("Your choice is saved; it will count once your e-mail address is confirmed.")
    if settings.confirm and ballot.confirmed_at is None and ballot.items_count:
        return _("Your choice is saved. Review and confirm your ballot for it to count.")
    return _("Your ballot is saved.")
