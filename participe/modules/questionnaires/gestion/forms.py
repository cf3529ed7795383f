"""The questionnaire's back-office forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.modules.questionnaires.models import Questionnaire

EXPORT_FORMATS = [
    ("xlsx", _("A spreadsheet (XLSX)")),
    ("csv", _("A CSV file")),
]


class QuestionnaireSettingsForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["allow_anonymous", "multiple_replies", "results_public", "acknowledge_by_email", "thanks_message"]
        labels = {
            "allow_anonymous": _("People may answer without an account"),
            "multiple_replies": _("A person may send several answers"),
            "results_public": _("Everyone may see the statistics of the answers"),
            "acknowledge_by_email": _("E-mail an acknowledgement to people with an account once they answer"),
        }
        help_texts = {
            "multiple_replies": _("Otherwise one answer per account, which its author may edit while the step is open. "
                                  "This applies to the answers sent from now on."),
            "results_public": _("Counts smaller than the privacy threshold are hidden; private questions are never shown."),
            "thanks_message": _("Shown once an answer is sent (plain text). Empty: a standard thank-you."),
        }
        widgets = {"thanks_message": forms.Textarea(attrs={"rows": 3})}


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=EXPORT_FORMATS, initial="xlsx", widget=forms.RadioSelect)
