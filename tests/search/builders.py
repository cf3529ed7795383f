"""One published contribution of each searchable kind, holding a given word, in a public open step.

The contract test (tests/participation/test_manifests.py) builds each kind a manifest declares searchable
from here: a new searchable kind needs its builder, or the contract fails.
"""

from datetime import timedelta

from django.utils import timezone

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.modules.consultation.models import (
    Amendment,
    Argument,
    Consultation,
    Debate,
    DebateArgument,
    Opinion,
    Section,
    Source,
)
from participe.modules.proposals.models import Proposal
from participe.projects.models import Project, Step


def public_step(instance, step_type, slug="p"):
    now = timezone.now()
    project, _ = Project.objects.get_or_create(
        instance=instance, slug=slug, defaults={"title": "Projet public", "is_published": True}
    )
    return Step.objects.create(
        instance=instance, project=project, type=step_type, title=step_type, slug=f"{step_type}-{Step.objects.count()}",
        starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1),
    )


def _opinion(instance, word, author, slug):
    step = public_step(instance, "consultation", slug)
    consultation = Consultation.objects.create(step=step, title="Texte")
    section = Section.objects.create(consultation=consultation, title="Section", position=1, allows_arguments=True)
    return Opinion.objects.create(
        step=step, consultation=consultation, section=section, author=author, title="Article premier",
        body=f"<p>Un texte sur le {word} du quartier.</p>",
    )


def _amendment(instance, word, author, slug):
    opinion = _opinion(instance, "texte", author, slug)
    return Amendment.objects.create(
        step=opinion.step, opinion=opinion, author=author, title="Modifier", body="<p>Nouveau texte.</p>",
        explanation=f"Pour le {word}.",
    )


def _argument(instance, word, author, slug):
    opinion = _opinion(instance, "texte", author, slug)
    Opinion.objects.filter(pk=opinion.pk).update(arguments_for_count=1)
    return Argument.objects.create(step=opinion.step, opinion=opinion, author=author, side="for", body=f"Le {word} aide.")


def _source(instance, word, author, slug):
    opinion = _opinion(instance, "texte", author, slug)
    Opinion.objects.filter(pk=opinion.pk).update(sources_count=1)
    return Source.objects.create(
        step=opinion.step, opinion=opinion, author=author, title=f"Étude du {word}", link="https://example.org/",
    )


def _debate(instance, word, author, slug):
    step = public_step(instance, "debate", slug)
    return Debate.objects.create(
        step=step, question=f"Faut-il un {word} ?", statement_for="<p>Oui.</p>", statement_against="<p>Non.</p>"
    )


def _debate_argument(instance, word, author, slug):
    debate = _debate(instance, "débat", author, slug)
    return DebateArgument.objects.create(step=debate.step, debate=debate, author=author, side="for", body=f"Le {word} !")


def _proposal(instance, word, author, slug):
    step = public_step(instance, "collect", slug)
    return Proposal.objects.create(step=step, author=author, title=f"Un {word} partagé", body="<p>Idée.</p>")


def _comment(instance, word, author, slug):
    proposal = _proposal(instance, "banc", author, slug)
    return Comment.objects.create(
        target=proposal, step=proposal.step, author=author, body=f"J'aime ce {word}."
    )


def _petition(instance, word, author, slug):
    from tests.toy_petition.models import Petition

    step = public_step(instance, "petition", slug)
    return Petition.objects.create(step=step, author=author, title=f"Pétition pour un {word}")


BUILDERS = {
    "consultation.opinion": _opinion,
    "consultation.amendment": _amendment,
    "consultation.argument": _argument,
    "consultation.source": _source,
    "consultation.debate": _debate,
    "consultation.debateargument": _debate_argument,
    "proposals.proposal": _proposal,
    "comments.comment": _comment,
    "toy_petition.petition": _petition,
}


def build(model, instance, word, author=None, slug="p"):
    """A published `model` row holding `word`, in a public open step of project `slug`."""
    with in_instance(instance):
        return BUILDERS[model._meta.label_lower](instance, word, author, slug)
