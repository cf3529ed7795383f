from django import forms
from django.utils.translation import gettext_lazy as _

from participe.projects.models import district_model, theme_model


class ProjectFilterForm(forms.Form):
    """The filters above the list of projects: a plain GET form, so it works without JavaScript."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *theme_model().objects.values_list("slug", "name")]
        self.fields["district"].choices = [("", _("All districts")), *district_model().objects.values_list("slug", "name")]

    @property
    def has_choices(self):
        return len(self.fields["theme"].choices) > 1 or len(self.fields["district"].choices) > 1

    def apply(self, projects):
        if self.cleaned_data.get("theme"):
            projects = projects.filter(themes__slug=self.cleaned_data["theme"])
        if self.cleaned_data.get("district"):
            projects = projects.filter(districts__slug=self.cleaned_data["district"])
        return projects
