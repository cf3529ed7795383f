"""Every page of this back office finds its object through the step the user manages, else 404 (tenancy, projects)."""

from django.http import Http404

from participe.gestion.access import managed_step
from participe.modules.consultation.models import Amendment, Argument, Consultation, Debate, Opinion, Section


def _managed(request, row, step_id, step_type):
    if row is None:
        raise Http404
    managed_step(request, step_id, step_type=step_type)
    return row


def consultation_or_404(request, pk):
    row = Consultation.objects.select_related("step__project").filter(pk=pk).first()
    return _managed(request, row, row and row.step_id, "consultation")


def section_or_404(request, pk):
    row = Section.objects.select_related("consultation__step__project", "parent").filter(pk=pk).first()
    return _managed(request, row, row and row.consultation.step_id, "consultation")


def article_or_404(request, pk):
    row = Opinion.objects.select_related("consultation__step__project", "section").filter(pk=pk, is_official=True).first()
    return _managed(request, row, row and row.consultation.step_id, "consultation")


def answerable_or_404(request, kind, pk):
    """An opinion (an article or a participant's), an amendment or an argument of a consultation the user manages."""
    if kind == "opinion":
        row = Opinion.objects.select_related("consultation__step__project", "section", "author").filter(pk=pk).first()
        consultation = row and row.consultation
    elif kind == "argument":
        row = (Argument.objects.select_related("opinion__consultation__step__project", "amendment__opinion__consultation__step__project", "author")
               .filter(pk=pk).first())
        consultation = row and (row.opinion or row.amendment.opinion).consultation
    elif kind == "amendment":
        row = Amendment.objects.select_related("opinion__consultation__step__project", "opinion__section", "author").filter(pk=pk).first()
        consultation = row and row.opinion.consultation
    else:
        raise Http404
    return _managed(request, row, consultation and consultation.step_id, "consultation")


def debate_or_404(request, pk):
    row = Debate.objects.select_related("step__project").filter(pk=pk).first()
    return _managed(request, row, row and row.step_id, "debate")
