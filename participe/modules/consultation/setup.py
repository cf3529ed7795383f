"""What new consultation, debate and ranking steps start with, and what they lack before publication."""

from django.utils.translation import gettext_lazy as _

from participe.modules.consultation.models import Consultation, Debate, Opinion, Section
from participe.projects.registry import Missing


def create_consultation(step):
    return Consultation.objects.create(instance_id=step.instance_id, step=step, title=step.title)


def create_debate(step):
    return Debate.objects.create(instance_id=step.instance_id, step=step, question=step.title)


def consultation_checklist(step):
    consultations = Consultation.objects.filter(step=step)
    if not consultations.exists():
        return [Missing(_("The step has no document to consult."))]
    sections = Section.objects.filter(consultation__in=consultations)
    if not sections.exists():
        return [Missing(_("The document has no section yet: write it or import a text in “Document”."))]
    if not Opinion.objects.filter(consultation__in=consultations, is_official=True).exists():
        # Sections open to new opinions are something to take part in; without them the page shows nothing.
        blocking = not sections.filter(allows_opinions=True).exists()
        return [Missing(_("The document has no article yet: add them in “Document”."), blocking=blocking)]
    return []


def debate_checklist(step):
    debates = list(Debate.objects.filter(step=step))
    if not debates:
        return [Missing(_("The step has no debate."))]
    if any(not debate.statement_for.strip() or not debate.statement_against.strip() for debate in debates):
        return [Missing(_("The debate has no statement for or against yet."))]
    return []


def ranking_checklist(step):
    if not (step.settings or {}).get("consultation_step"):
        return [Missing(_("The ranking does not say which consultation step it ranks."))]
    return []
