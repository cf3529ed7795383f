"""The votation step's back-office pages, listed on the step's page in /gestion/ (the manifest's `editors`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from participe.modules.votations.models import Votation
from participe.projects.registry import Editor


def pages(step):
    """(key, label, url) of the votation's back-office pages, in the order of its sub-navigation."""
    form_id = Votation.objects.filter(step=step).values_list("form_id", flat=True).first()
    links = [("ballot", _("Ballot"), reverse("gestion:form", args=[form_id]))] if form_id else []
    return links + [
        (key, label, reverse(f"gestion:votations:{key}", args=[step.pk]))
        for key, label in (
            ("settings", _("Dates and settings")),
            ("electorate", _("Electorate")),
            ("results", _("Count and results")),
            ("register", _("Electoral register")),
        )
    ]


DESCRIPTIONS = {
    "ballot": lambda: _("The questions of the ballot (locked once the vote opens)."),
    "settings": lambda: _("Opening and closing, who may vote, the confirmation e-mail."),
    "electorate": lambda: _("The electors: accounts, an imported list, or identification codes to print."),
    "results": lambda: _("Count the ballots after the close, review the results, publish them."),
    "register": lambda: _("Who voted (never how)."),
}


def editors(step):
    return [Editor(label, url, DESCRIPTIONS[key]()) for key, label, url in pages(step)]
