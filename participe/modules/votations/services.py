"""Votation writes and reads: who may vote, casting a ballot, electorate imports, results after the close."""

import random
import secrets
import uuid
from collections import Counter, defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from participe.accounts.models import User
from participe.core.mail import send_email
from participe.forms import stats
from participe.modules.votations import electorate
from participe.modules.votations.models import (
    AuditEntry,
    Ballot,
    Elector,
    PendingBallot,
    Votation,
    digest,
    new_receipt,
    normalise_receipt,
)
from participe.participation import gate
from participe.participation.participants import note_participant_in_step
from participe.projects.registry import StepState

BALLOT_TYPES = {"single_choice", "multiple_choice", "ranking", "majority_judgment", "section"}


class AlreadyVoted(Exception):
    pass


class NotAnElector(Exception):
    pass


class VotationClosed(Exception):
    pass


_shuffler = random.SystemRandom()


# Electorate ------------------------------------------------------------------------


def account_may_vote(votation, user):
    """For an electorate of accounts: the participation gate lets the account vote in the step now (visible,
    open, signed in, not banned, requirements met), and its e-mail address is confirmed."""
    return bool(gate.check(user, "vote", votation, step=votation.step)) and bool(user.email_confirmed)


def has_voted(votation, user):
    return user.is_authenticated and Elector.objects.filter(votation=votation, account=user, has_voted=True).exists()


def elector_by_code(votation, code):
    return Elector.objects.filter(votation=votation, code_digest=digest(code)).first() if code else None


def elector_by_invitation(votation, token):
    return Elector.objects.filter(votation=votation, invitation_digest=digest(token)).first() if token else None


def audit(votation, actor, action, **details):
    AuditEntry.objects.create(
        votation=votation, actor=actor if actor and actor.is_authenticated else None, action=action, details=details,
        instance_id=votation.instance_id,
    )


def import_electors(votation, emails, actor, invitation_url):
    """Add electors by e-mail (duplicates ignored) and invite each. `invitation_url(token)` builds the link."""
    return import_list(votation, [(email, "") for email in emails], actor, invitation_url)


def import_list(votation, people, actor, invitation_url):
    """Add electors from (e-mail, name) pairs, matched to the instance's accounts by e-mail, and invite each by
    a personal link (duplicates and addresses already on the register are skipped). Returns how many were added."""
    added = 0
    invitations = []
    wanted = {}
    for email, name in people:
        email = email.strip().lower()
        if email:
            wanted.setdefault(email, name.strip()[:150])
    with transaction.atomic():
        known = set(Elector.objects.filter(votation=votation).values_list("email", flat=True))
        accounts = {u.email.lower(): u for u in User.objects.filter(email__in=list(wanted))}
        for email, name in wanted.items():
            if email in known:
                continue
            token = secrets.token_urlsafe(24)
            Elector.objects.create(
                votation=votation, email=email, name=name, account=accounts.get(email), invitation_digest=digest(token),
                instance_id=votation.instance_id,
            )
            invitations.append((email, token))
            added += 1
        audit(votation, actor, "electors_imported", count=added)
    for email, token in invitations:
        transaction.on_commit(
            lambda email=email, token=token: send_email(
                votation.instance, email, "votation_invitation",
                {"votation": votation, "step": votation.step, "link": invitation_url(token)},
            )
        )
    return added


def generate_codes(votation, count, actor):
    """New identification codes: returned once (to print or hand out), stored as digests only."""
    codes = []
    with transaction.atomic():
        for _n in range(count):
            code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10))
            Elector.objects.create(votation=votation, code_digest=digest(code), instance_id=votation.instance_id)
            codes.append(code)
        audit(votation, actor, "codes_generated", count=count)
    return codes


# Casting -------------------------------------------------------------------------------


@sensitive_variables("answers", "receipt")
def cast_ballot(votation, answers, *, account=None, elector=None):
    """Record that the elector voted and drop the ballot in the pool, in one transaction. Returns the receipt.

    One elector, one ballot: for an electorate of accounts the register row is created now and its
    unique constraint refuses a second one; for listed electors and codes the row exists and is
    flipped with a conditional UPDATE that only one transaction can win. Both rows commit or neither
    does, so a cast ballot is never lost. The pool row shares the register row's transaction id, which
    is why it only waits there until the next shuffled batch (`flush_pool`).
    """
    if votation.electorate == Votation.Electorate.ACCOUNTS and account is None:
        raise NotAnElector
    if votation.electorate != Votation.Electorate.ACCOUNTS and elector is None:
        raise NotAnElector
    receipt = new_receipt()
    with transaction.atomic():
        # The count locks this row FOR UPDATE before sealing the box: a cast holding it is counted, a cast
        # arriving after the seal finds the votation closed. Casts of one votation queue here, briefly.
        locked = Votation.objects.select_for_update(no_key=True).only("pk", "results").get(pk=votation.pk)
        if locked.results is not None or votation.state != StepState.OPEN:
            raise VotationClosed
        if votation.electorate == Votation.Electorate.ACCOUNTS:
            try:
                with transaction.atomic():
                    Elector.objects.create(
                        votation=votation, account=account, has_voted=True, instance_id=votation.instance_id
                    )
            except IntegrityError as exc:
                raise AlreadyVoted from exc
        else:
            flipped = Elector.objects.filter(pk=elector.pk, votation=votation, has_voted=False).update(has_voted=True)
            if not flipped:
                raise AlreadyVoted
        PendingBallot.objects.create(
            votation=votation, receipt_digest=digest(receipt), answers=answers, instance_id=votation.instance_id
        )
        note_participant_in_step(account, votation.step)
    return receipt


def email_confirmation(votation, address):
    """"Your ballot is cast", with neither the choices nor the receipt code (kept on the voter's screen only)."""
    if votation.email_receipt and address:
        transaction.on_commit(
            lambda: send_email(votation.instance, address, "votation_voted", {"votation": votation, "step": votation.step})
        )


# The box -----------------------------------------------------------------------------------


def batch_minimum():
    return getattr(settings, "VOTATION_BATCH_MIN", 10)


def flush_pool(votation, minimum=None):
    """Move the pool into the box as one batch in random order, once at least `minimum` ballots wait.

    The batch shares one transaction id and lands on disk in shuffled order: within a batch, nothing says
    which ballot came first. Returns the number of ballots moved.
    """
    minimum = batch_minimum() if minimum is None else minimum
    with transaction.atomic():
        Votation.objects.select_for_update().only("pk").get(pk=votation.pk)  # casts wait for the batch
        waiting = list(PendingBallot.objects.filter(votation=votation).values_list("pk", "receipt_digest", "answers"))
        if not waiting or len(waiting) < minimum:
            return 0
        _shuffler.shuffle(waiting)
        for start in range(0, len(waiting), 500):
            PendingBallot.objects.filter(pk__in=[pk for pk, _digest, _answers in waiting[start : start + 500]]).delete()
        Ballot.objects.bulk_create(
            [_ballot(votation, receipt_digest, answers) for _pk, receipt_digest, answers in waiting], batch_size=500
        )
    return len(waiting)


def _ballot(votation, receipt_digest, answers):
    return Ballot(
        id=uuid.uuid4(), votation_id=votation.pk, instance_id=votation.instance_id,
        receipt_digest=receipt_digest, answers=answers,
    )


def _seal_box(votation, chunk=1000):
    """At the close, the pool and every batch become one box rewritten in one random order by one
    transaction (the caller's): the batches' transaction ids and places on disk no longer tell when a
    ballot was cast. Only the ids are held in memory; rows are moved a chunk at a time."""
    sources = [(Ballot, pk) for pk in Ballot.objects.filter(votation=votation).values_list("pk", flat=True)]
    sources += [(PendingBallot, pk) for pk in PendingBallot.objects.filter(votation=votation).values_list("pk", flat=True)]
    _shuffler.shuffle(sources)
    for start in range(0, len(sources), chunk):
        part = sources[start : start + chunk]
        rows = {}
        for model in (Ballot, PendingBallot):
            pks = [pk for kind, pk in part if kind is model]
            found = model.objects.filter(votation=votation, pk__in=pks)
            rows.update({(model, pk): (receipt_digest, answers) for pk, receipt_digest, answers in found.values_list(
                "pk", "receipt_digest", "answers")})
            found.delete()
        Ballot.objects.bulk_create([_ballot(votation, *rows[source]) for source in part], batch_size=500)


def receipt_in_box(votation, typed):
    """Whether a receipt code is in the box (or in the pool the count will seal into it, for a page read before
    the count: a GET writes nothing): its presence only, never the choices it carries."""
    receipt = normalise_receipt(typed)
    if not receipt:
        return False
    return any(box.objects.filter(votation=votation, receipt_digest=digest(receipt)).exists() for box in (Ballot, PendingBallot))


def ballots_cast(votation):
    if votation.results is not None:
        return votation.results["ballots"]
    return Ballot.objects.filter(votation=votation).count() + PendingBallot.objects.filter(votation=votation).count()


# Results ---------------------------------------------------------------------------------


def eligible_accounts_count(votation):
    """Confirmed, active, not banned accounts meeting the step's requirements: one query (see electorate.py)."""
    return electorate.eligible_accounts_count(votation.step)


def compute_results(votation):
    """Seal the box and count the ballots once the votation is closed (never before), and keep the counts."""
    if not votation.is_closed:
        return None
    if votation.results is not None:
        return votation.results
    with transaction.atomic():
        locked = Votation.objects.select_for_update().get(pk=votation.pk)
        if locked.results is None:
            _seal_box(votation)
            definition = votation.form.definition()
            counts = defaultdict(Counter)
            ballots = 0
            for answers in Ballot.objects.filter(votation=votation).values_list("answers", flat=True).iterator(2000):
                ballots += 1
                for question_id, key in set(stats.stat_rows(answers, definition)):
                    counts[str(question_id)][key] += 1
            if votation.electorate == Votation.Electorate.ACCOUNTS:
                electors = eligible_accounts_count(votation)
            else:
                electors = Elector.objects.filter(votation=votation).count()
            locked.results = {
                "counts": {q: dict(c) for q, c in counts.items()},
                "ballots": ballots,
                "voters": Elector.objects.filter(votation=votation, has_voted=True).count(),
                "electors": max(electors, ballots),
            }
            locked.save(update_fields=["results"])
        votation.results = locked.results
    return votation.results


def publish_results(votation, actor):
    """Make the counted results public (the organisers reviewed them). False when there is nothing counted yet."""
    if votation.results is None:
        return False
    if votation.results_published_at is None:
        votation.results_published_at = timezone.now()
        votation.save(update_fields=["results_published_at"])
        audit(votation, actor, "results_published", ballots=votation.results["ballots"])
    return True


def results_for_display(votation):
    results = compute_results(votation)
    if results is None:
        return None
    definition = votation.form.definition()
    questions = []
    for question in definition.input_questions:
        keys = results["counts"].get(str(question.pk), {})
        result = stats.QuestionResult(question=question, answered=keys.get("", 0), replies=results["ballots"])
        questions.append(stats.summarise(result, keys))
    electors = results["electors"]
    turnout = round(100 * results["ballots"] / electors, 1) if electors else 0
    return {"questions": questions, "ballots": results["ballots"], "electors": electors, "turnout": turnout}


def check_ballot_questions(definition):
    wrong = [q.title for q in definition.all_questions if q.type not in BALLOT_TYPES]
    if wrong:
        return _("A ballot only has choice, ranking and majority judgment questions: %(titles)s") % {
            "titles": ", ".join(wrong)
        }
    return None


def ballot_form_lock(form):
    """A votation's ballot form is locked once the votation opens (declared in the manifest)."""
    for votation in Votation.objects.filter(form=form).select_related("step"):
        if votation.is_frozen:
            return _("This form is the ballot of an open or closed votation: it can no longer change.")
    return None
