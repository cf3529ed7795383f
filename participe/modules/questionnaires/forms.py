from django import forms
from django.utils.translation import gettext_lazy as _

from participe.forms.stats import Filters
from participe.forms.widgets import DateInput


class ResultsFilterForm(forms.Form):
    segment = forms.ChoiceField(label=_("User type"), required=False)
    since = forms.DateField(label=_("Replies from"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Replies until"), required=False, widget=DateInput())

    def __init__(self, instance, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = [("", _("All"))] + [(t, t) for t in instance.user_types or []]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            self.add_error("until", _("The end of the period must come after its start."))
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return Filters(segment=data.get("segment") or None, since=data.get("since"), until=data.get("until"))


class ImportRepliesForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("First line: the questions' titles, as in the export."))
