from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the website"),
        max_length=MAX_QUERY,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Please shorten your search to %(limit_value)d characters.")},
    )
    type = forms.CharField(required=False, widget=forms.HiddenInput)
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        empty_label=_("All projects"),
        error_messages={"invalid_choice": _("This project is not among those you can search.")},
    )
    step = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**62,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("This step is not among those you can search.")},
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
