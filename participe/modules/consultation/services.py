"""One function per write: each checks the step allows it, writes, and keeps the counters, in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from participe.modules.consultation.models import (
    Amendment,
    AnswerStatus,
    Argument,
    Consultation,
    DebateArgument,
    Opinion,
    Section,
    Side,
    Source,
)
from participe.notifications.services import tell_author
from participe.participation.models import Status
from participe.participation.participants import note_participant_in_step
from participe.participation.services import initial_status
from participe.projects.models import Project, Step


class StepClosed(PermissionDenied):
    """The step does not accept this action now; the message says why, in the visitor's language."""


def check_step_allows(step, action):
    if step.allows(action):
        return
    state = step.state()
    if state == "future":
        raise StepClosed(_("This step has not opened yet: contributions and votes open on its start date."))
    if state == "closed":
        raise StepClosed(_("This step is closed: its results are final and no longer change."))
    raise StepClosed(_("This action is not available in this step."))


def _initial_status(author, step):
    # The shared rule: an unconfirmed author's contribution waits (as a draft) for the e-mail
    # confirmation, then the participation core publishes it; a pre-moderated step queues it.
    initial = initial_status(author, step)
    return initial.status, initial.awaiting_confirmation


def _bump(model, pk, delta=1, **fields):
    model.objects.filter(pk=pk).update(**{name: F(name) + delta for name in fields})


def _count_on_step(step, author=None):
    note_participant_in_step(author, step)
    Step.objects.filter(pk=step.pk).update(contributions_count=F("contributions_count") + 1)
    Project.objects.filter(pk=step.project_id).update(contributions_count=F("contributions_count") + 1)


@transaction.atomic
def submit_opinion(author, section, title, body):
    step = section.consultation.step
    check_step_allows(step, "contribute")
    if not section.allows_opinions:
        raise PermissionDenied(_("This section does not accept new opinions."))
    status, waiting = _initial_status(author, step)
    opinion = Opinion.objects.create(
        author=author, step=step, consultation=section.consultation, section=section, title=title, body=body,
        status=status, awaiting_confirmation=waiting, published_at=timezone.now() if status == Status.PUBLISHED else None,
    )
    _bump(Section, section.pk, opinions_count=1)
    _bump(Consultation, section.consultation_id, opinions_count=1)
    _count_on_step(step, author)
    return opinion


@transaction.atomic
def submit_amendment(author, opinion, title, body, explanation):
    step = opinion.consultation.step
    check_step_allows(step, "amend")
    if not opinion.section.allows_amendments:
        raise PermissionDenied(_("This section does not accept amendments."))
    status, waiting = _initial_status(author, step)
    amendment = Amendment.objects.create(
        author=author, step=step, opinion=opinion, title=title, body=body, explanation=explanation,
        status=status, awaiting_confirmation=waiting, published_at=timezone.now() if status == Status.PUBLISHED else None,
    )
    _bump(Opinion, opinion.pk, amendments_count=1)
    _bump(Section, opinion.section_id, amendments_count=1)
    _bump(Consultation, opinion.consultation_id, amendments_count=1)
    _count_on_step(step, author)
    return amendment


def _opinion_of(target):
    return target if isinstance(target, Opinion) else target.opinion


@transaction.atomic
def submit_argument(author, target, side, body):
    opinion = _opinion_of(target)
    step = opinion.consultation.step
    check_step_allows(step, "argue")
    if not opinion.section.allows_arguments:
        raise PermissionDenied(_("This section does not accept arguments."))
    status, waiting = _initial_status(author, step)
    on_opinion = isinstance(target, Opinion)
    argument = Argument.objects.create(
        author=author, step=step, side=side, body=body, status=status, awaiting_confirmation=waiting,
        opinion=target if on_opinion else None, amendment=None if on_opinion else target, published_at=timezone.now() if status == Status.PUBLISHED else None,
    )
    counter = "arguments_for_count" if side == Side.FOR else "arguments_against_count"
    _bump(type(target), target.pk, **{counter: 1})
    _bump(Section, opinion.section_id, arguments_count=1)
    _bump(Consultation, opinion.consultation_id, arguments_count=1)
    _count_on_step(step, author)
    return argument


@transaction.atomic
def submit_source(author, target, title, category, link="", file=None, description=""):
    opinion = _opinion_of(target)
    step = opinion.consultation.step
    check_step_allows(step, "source")
    if not opinion.section.allows_sources:
        raise PermissionDenied(_("This section does not accept sources."))
    status, waiting = _initial_status(author, step)
    on_opinion = isinstance(target, Opinion)
    source = Source.objects.create(
        author=author, step=step, title=title, category=category, link=link or "", file=file or "",
        description=description, status=status, awaiting_confirmation=waiting,
        opinion=target if on_opinion else None, amendment=None if on_opinion else target, published_at=timezone.now() if status == Status.PUBLISHED else None,
    )
    _bump(type(target), target.pk, sources_count=1)
    _bump(Section, opinion.section_id, sources_count=1)
    _bump(Consultation, opinion.consultation_id, sources_count=1)
    _count_on_step(step, author)
    return source


@transaction.atomic
def submit_debate_argument(author, debate, side, body):
    check_step_allows(debate.step, "argue")
    status, waiting = _initial_status(author, debate.step)
    argument = DebateArgument.objects.create(
        author=author, step=debate.step, debate=debate, side=side, body=body, status=status,
        awaiting_confirmation=waiting, published_at=timezone.now() if status == Status.PUBLISHED else None,
    )
    counter = "arguments_for_count" if side == Side.FOR else "arguments_against_count"
    _bump(type(debate), debate.pk, **{counter: 1})
    _count_on_step(debate.step, author)
    return argument


@transaction.atomic
def answer(target, by, status, official_answer):
    """The institution's decision on an opinion or amendment (allowed in every step state)."""
    if status not in AnswerStatus.values:
        raise ValueError(status)
    target.answer_status = status
    target.official_answer = official_answer
    target.answered_at = timezone.now()
    target.answered_by = by
    target.save(update_fields=["answer_status", "official_answer", "answered_at", "answered_by", "updated_at"])
    if status or official_answer:
        tell_author(target, "contribution_answered", actor=by)
    return target
