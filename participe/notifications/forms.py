from django import forms
from django.utils.translation import gettext_lazy as _

from participe.notifications.kinds import KINDS
from participe.notifications.models import Digest


def kinds_for(user):
    staff = user.is_moderator or user.is_instance_admin
    return [kind for kind in KINDS.values() if kind.email and (staff or not kind.staff_only)]


class PreferencesForm(forms.Form):
    digest = forms.ChoiceField(label=_("Summary of activity on what I follow"), choices=Digest.choices)

    def __init__(self, *args, user, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds_for(user)
        self.fields["email_on"] = forms.MultipleChoiceField(
            label=_("E-mail me about"),
            choices=[(kind.key, kind.label) for kind in self.kinds],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.order_fields(["email_on", "digest"])
        self.initial = {
            "email_on": [kind.key for kind in self.kinds if preferences.wants_email(kind.key)],
            "digest": preferences.digest,
        }

    def save(self, preferences):
        shown = {kind.key for kind in self.kinds}
        kept_hidden = [key for key in preferences.email_off if key not in shown]
        preferences.email_off = sorted(kept_hidden + [key for key in shown if key not in self.cleaned_data["email_on"]])
        preferences.digest = self.cleaned_data["digest"]
        preferences.save()
        return preferences
