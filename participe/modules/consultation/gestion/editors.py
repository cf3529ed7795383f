"""The back-office pages listed on a consultation or debate step's page in /gestion/ (StepType.editors)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from participe.modules.consultation.models import Consultation, Debate
from participe.projects.registry import Editor


def consultation_editors(step):
    editors = []
    for consultation in Consultation.objects.filter(step=step).only("pk", "title"):
        args = [consultation.pk]
        editors += [
            Editor(_("Document: %(title)s") % {"title": consultation.title}, reverse("gestion:consultation:document", args=args),
                   _("Sections and articles: write, reorder, or import a Markdown, Word or OpenDocument text.")),
            Editor(_("Participation"), reverse("gestion:consultation:participation", args=args),
                   _("Who may propose, amend, argue, add sources, and how they vote.")),
            Editor(_("Official answers"), reverse("gestion:consultation:answers", args=args),
                   _("Answer the participants' opinions and amendments; their authors are told.")),
            Editor(_("Final text"), reverse("gestion:consultation:final", args=args),
                   _("Retain or reject the amendments and see the final text against the one put up.")),
        ]
    return editors


def debate_editors(step):
    return [
        Editor(_("Debate: %(question)s") % {"question": debate.question}, reverse("gestion:consultation:debate", args=[debate.pk]),
               _("The question, its context and the statements for and against."))
        for debate in Debate.objects.filter(step=step).only("pk", "question")
    ]
