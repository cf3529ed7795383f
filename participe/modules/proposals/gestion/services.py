"""What the proposals' back office changes, in bulk and in a fixed number of queries whatever the selection."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participe.actionlog.services import record
from participe.core.generations import purge
from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.core.richtext import sanitise
from participe.modules.proposals.gestion.tasks import announce_statuses, publish_decisions
from participe.modules.proposals.models import Proposal, ResultRun, Selection


@transaction.atomic
def assign(proposals, *, analysts=(), supervisor=None, decision_maker=None, by=None):
    """Give `proposals` these analysts (replacing theirs when some are chosen), supervisor and decision maker
    (when chosen), then send each person one e-mail listing what they were given."""
    proposals = list(proposals)
    ids = [proposal.pk for proposal in proposals]
    through = Proposal.analysts.through
    if analysts:
        through.objects.filter(proposal_id__in=ids).delete()
        through.objects.bulk_create(
            [through(proposal_id=pk, user_id=analyst.pk) for pk in ids for analyst in analysts]
        )
    roles = {name: person for name, person in (("supervisor", supervisor), ("decision_maker", decision_maker))
             if person is not None}
    if roles:
        Proposal.objects.filter(pk__in=ids).update(**roles, updated_at=timezone.now())
    people = {person.pk: person for person in (*analysts, supervisor, decision_maker) if person is not None}
    if not proposals:
        return
    instance = proposals[0].instance
    link = absolute_url(instance, reverse("gestion:proposals:analysis"))
    for person in people.values():
        if person.email:
            send_email(instance, person.email, "proposals/assigned_many",
                       {"user": person, "proposals": proposals, "link": link})
    if by is not None:
        record(by, "proposals.assigned", proposals[0].step, {"proposals": ids, "people": sorted(people)})


@transaction.atomic
def change_status(step, proposals, status, by=None):
    """Give the selection `status` (or none) to `proposals` in `step`; their authors and followers are told in a
    background job once the change is saved."""
    ids = [proposal.pk for proposal in proposals]
    changed = list(
        Selection.objects.filter(step=step, proposal_id__in=ids)
        .exclude(status=status)
        .values_list("proposal_id", flat=True)
    )
    Selection.objects.filter(step=step, proposal_id__in=changed).update(status=status)
    if status is not None and changed:
        instance_id = step.instance_id
        transaction.on_commit(lambda: announce_statuses.delay(instance_id, changed, status.name))
    if by is not None:
        record(by, "proposals.status_changed", step, {"proposals": changed, "status": status.pk if status else None})
    purge(step.instance_id)
    return len(changed)


@transaction.atomic
def decide(proposals, *, decision, official_answer, publish_at=None, by=None, now=None):
    """Record one decision for `proposals` in one statement; it becomes public now (a background job tells each
    author and the followers once saved) or at `publish_at` (the scheduled job, as analysis.decide does)."""
    now = now or timezone.now()
    ids = [proposal.pk for proposal in proposals]
    Proposal.objects.filter(pk__in=ids).update(
        decision=decision, official_answer=sanitise(official_answer), decision_publish_at=publish_at, updated_at=now
    )
    if publish_at is None or publish_at <= now:
        instance_id = proposals[0].instance_id if proposals else None
        transaction.on_commit(lambda: publish_decisions.delay(instance_id, ids))
    if by is not None and proposals:
        record(by, "proposals.decided", proposals[0].step, {"proposals": ids, "decision": decision})
    return len(ids)


@transaction.atomic
def move_into(selection_step, proposals, by=None):
    """Move `proposals` into `selection_step` (those already there stay as they are)."""
    rows = [Selection(instance_id=selection_step.instance_id, proposal_id=proposal.pk, step=selection_step)
            for proposal in proposals]
    Selection.objects.bulk_create(rows, ignore_conflicts=True)
    if by is not None:
        record(by, "proposals.moved", selection_step, {"proposals": [proposal.pk for proposal in proposals]})
    purge(selection_step.instance_id)


def unpublish_results(step, by):
    """The public sees no result of `step` any more (until one is published again); the runs stay."""
    runs = ResultRun.objects.filter(step=step, published_at__isnull=False)
    ids = list(runs.values_list("pk", flat=True))
    runs.update(published_at=None, published_by=None)
    record(by, "proposals.results_unpublished", step, {"runs": ids})
    purge(step.instance_id)
    return len(ids)


def show_results_during_vote(step, visible):
    settings = dict(step.settings or {})
    settings["vote"] = {**(settings.get("vote") or {}), "results_visible_during_vote": bool(visible)}
    step.settings = settings
    step.save(update_fields=["settings"])


@transaction.atomic
def assign_one(proposal, *, analysts=(), supervisor=None, decision_maker=None, by=None):
    """Give `proposal` exactly these analysts, supervisor and decision maker (None removes one); only the people
    newly given it are told by e-mail."""
    before = {*proposal.analysts.values_list("pk", flat=True), proposal.supervisor_id, proposal.decision_maker_id}
    proposal.analysts.set(analysts)
    proposal.supervisor, proposal.decision_maker = supervisor, decision_maker
    proposal.save(update_fields=["supervisor", "decision_maker", "updated_at"])
    people = {person.pk: person for person in (*analysts, supervisor, decision_maker) if person is not None}
    for pk, person in people.items():
        if pk not in before and person.email:
            send_email(proposal.instance, person.email, "proposals/assigned", {"proposal": proposal, "user": person})
    if by is not None:
        record(by, "proposals.assigned", proposal, {"people": sorted(people)})
