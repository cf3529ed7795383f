"""Forms of the proposals' back office: real fields for what `Step.settings` stores (see step_settings.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import User
from participe.gestion.forms import LocalDateTimeInput
from participe.modules.proposals.forms import CollectSettingsForm
from participe.modules.proposals.models import Category, Decision, SelectionStatus
from participe.modules.proposals.step_settings import vote_settings
from participe.site.models import District


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "colour", "icon", "position"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


class StatusForm(forms.ModelForm):
    class Meta:
        model = SelectionStatus
        fields = ["name", "colour", "position"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


def step_district_ids(step):
    """The districts the organiser chose for the step (`settings["districts"]`); empty: all of them."""
    return [int(pk) for pk in (step.settings or {}).get("districts") or [] if str(pk).isdigit()]


def step_districts(step):
    chosen = step_district_ids(step)
    districts = District.objects.all()
    return list(districts.filter(pk__in=chosen) if chosen else districts)


class DistrictsForm(forms.Form):
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts of the step"), queryset=District._base_manager.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Authors choose among them, and a budget vote may have one envelope for each. "
                    "None ticked: every district of the site."),
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.all()
        self.initial.setdefault("districts", step_district_ids(step))


# The fields of CollectSettingsForm this editor shows: the vote and how its winners are picked.
VOTE_FIELDS = (
    "vote_type", "max_choices", "min_choices", "ranking_size", "budget", "rule", "completion", "mes_increment",
    "ballot", "threshold", "min_share_percent", "fund_unsupported", "max_points", "min_sum_points",
    "max_sum_points", "secret_until", "results_visible_during_vote", "confirm",
)
GROUPS = (
    (_("The vote"), ("vote_type", "max_choices", "min_choices", "ranking_size", "ballot", "max_points",
                     "min_sum_points", "max_sum_points", "confirm")),
    (_("Envelopes"), ("budget",)),  # followed by one field per district
    (_("Winners"), ("rule", "completion", "mes_increment", "threshold", "min_share_percent", "fund_unsupported")),
    (_("Publication"), ("secret_until", "results_visible_during_vote")),
)


class VoteForm(CollectSettingsForm):
    """The vote of a collect or selection step with its rule and one envelope per district: the settings form's
    vote fields and checks (CollectSettingsForm), the districts' envelopes as one amount field each."""

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, initial=step.settings, **kwargs)
        self.step = step
        for name in list(self.fields):
            if name not in VOTE_FIELDS:
                del self.fields[name]
        self.fields["secret_until"].widget = LocalDateTimeInput()
        self.fields["budget"].label = _("Envelope of the whole step")
        self.fields["budget"].help_text = _("In euros. Used when no district has its own envelope below.")
        self.districts = step_districts(step)
        budgets = vote_settings(step).district_budgets
        for district in self.districts:
            name = f"envelope_{district.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("Envelope: %(district)s") % {"district": district.name}, required=False, min_value=0,
                max_digits=14, decimal_places=2,
            )
            self.initial[name] = budgets.get(district.pk)

    def groups(self):
        """(legend, bound fields) of each fieldset, the districts' envelopes after the step's own."""
        envelopes = [f"envelope_{district.pk}" for district in self.districts]
        return [
            (legend, [self[name] for name in (*names, *(envelopes if names == ("budget",) else ()))])
            for legend, names in GROUPS
        ]

    def envelopes(self):
        data = self.cleaned_data
        return {
            str(district.pk): str(data[f"envelope_{district.pk}"])
            for district in self.districts
            if data.get(f"envelope_{district.pk}") is not None
        }

    def clean(self):
        data = super().clean()
        if self.envelopes() and data.get("vote_type") != "budget":
            raise ValidationError(_("Envelopes per district need the vote “Budget”."))
        return data

    def to_settings(self):
        data = self.cleaned_data
        before = (self.step.settings or {}).get("vote") or {}
        managed = {*self.VOTE_KEYS, "type", "ballot", "district_budgets", "results_visible_during_vote"}
        vote = {key: value for key, value in before.items() if key not in managed}
        vote["type"] = data["vote_type"]
        vote.update({key: data[key] for key in self.VOTE_KEYS if data.get(key) not in (None, "")})
        for key in ("budget", "min_share_percent", "mes_increment"):
            if key in vote:
                vote[key] = str(vote[key])
        if data["ballot"] in ("cumulative", "choose-1"):
            vote["ballot"] = data["ballot"]
        vote["district_budgets"] = self.envelopes()
        vote["results_visible_during_vote"] = data["results_visible_during_vote"]
        return {**(self.step.settings or {}), "vote": vote}


class ProposalChoiceForm(forms.Form):
    """The proposals a bulk action applies to: the ticked ones of the step's list."""

    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one proposal.")},
    )
    field_order = ["proposals"]  # first, whatever the fields a subclass mixes in

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals


def analysts():
    return User.objects.filter(is_active=True, is_analyst=True).order_by("display_name", "pk")


class AssignFields(forms.Form):
    """Who analyses a proposal: analysts, a supervisor, a decision maker (accounts with the analyst role)."""

    analysts = forms.ModelMultipleChoiceField(
        label=_("Analysts"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
    )
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=None, required=False)
    decision_maker = forms.ModelChoiceField(label=_("Decision maker"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("analysts", "supervisor", "decision_maker"):
            self.fields[name].queryset = analysts()
        self.fields["analysts"].help_text = _("Accounts with the analyst role. Each person is told by e-mail.")


class AssignForm(ProposalChoiceForm, AssignFields):
    def clean(self):
        data = super().clean()
        if not (data.get("analysts") or data.get("supervisor") or data.get("decision_maker")):
            raise ValidationError(_("Choose at least one analyst, a supervisor or a decision maker."))
        return data


class ProposalAssignForm(AssignFields):
    """The people of one proposal, as they are: unticking an analyst or emptying a role removes them."""

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("analysts", list(proposal.analysts.values_list("pk", flat=True)))
        self.initial.setdefault("supervisor", proposal.supervisor_id)
        self.initial.setdefault("decision_maker", proposal.decision_maker_id)


class StatusChangeForm(ProposalChoiceForm):
    status = forms.ModelChoiceField(label=_("New status"), queryset=None, required=False, empty_label=_("No status"))

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = SelectionStatus.objects.filter(step=step)
        self.fields["status"].help_text = _("The authors and followers of the proposals are told.")


class DecisionFields(forms.Form):
    """A decision and its official answer (e.g. "not within the city's remit"), public now or at a date."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[c for c in Decision.choices if c[0]])
    official_answer = forms.CharField(
        label=_("Official answer (public)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
        help_text=_("Shown on each proposal once the decision is published; its author is told."),
    )
    publish_at = forms.DateTimeField(
        label=_("Publish the decision at"), required=False, widget=LocalDateTimeInput(),
        help_text=_("Empty: published now."),
    )


class DecisionForm(ProposalChoiceForm, DecisionFields):
    """One decision and official answer for every ticked proposal."""
