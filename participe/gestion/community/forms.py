"""Filter and action forms of the community screens. Every bad value gives a translated error, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import ParticipantGroup
from participe.actionlog.labels import label_of
from participe.exports.jobs import FORMATS
from participe.exports.models import JobStatus
from participe.participation.models import Status


class FilterForm(forms.Form):
    """A GET filter form: `value(name)` is the cleaned value, or None when absent or invalid."""

    def value(self, name):
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get(name) or None


class ActionLogFilterForm(FilterForm):
    who = forms.CharField(label=_("Who"), required=False, max_length=200)
    action = forms.ChoiceField(label=_("Action"), required=False)
    type = forms.TypedChoiceField(label=_("On what"), required=False, coerce=int, empty_value=None)
    object = forms.IntegerField(label=_("Object number"), required=False, min_value=1, widget=forms.HiddenInput)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actions=(), types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All")), *((action, label_of(action)) for action in actions)]
        self.fields["type"].choices = [("", _("All")), *types]


class JobFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *JobStatus.choices])


class ParticipantFilterForm(FilterForm):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=200)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[
            ("", _("All")),
            ("instance_admin", _("Instance administrator")),
            ("project_manager", _("Project manager")),
            ("moderator", _("Moderator")),
            ("analyst", _("Analyst")),
            ("participant", _("Participant only")),
        ],
    )
    group = forms.ModelChoiceField(label=_("Group"), required=False, queryset=ParticipantGroup.objects.none())
    confirmed = forms.ChoiceField(
        label=_("E-mail"), required=False,
        choices=[("", _("All")), ("yes", _("Confirmed")), ("no", _("Not confirmed"))],
    )
    banned = forms.ChoiceField(
        label=_("Banned"), required=False, choices=[("", _("All")), ("yes", _("Banned")), ("no", _("Not banned"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ParticipantGroup.objects.order_by("name")


class RolesForm(forms.Form):
    is_instance_admin = forms.BooleanField(label=_("Instance administrator"), required=False)
    is_moderator = forms.BooleanField(label=_("Moderator"), required=False)
    is_analyst = forms.BooleanField(label=_("Analyst"), required=False)
    is_mediator = forms.BooleanField(label=_("Mediator"), required=False)
    projects = forms.ModelMultipleChoiceField(
        label=_("Project manager of"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = projects


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, help_text=_("Sent to the participant by e-mail."))


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I confirm: this cannot be undone."))


class GroupForm(forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = ["name"]


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the participant to add"))


class ContributionFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    project = forms.TypedChoiceField(label=_("Project"), required=False, coerce=int, empty_value=None)
    step = forms.TypedChoiceField(label=_("Step"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    district = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    reported = forms.ChoiceField(
        label=_("Reported"), required=False, choices=[("", _("All")), ("yes", _("Reported")), ("no", _("Not reported"))]
    )
    author_type = forms.ChoiceField(label=_("Author type"), required=False)

    def __init__(self, *args, kinds, projects, steps, districts, categories, user_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *((kind.key, kind.label) for kind in kinds)]
        self.fields["project"].choices = [("", _("All")), *projects]
        self.fields["step"].choices = [("", _("All")), *steps]
        self.fields["district"].choices = [("", _("All")), *districts]
        self.fields["category"].choices = [("", _("All")), *categories]
        self.fields["author_type"].choices = [
            ("", _("All")), ("staff", _("Staff")), ("anonymous", _("No account")), *((t, t) for t in user_types)
        ]
        if not districts:
            del self.fields["district"]
        if not categories:
            del self.fields["category"]


class ItemsField(forms.MultipleChoiceField):
    """Selected contributions as "kind:pk" strings (kind: a model label such as "proposals.proposal")."""

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = set(kinds)

    def valid_value(self, value):
        kind, _sep, pk = value.partition(":")
        return kind in self.kinds and pk.isascii() and pk.isdigit() and 0 < len(pk) <= 18

    def clean(self, value):
        values = super().clean(value)
        pairs = []
        for value in values:
            kind, _sep, pk = value.partition(":")
            if (kind, int(pk)) not in pairs:
                pairs.append((kind, int(pk)))
        return pairs


class BulkForm(forms.Form):
    ACTIONS = [
        ("publish", _("Publish or restore")),
        ("hide", _("Hide with a reason")),
        ("trash", _("Delete")),
        ("move", _("Move to another step")),
        ("merge", _("Merge into the first selected")),
        ("export", _("Export the selection")),
    ]
    items = ItemsField(
        label=_("Selection"),
        error_messages={
            "required": _("Select at least one contribution."),
            "invalid_choice": _("The selection names a contribution that does not exist."),
        },
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reason = forms.CharField(label=_("Public reason for hiding"), required=False, max_length=300)
    step = forms.TypedChoiceField(label=_("Move to the step"), required=False, coerce=int, empty_value=None)
    format = forms.ChoiceField(label=_("Export format"), choices=[(fmt, fmt.upper()) for fmt in FORMATS], initial="csv")

    def __init__(self, *args, kinds, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].kinds = {kind.key for kind in kinds}
        # Moving and merging are offered when some kind declares them in its manifest.
        unavailable = {"move"} if not any(kind.movable for kind in kinds) else set()
        unavailable |= {"merge"} if not any(kind.merge for kind in kinds) else set()
        self.fields["action"].choices = [choice for choice in self.ACTIONS if choice[0] not in unavailable]
        if "move" in unavailable:
            del self.fields["step"]
        else:
            self.fields["step"].choices = [("", "—"), *steps]

    @property
    def offers(self):
        return {value for value, _label in self.fields["action"].choices}

    def clean(self):
        data = super().clean()
        if data.get("action") == "hide" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the public reason for hiding."))
        if data.get("action") == "move" and not data.get("step") and "step" in self.fields:
            self.add_error("step", _("Choose the step to move the contributions to."))
        if data.get("action") == "merge" and len(data.get("items") or ()) < 2:
            self.add_error("items", _("Select at least two contributions to merge."))
        return data
