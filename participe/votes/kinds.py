"""The vote kinds a model may declare (`participation.declare(Model, votable="agree3")`).

A kind names the values a voter may give, the label of each value, and the counter
field each value maintains on the voted model (see `participe.votes.models` for the
counter mixins that provide those fields). Every kind also maintains `votes_total`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participe.participation.registry import participation


@dataclass(frozen=True)
class Choice:
    value: int
    label: str
    # The label of the button once this value is the voter's choice ("Supported", "Liked").
    chosen_label: str
    # Counter field on the voted model counting this value, None when votes_total is enough.
    counter: str | None


@dataclass(frozen=True)
class VoteKind:
    key: str
    label: str
    choices: tuple[Choice, ...]
    # True for ballots (support, agree3, for/against): they count in Step/Project.votes_count
    # and need a step that allows "vote". Reactions (like, useful) need "vote" or "comment".
    is_ballot: bool = True

    @property
    def values(self):
        return [choice.value for choice in self.choices]

    def choice(self, value):
        for choice in self.choices:
            if choice.value == value:
                return choice
        return None

    def clean(self, value):
        """The value as an int when it belongs to this kind, else None."""
        try:
            value = int(value)
        except (TypeError, ValueError):
            return None
        return value if value in self.values else None

    @property
    def counter_fields(self):
        return ["votes_total", *(c.counter for c in self.choices if c.counter)]

    @property
    def step_actions(self):
        return ("vote",) if self.is_ballot else ("vote", "comment")


KINDS = {
    kind.key: kind
    for kind in [
        VoteKind(
            "support",
            _("Support"),
            (Choice(1, pgettext_lazy("vote", "Support"), pgettext_lazy("vote", "Supported"), None),),
        ),
        VoteKind(
            "agree3",
            _("Agree, mitigated or disagree"),
            (
                Choice(1, pgettext_lazy("vote", "Agree"), pgettext_lazy("vote", "Agree"), "votes_agree"),
                Choice(0, pgettext_lazy("vote", "Mitigated"), pgettext_lazy("vote", "Mitigated"), "votes_mitigated"),
                Choice(-1, pgettext_lazy("vote", "Disagree"), pgettext_lazy("vote", "Disagree"), "votes_disagree"),
            ),
        ),
        VoteKind(
            "for_against",
            _("For or against"),
            (
                Choice(1, pgettext_lazy("vote", "For"), pgettext_lazy("vote", "For"), "votes_for"),
                Choice(-1, pgettext_lazy("vote", "Against"), pgettext_lazy("vote", "Against"), "votes_against"),
            ),
        ),
        VoteKind(
            "like",
            _("Like"),
            (Choice(1, pgettext_lazy("vote", "Like"), pgettext_lazy("vote", "Liked"), None),),
            is_ballot=False,
        ),
        VoteKind(
            "useful",
            _("Useful"),
            (Choice(1, pgettext_lazy("vote", "Useful"), pgettext_lazy("vote", "Marked useful"), None),),
            is_ballot=False,
        ),
    ]
}


def kind_of(model_or_obj):
    """The vote kind `model_or_obj` declared in the participation registry, or None (not votable)."""
    features = participation.features(model_or_obj)
    key = features.votable
    if key and features.vote_kind and not isinstance(model_or_obj, type):
        # An object may narrow its model's kind, or turn voting off (a consultation section's vote widget).
        key = features.vote_kind(model_or_obj)
    return KINDS.get(key) if key else None
