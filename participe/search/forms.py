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

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
