"""Sorting scores for opinions and amendments, computed by the database from the vote counters.

Controversy: `votes_total × (1 − |agree − disagree| / (agree + disagree))`. It is highest when
many people voted and agree and disagree are balanced; a text everybody agrees (or disagrees)
with scores 0 whatever its volume; mitigated votes add volume but take no side.
"""

from django.db.models import Case, F, FloatField, Value, When
from django.db.models.functions import Abs, Cast

SORTS = ("votes", "agreed", "controversial", "newest", "oldest", "random")


def controversy_expression():
    sided = F("votes_agree") + F("votes_disagree")
    balance = Cast(Abs(F("votes_agree") - F("votes_disagree")), FloatField()) / Cast(sided, FloatField())
    return Case(
        When(votes_agree=0, votes_disagree=0, then=Value(0.0)),
        default=Cast(F("votes_total"), FloatField()) * (Value(1.0) - balance),
        output_field=FloatField(),
    )


def controversy(agree, disagree, total):
    """The same score in Python (for tests, exports and the ranking)."""
    if agree + disagree == 0:
        return 0.0
    return total * (1 - abs(agree - disagree) / (agree + disagree))


def _stable_random_order(seed):
    # (pk × a large odd number + seed) modulo a prime: a shuffle the same for one visitor across pages.
    return (F("pk") * Value(2654435761) + Value(seed)) % Value(1000003)


class ScoredQuerySetMixin:
    def sorted_by(self, sort, seed=0):
        if sort == "agreed":
            return self.order_by("-votes_agree", "votes_disagree", "-pk")
        if sort == "controversial":
            return self.annotate(controversy=controversy_expression()).order_by("-controversy", "-votes_total", "-pk")
        if sort == "newest":
            return self.order_by("-created_at", "-pk")
        if sort == "oldest":
            return self.order_by("created_at", "pk")
        if sort == "random":
            return self.annotate(shuffle=_stable_random_order(seed)).order_by("shuffle", "pk")
        return self.order_by("-votes_total", "-votes_agree", "-pk")
