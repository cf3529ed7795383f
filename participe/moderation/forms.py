from django import forms
from django.utils.translation import gettext_lazy as _

from participe.moderation.models import CaseStatus, Reason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why do you report this content?"), choices=Reason.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional, required for “Other”: what is wrong with this content?"),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Reason.OTHER and not data.get("text", "").strip():
            self.add_error("text", _("Please say what is wrong with this content."))
        return data


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=300,
        help_text=_("Shown in place of the content, e.g. “Insults towards another participant”."),
    )


class BanForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the ban"), max_length=300, help_text=_("Sent to the participant by e-mail.")
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(CaseStatus.choices)
    )
    reason = forms.ChoiceField(label=_("Reason"), required=False, choices=[("", _("All"))] + list(Reason.choices))
    type = forms.TypedChoiceField(label=_("Type of content"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All"))] + [(ct.pk, ct.model_class()._meta.verbose_name.capitalize()) for ct in types]
