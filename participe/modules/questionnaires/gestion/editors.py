"""The questionnaire step's back-office pages, listed on the step's page in /gestion/ (the manifest's `editors`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from participe.modules.questionnaires.models import Questionnaire
from participe.projects.registry import Editor


def pages(step):
    """(key, label, url) of the questionnaire's back-office pages, in the order of its sub-navigation."""
    form_id = Questionnaire.objects.filter(step=step).values_list("form_id", flat=True).first()
    links = [("questions", _("Questions"), reverse("gestion:form", args=[form_id]))] if form_id else []
    return links + [
        (key, label, reverse(f"gestion:questionnaires:{key}", args=[step.pk]))
        for key, label in (
            ("answers", _("Answers")),
            ("statistics", _("Statistics")),
            ("export", _("Export")),
            ("settings", _("Reply settings")),
        )
    ]


DESCRIPTIONS = {
    "questions": lambda: _("The form builder: questions, pages, logic jumps, preview."),
    "answers": lambda: _("Every answer sent, one by one."),
    "statistics": lambda: _("The answers question by question, with filters."),
    "export": lambda: _("The answers as a CSV file or a spreadsheet, prepared in the background."),
    "settings": lambda: _("Anonymous answers, one or several answers per person, public results, thank-you message."),
}


def editors(step):
    return [Editor(label, url, DESCRIPTIONS[key]()) for key, label, url in pages(step)]
