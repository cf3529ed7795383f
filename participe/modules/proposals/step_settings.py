"""The settings of collect and selection steps, read from `Step.settings` (a JSON dict)."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from participe.modules.proposals.rules import VoteRule, from_settings

# Built-in fields of the proposal form an administrator can switch on, make mandatory and explain.
BUILTIN_FIELDS = {
    "category": _("Category"),
    "theme": _("Theme"),
    "district": _("District"),
    "address": _("Address and map point"),
    "estimated_cost": _("Estimated cost"),
    "image": _("Image"),
    "attachment": _("Attachment"),
}

VOTE_TYPES = {
    "none": _("No vote"),
    "support": _("Simple support"),
    "limited": _("Limited number of votes"),
    "budget": _("Budget: choices within an envelope"),
    "ranking": _("Ranking: order your favourite proposals"),
}


def _moment(value):
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _amount(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class FieldSetting:
    enabled: bool = False
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class CollectSettings:
    fields: dict = field(default_factory=dict)
    is_private: bool = False
    edit_until: datetime | None = None
    proposal_form_id: int | None = None
    evaluation_form_id: int | None = None
    decisions_publish_at: datetime | None = None

    def field(self, name):
        return self.fields.get(name, FieldSetting())


def collect_settings(step):
    raw = (step.settings or {}) if step is not None else {}
    fields = {
        name: FieldSetting(bool(conf.get("enabled")), bool(conf.get("required")), str(conf.get("help", "")))
        for name, conf in (raw.get("fields") or {}).items()
        if name in BUILTIN_FIELDS and isinstance(conf, dict)
    }
    return CollectSettings(
        fields=fields,
        is_private=raw.get("visibility") == "private",
        edit_until=_moment(raw.get("edit_until")),
        proposal_form_id=raw.get("proposal_form_id") or None,
        evaluation_form_id=raw.get("evaluation_form_id") or None,
        decisions_publish_at=_moment(raw.get("decisions_publish_at")),
    )


@dataclass(frozen=True)
class VoteSettings:
    type: str = "none"
    max_choices: int | None = None
    min_choices: int = 0
    budget: Decimal | None = None
    # {district id: envelope}; when set, a voter has one ballot per district.
    district_budgets: dict = field(default_factory=dict)
    ranking_size: int = 3
    threshold: int = 0
    secret_until: datetime | None = None
    # "greedy" or "mes": the family of `vote_rule`, the rule the step's results apply.
    rule: str = "greedy"
    vote_rule: VoteRule = field(default_factory=VoteRule)
    # Points ballots (imported from pabulib): the most a voter may give a proposal, and in all.
    max_points: int | None = None
    min_sum_points: int | None = None
    max_sum_points: int | None = None
    # Budget ballots: a voter reviews and confirms the ballot before it counts (then changes count at once).
    confirm: bool = False

    @property
    def uses_ballots(self):
        return self.type in ("limited", "budget", "ranking")

    @property
    def per_district(self):
        return self.type == "budget" and bool(self.district_budgets)

    def envelope(self, district_id=None):
        if self.per_district:
            return self.district_budgets.get(district_id)
        return self.budget

    def is_secret(self, moment=None):
        return bool(self.secret_until and (moment or timezone.now()) < self.secret_until)

    def points_for_rank(self, rank):
        """Borda-like points: the first of N gets N points, the last 1."""
        return max(self.ranking_size - rank + 1, 0)


def _count(value):
    return int(value) if str(value or "").isdigit() else None


def vote_settings(step):
    return vote_settings_from(((step.settings or {}).get("vote") or {}) if step is not None else {})


def vote_settings_from(raw):
    """The settings a `settings["vote"]` dict describes."""
    kind = raw.get("type") if raw.get("type") in VOTE_TYPES else "none"
    vote_rule = from_settings(raw, kind)
    district_budgets = {}
    for key, value in (raw.get("district_budgets") or {}).items():
        amount = _amount(value)
        if amount is not None and str(key).isdigit():
            district_budgets[int(key)] = amount
    return VoteSettings(
        type=kind,
        max_choices=int(raw["max_choices"]) if raw.get("max_choices") else None,
        min_choices=int(raw.get("min_choices") or 0),
        budget=_amount(raw.get("budget")),
        district_budgets=district_budgets,
        ranking_size=int(raw.get("ranking_size") or 3),
        threshold=int(raw.get("threshold") or 0),
        secret_until=_moment(raw.get("secret_until")),
        rule=vote_rule.family,
        vote_rule=vote_rule,
        max_points=_count(raw.get("max_points")),
        min_sum_points=_count(raw.get("min_sum_points")),
        max_sum_points=_count(raw.get("max_sum_points")),
        confirm=kind == "budget" and bool(raw.get("confirm")),
    )
