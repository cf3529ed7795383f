"""A vote step's counting rule as data: which method picks the winners, how ballots score, which thresholds
apply. Read from the step's settings in one place (`step_settings.vote_settings(step).vote_rule`), edited by the
step's settings form, set from a pabulib file's META by the importer, applied by `winners.select`."""

from dataclasses import asdict, dataclass, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

METHODS = {
    "greedy": gettext_lazy("Most votes first, within the budget (a proposal that no longer fits is skipped)"),
    "greedy-no-skip": gettext_lazy("Most votes first, within the budget, stopping at the first that no longer fits"),
    "mes": gettext_lazy("Method of Equal Shares"),
}
COMPLETIONS = {
    "none": gettext_lazy("None: only what the equal shares fund"),
    "utilitarian": gettext_lazy("Fill what is left by votes"),
    "add1": gettext_lazy("Raise the voters' shares until the budget is used (add1)"),
    "add1-utilitarian": gettext_lazy("Raise the voters' shares (add1), then fill what is left by votes"),
    "add1-utilitarian-comparison": gettext_lazy(
        "Raise the voters' shares (add1), fill what is left by votes, then keep the most-votes result instead "
        "if more voters prefer it (comparison step)"
    ),
}
BALLOT_TYPES = {
    "approval": gettext_lazy("Approval: each chosen proposal gets one vote"),
    "choose-1": gettext_lazy("One choice: each voter chooses one proposal"),
    "cumulative": gettext_lazy("Points: each voter shares points between proposals"),
    "ordinal": gettext_lazy("Ranking: the first of N ranked gets N points, the next N−1…"),
}


def _fraction(value, default=Fraction(0)):
    if value in (None, ""):
        return default
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return default


@dataclass(frozen=True)
class VoteRule:
    method: str = "greedy"
    # MES only: what runs after the equal shares.
    completion: str = "add1-utilitarian"
    # Projects whose score (votes, or points for points and ranking ballots) is lower are out.
    min_score: int = 0
    # Projects chosen by less than this share of the counted ballots are out.
    min_share: Fraction = Fraction(0)
    ballot_type: str = "approval"
    # add1: how much each voter's share grows at each step (one currency unit).
    increment: Fraction = Fraction(1)
    # A proposal nobody voted for may be funded (by greedy or a completion) only if the rule says so.
    fund_unsupported: bool = False

    @property
    def family(self):
        """"greedy" or "mes": the two kinds of results a step can show side by side."""
        return "mes" if self.method == "mes" else "greedy"

    @property
    def raises_shares(self):
        return self.method == "mes" and self.completion.startswith("add1")

    @property
    def completes_greedily(self):
        return self.method == "mes" and "utilitarian" in self.completion

    @property
    def compares_with_greedy(self):
        return self.method == "mes" and self.completion.endswith("comparison")

    @property
    def scores_by_points(self):
        return self.ballot_type in ("cumulative", "ordinal")

    def as_dict(self):
        data = asdict(self)
        data["min_share"] = str(self.min_share)
        data["increment"] = str(self.increment)
        return data

    def pabulib_name(self):
        """The value of pabulib's META `rule` for this rule."""
        if self.method == "mes":
            return {"none": "equalshares", "utilitarian": "equalshares/utilitarian", "add1": "equalshares/add1",
                    "add1-utilitarian": "equalshares/add1/utilitarian",
                    "add1-utilitarian-comparison": "equalshares/add1/utilitarian/comparison"}[self.completion]
        if self.method == "greedy" and self.min_score:
            return "greedy-threshold"
        return self.method

    def describe(self):
        """The rule in plain words, for the results page."""
        score = {
            "cumulative": _("points given by the voters"),
            "ordinal": _("ranking points (the first of N ranked gets N points, the next N−1…)"),
        }.get(self.ballot_type, _("votes"))
        if self.method == "mes":
            parts = [_("Method of Equal Shares: the budget is shared equally between the voters; the proposals "
                       "are funded one by one, each time the one that costs each of its supporters the least, "
                       "as long as its supporters can pay for it with what is left of their shares.")]
            if self.raises_shares:
                parts.append(_("The shares are then raised step by step as long as the result stays within the "
                               "budget (add1)."))
            if self.completes_greedily:
                parts.append(_("What is left is given to the proposals with the most votes that still fit."))
            if self.compares_with_greedy:
                parts.append(_("Finally, each voter compares this result with the one of the most votes first: "
                               "if more voters have more of their choices funded by the latter, it is kept."))
        elif self.method == "greedy-no-skip":
            parts = [_("The proposals with the most %(score)s are funded one after the other; funding stops at "
                       "the first that no longer fits in the budget.") % {"score": score}]
        else:
            parts = [_("The proposals with the most %(score)s are funded one after the other; a proposal that no "
                       "longer fits in the budget is skipped for the next ones.") % {"score": score}]
        if self.min_score:
            parts.append(_("A proposal needs at least %(n)s %(score)s.") % {"n": self.min_score, "score": score})
        if self.min_share:
            parts.append(_("A proposal must be chosen on at least %(percent)s %% of the ballots.")
                         % {"percent": f"{float(self.min_share * 100):g}"})
        if self.fund_unsupported:
            parts.append(_("A proposal nobody voted for may be funded with what is left."))
        return " ".join(parts)


def from_settings(raw, vote_type):
    """The rule a step's `settings["vote"]` dict describes (unknown or missing values: the defaults)."""
    raw = raw or {}
    completion = raw.get("completion")
    if completion not in COMPLETIONS:
        # Steps saved before completions were a choice: an empty increment meant plain MES then greedy.
        completion = "utilitarian" if raw.get("mes_increment", 1) in ("", None) else "add1-utilitarian"
    increment = _fraction(raw.get("mes_increment"), Fraction(1))
    if vote_type == "ranking":
        ballot_type = "ordinal"
    else:
        ballot_type = raw.get("ballot") if raw.get("ballot") in ("cumulative", "choose-1") else "approval"
    return VoteRule(
        method=raw.get("rule") if raw.get("rule") in METHODS else "greedy",
        completion=completion,
        min_score=max(int(raw.get("threshold") or 0), 0),
        min_share=min(max(_fraction(raw.get("min_share_percent")) / 100, Fraction(0)), Fraction(1)),
        ballot_type=ballot_type,
        increment=increment if increment > 0 else Fraction(1),
        fund_unsupported=bool(raw.get("fund_unsupported")),
    )


def resolve(step_rule, rule=None):
    """`rule` as asked: None = the step's own; "greedy" or "mes" = the step's rule of that family (a greedy step
    asked for MES keeps its ballots and thresholds); a VoteRule as it is."""
    if rule is None or isinstance(rule, VoteRule):
        return rule or step_rule
    if rule not in ("greedy", "mes"):
        raise ValueError(f"unknown rule {rule!r}")
    return step_rule if step_rule.family == rule else replace(step_rule, method=rule)
