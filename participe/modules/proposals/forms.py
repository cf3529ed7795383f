"""Forms of the proposals module: the proposal form (built from the step's settings) and staff forms."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participe.core.uploads import check_file, clean_image
from participe.forms.models import Form
from participe.instances.scoping import current_instance
from participe.modules.proposals.models import AnalysisState, Category, Decision, Proposal
from participe.modules.proposals.rules import BALLOT_TYPES, COMPLETIONS, METHODS
from participe.modules.proposals.step_settings import (
    BUILTIN_FIELDS,
    VOTE_TYPES,
    collect_settings,
    vote_settings_from,
)
from participe.site.models import District, Theme

MAX_ATTACHMENT = 10 * 1024 * 1024


class ProposalForm(forms.ModelForm):
    """Title, summary and description always; built-in fields as the step's settings say."""

    # Querysets are set per request (the scoped managers refuse queries at import time).
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category._base_manager.none(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme._base_manager.none(), required=False)
    district = forms.ModelChoiceField(label=_("District"), queryset=District._base_manager.none(), required=False)

    class Meta:
        model = Proposal
        fields = [
            "title", "summary", "body", "category", "theme", "district", "address", "latitude", "longitude",
            "estimated_cost", "image", "image_alt", "attachment",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        settings = collect_settings(step)
        self.fields["title"].widget.attrs.update({"autocomplete": "off", "data-similar-url": ""})
        self.fields["category"].queryset = Category.objects.filter(step=step)
        self.fields["theme"].queryset = Theme.objects.all()
        # The districts the organiser chose for the step (back office); none chosen: all of them.
        chosen = [pk for pk in (step.settings or {}).get("districts") or [] if str(pk).isdigit()] if step else []
        self.fields["district"].queryset = District.objects.filter(pk__in=chosen) if chosen else District.objects.all()
        groups = {
            "category": ["category"], "theme": ["theme"], "district": ["district"],
            "address": ["address", "latitude", "longitude"], "estimated_cost": ["estimated_cost"],
            "image": ["image", "image_alt"], "attachment": ["attachment"],
        }
        for name in BUILTIN_FIELDS:
            setting = settings.field(name)
            for field_name in groups[name]:
                if not setting.enabled:
                    del self.fields[field_name]
                    continue
                field = self.fields[field_name]
                field.required = setting.required and field_name not in ("latitude", "longitude", "image_alt")
                if setting.help and field_name == groups[name][0]:
                    field.help_text = setting.help
        if "latitude" in self.fields:
            self.fields["latitude"].help_text = _("Optional: placed by the map, or type it (e.g. 43.6045).")
            self.fields["longitude"].help_text = _("Optional: placed by the map, or type it (e.g. 1.4440).")
        if "estimated_cost" in self.fields:
            self.fields["estimated_cost"].help_text = self.fields["estimated_cost"].help_text or _("In euros.")
            self.fields["estimated_cost"].min_value = Decimal(0)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):
            return clean_image(upload)
        return upload

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "content_type"):
            return check_file(upload, max_bytes=MAX_ATTACHMENT).upload
        return upload

    def clean_estimated_cost(self):
        cost = self.cleaned_data.get("estimated_cost")
        if cost is not None and cost < 0:
            raise ValidationError(_("A cost cannot be negative."))
        return cost

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise ValidationError(_("Give both the latitude and the longitude of the point, or neither."))
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError(_("This point is not on Earth: check the latitude and longitude."))
        if data.get("image") and "image_alt" in self.fields and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return data


class CollectSettingsForm(forms.Form):
    """Edits `Step.settings` of collect and selection steps (nested JSON, see step_settings.py)."""

    visibility = forms.ChoiceField(
        label=_("Who sees the proposals"),
        choices=[("public", _("Everyone (idea box)")), ("private", _("Only their authors and staff (call for projects)"))],
    )
    edit_until = forms.DateTimeField(label=_("Authors may edit or delete until"), required=False)
    # The querysets are set per request (scoped manager).
    proposal_form = forms.ModelChoiceField(
        label=_("Questions of the proposal form"), queryset=None, required=False,
        help_text=_("A form designed with the form builder: its questions follow the built-in fields when a "
                    "proposal is submitted. Empty: the built-in fields only."),
    )
    evaluation_form = forms.ModelChoiceField(
        label=_("Evaluation form"), queryset=None, required=False,
        help_text=_("A form designed with the form builder, filled in by the analysts of each proposal. "
                    "Empty: the state, revised cost and assessment only."),
    )
    decisions_publish_at = forms.DateTimeField(label=_("Publish the decisions at"), required=False)
    vote_type = forms.ChoiceField(label=_("Vote"), choices=list(VOTE_TYPES.items()))
    budget = forms.DecimalField(label=_("Budget envelope"), required=False, min_value=0)
    district_budgets = forms.CharField(
        label=_("Envelopes per district"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per district: its number, “=”, the amount. E.g. 3 = 250000."),
    )
    max_choices = forms.IntegerField(label=_("At most this many choices"), required=False, min_value=1)
    min_choices = forms.IntegerField(label=_("At least this many choices for a ballot to count"), required=False, min_value=0)
    ranking_size = forms.IntegerField(label=_("Number of proposals to rank"), required=False, min_value=1)
    confirm = forms.BooleanField(
        label=_("Budget vote: voters review and confirm their ballot"), required=False,
        help_text=_("Ticked, a budget ballot counts once its voter has confirmed it on the review screen; "
                    "changes made afterwards, while the vote is open, count at once."),
    )
    threshold = forms.IntegerField(
        label=_("Minimum score to be selected"), required=False, min_value=0,
        help_text=_("Votes, or points for points and ranking ballots. Below it a proposal is neither selected "
                    "nor funded."),
    )
    min_share_percent = forms.DecimalField(
        label=_("Minimum share of the ballots to be selected (%)"), required=False, min_value=0, max_value=100,
        max_digits=5, decimal_places=2, help_text=_("E.g. 5: a proposal must be on at least 5 % of the ballots."),
    )
    secret_until = forms.DateTimeField(label=_("Counts stay secret until"), required=False)
    results_visible_during_vote = forms.BooleanField(
        label=_("Results visible during the vote"), required=False,
        help_text=_("Unticked, the public sees the results only once you publish them from the results page."),
    )
    rule = forms.ChoiceField(label=_("Winners"), choices=list(METHODS.items()))
    completion = forms.ChoiceField(
        label=_("Method of Equal Shares: what follows the equal shares"), choices=list(COMPLETIONS.items()),
        required=False,
    )
    mes_increment = forms.DecimalField(
        label=_("Method of Equal Shares (add1): raise of each voter's share at each step"), required=False,
        min_value=Decimal("0.01"), max_digits=14, decimal_places=2, help_text=_("One currency unit if empty."),
    )
    ballot = forms.ChoiceField(label=_("How a ballot counts"), choices=list(BALLOT_TYPES.items()), required=False)
    fund_unsupported = forms.BooleanField(
        label=_("A proposal nobody voted for may be funded with what is left"), required=False
    )
    max_points = forms.IntegerField(label=_("Points ballots: most points for one proposal"), required=False, min_value=1)
    min_sum_points = forms.IntegerField(label=_("Points ballots: fewest points in all"), required=False, min_value=0)
    max_sum_points = forms.IntegerField(label=_("Points ballots: most points in all"), required=False, min_value=1)
    anonymous_comments = forms.BooleanField(
        label=_("Visitors without an account may comment"), required=False,
        help_text=_("Their comment goes on once they follow the link sent to their e-mail address."),
    )
    comments_premoderation = forms.BooleanField(
        label=_("Comments wait for a moderator before they are published"), required=False
    )

    # Fields the back office's generic settings page leaves out: the vote editor has one envelope field per district.
    edited_elsewhere = ("district_budgets",)

    # The keys of `Step.settings` this form writes; it keeps every other key as it found it.
    MANAGED = (
        "visibility", "edit_until", "decisions_publish_at", "evaluation_form_id", "proposal_form_id", "vote", "fields",
        "anonymous_comments", "comments_premoderation",
    )
    VOTE_KEYS = (
        "budget", "max_choices", "min_choices", "ranking_size", "threshold", "min_share_percent", "secret_until",
        "rule", "completion", "mes_increment", "fund_unsupported", "max_points", "min_sum_points", "max_sum_points",
        "confirm",
    )

    def __init__(self, *args, initial=None, **kwargs):
        initial = dict(initial or {})
        vote = initial.get("vote") or {}
        vote_rule = vote_settings_from(vote).vote_rule
        self._had_points = vote_rule.ballot_type == "cumulative"
        self._district_budgets = dict(vote.get("district_budgets") or {})  # kept when the field is left out
        flat = {
            "visibility": initial.get("visibility", "public"),
            "edit_until": initial.get("edit_until"),
            "decisions_publish_at": initial.get("decisions_publish_at"),
            "evaluation_form": initial.get("evaluation_form_id"),
            "proposal_form": initial.get("proposal_form_id"),
            "vote_type": vote.get("type", "none"),
            "district_budgets": "\n".join(f"{k} = {v}" for k, v in (vote.get("district_budgets") or {}).items()),
            **{key: vote.get(key) for key in self.VOTE_KEYS},
            "results_visible_during_vote": bool(vote.get("results_visible_during_vote")),
            "completion": vote_rule.completion,
            "ballot": vote_rule.ballot_type,
            "anonymous_comments": bool(initial.get("anonymous_comments")),
            "comments_premoderation": bool(initial.get("comments_premoderation")),
        }
        for name, conf in (initial.get("fields") or {}).items():
            flat.update({f"{name}_enabled": conf.get("enabled"), f"{name}_required": conf.get("required"),
                         f"{name}_help": conf.get("help", "")})
        self._kept = {k: v for k, v in initial.items() if k not in self.MANAGED}
        super().__init__(*args, initial=flat, **kwargs)
        scoped = current_instance() is not None
        for name in ("proposal_form", "evaluation_form"):
            self.fields[name].queryset = Form.objects.all() if scoped else Form._base_manager.none()
        for name, label in BUILTIN_FIELDS.items():
            self.fields[f"{name}_enabled"] = forms.BooleanField(label=_("Ask: %(field)s") % {"field": label}, required=False)
            self.fields[f"{name}_required"] = forms.BooleanField(label=_("%(field)s is mandatory") % {"field": label}, required=False)
            self.fields[f"{name}_help"] = forms.CharField(
                label=_("Help text: %(field)s") % {"field": label}, required=False, max_length=300
            )

    def clean_district_budgets(self):
        budgets = {}
        for number, line in enumerate(self.cleaned_data["district_budgets"].splitlines(), start=1):
            if not line.strip():
                continue
            key, _sep, amount = line.partition("=")
            try:
                budgets[str(int(key.strip()))] = str(Decimal(amount.strip()))
            except (ValueError, ArithmeticError) as error:
                raise ValidationError(_("Line %(n)s is not “district number = amount”.") % {"n": number}) from error
        return budgets

    def clean(self):
        data = super().clean()
        kind, ballot = data.get("vote_type"), data.get("ballot") or ""
        if kind == "ranking":
            data["ballot"] = "ordinal"
        elif ballot == "ordinal":
            self.add_error("ballot", _("Ranking ballots need the vote “Ranking”."))
        elif ballot == "choose-1" and data.get("max_choices") != 1:
            self.add_error("ballot", _("One-choice ballots need “At most this many choices” set to 1."))
        elif ballot == "cumulative" and not self._had_points:
            self.add_error("ballot", _("Points ballots come only from an imported election: voters cannot give "
                                       "points on this platform yet."))
        data["ballot"] = data.get("ballot") or "approval"
        data["completion"] = data.get("completion") or "add1-utilitarian"
        return data

    def to_settings(self):
        data = self.cleaned_data
        budgets = data["district_budgets"] if "district_budgets" in self.fields else self._district_budgets
        vote = {"type": data["vote_type"], "district_budgets": budgets}
        vote.update({key: data[key] for key in self.VOTE_KEYS if data.get(key) not in (None, "")})
        for key in ("min_share_percent", "mes_increment"):
            if key in vote:
                vote[key] = str(vote[key])
        if data["ballot"] in ("cumulative", "choose-1"):
            vote["ballot"] = data["ballot"]
        vote["results_visible_during_vote"] = data["results_visible_during_vote"]
        fields = {
            name: {"enabled": data[f"{name}_enabled"], "required": data[f"{name}_required"], "help": data[f"{name}_help"]}
            for name in BUILTIN_FIELDS
        }
        return {
            **self._kept,
            "visibility": data["visibility"],
            "edit_until": data["edit_until"],
            "decisions_publish_at": data["decisions_publish_at"],
            "evaluation_form_id": data["evaluation_form"].pk if data.get("evaluation_form") else None,
            "proposal_form_id": data["proposal_form"].pk if data.get("proposal_form") else None,
            "vote": vote,
            "fields": fields,
            "anonymous_comments": data["anonymous_comments"],
            "comments_premoderation": data["comments_premoderation"],
        }


class SelectionSettingsForm(CollectSettingsForm):
    pass


class EvaluationForm(forms.Form):
    state = forms.ChoiceField(label=_("State of the analysis"), choices=AnalysisState.choices)
    revised_cost = forms.DecimalField(label=_("Revised cost"), required=False, min_value=0, max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Assessment"), required=False, widget=forms.Textarea(attrs={"rows": 5}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[c for c in Decision.choices if c[0]])
    official_answer = forms.CharField(label=_("Official answer (public)"), widget=forms.Textarea(attrs={"rows": 5}))
    publish_at = forms.DateTimeField(
        label=_("Publish at"), required=False, help_text=_("Leave empty to publish now. Format: 2026-12-31 18:00.")
    )


class RevisionForm(forms.Form):
    reason = forms.CharField(label=_("What should the author revise?"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateTimeField(label=_("Revise before"), help_text=_("Format: 2026-12-31 18:00."))


class MergeForm(forms.Form):
    duplicates = forms.CharField(
        label=_("Numbers of the duplicate proposals"), help_text=_("Separated by commas, e.g. 12, 48.")
    )

    def clean_duplicates(self):
        raw = self.cleaned_data["duplicates"].replace(" ", "")
        try:
            ids = [int(part) for part in raw.split(",") if part]
        except ValueError as error:
            raise ValidationError(_("Give proposal numbers separated by commas.")) from error
        if not ids:
            raise ValidationError(_("Give at least one proposal number."))
        return ids


class MediatedVoteForm(forms.Form):
    display_name = forms.CharField(label=_("Name of the person"), max_length=80)
    zip_code = forms.CharField(label=_("Zip code"), max_length=10, required=False)
    consent = forms.BooleanField(label=_("The person agreed that I record their vote for them"))
    consent_details = forms.CharField(
        label=_("How the consent was given"), max_length=250, help_text=_("E.g. orally, at the town hall, on 3 June.")
    )
