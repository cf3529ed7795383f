"""The back-office pages of a collect or selection step, listed on the step's page in /gestion/."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participe.projects.registry import Editor


def editors(step):
    def url(name):
        return reverse(f"gestion:proposals:{name}", args=[step.pk])

    if step.type == "collect":
        sorting = Editor(_("Categories and districts"), url("categories"),
                         _("The categories authors choose from and the districts of the step."))
    else:
        sorting = Editor(_("Statuses and districts"), url("categories"),
                         _("The statuses proposals take in this step and the districts of the step."))
    return [
        sorting,
        Editor(_("Vote and envelopes"), url("vote"),
               _("The vote, the rule that picks the winners and the envelope of each district.")),
        Editor(_("Proposals and analysis"), url("proposals"),
               _("The proposals of the step: analysts, supervisor, decisions and statuses, in bulk.")),
        Editor(_("Results"), url("results"),
               _("Compute, review and publish the results of the vote.")),
        Editor(_("Realisation follow-up"), url("realisation"),
               _("Progress steps of the selected proposals: dates, text, photos, percentage and budget spent.")),
    ]
