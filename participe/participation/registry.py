"""What each citizen-facing model takes part in: modules declare, the shared apps read.

    from participe.participation.registry import participation
    participation.declare(Opinion, commentable=True, votable="agree3", followable=True, reportable=True)

Shared apps (comments, votes, follows, moderation) accept an object only when its
model declared the feature, so a module turns features on by one line and never
copies the machinery.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ParticipationFeatures:
    commentable: bool = False
    # A vote kind key of participe.votes (e.g. "support", "agree3", "for_against", "like", "useful"), or None.
    votable: str | None = None
    followable: bool = False
    reportable: bool = False

    # Optional vote hooks, read by participe.votes (each gets the voted object):
    # the step a vote goes to (default: the object's `step`, or None);
    vote_step: Callable[[Any], Any] | None = None
    # the object's own vote kind key, narrowing `votable` (None: this object offers no vote);
    vote_kind: Callable[[Any], str | None] | None = None
    # (obj, step, {counter: delta}): counters the model keeps per step, moved in the vote's transaction; True when
    # it counted the vote there, so the engine leaves the object's own counter columns alone;
    count_in_step: Callable[[Any, Any, dict], None] | None = None
    # re-reads the counters the widget shows when they are not the object's own counter columns;
    refresh_counters: Callable[[Any], None] | None = None
    # whether the widget hides the counts (a secret vote);
    votes_secret: Callable[[Any], bool] | None = None
    # relations loaded with the object by the shared feature URLs (what the hooks above read).
    select_related: tuple[str, ...] = ()


NOTHING = ParticipationFeatures()


class ParticipationRegistry:
    def __init__(self):
        self._features = {}

    def declare(self, model, **features):
        self._features[model._meta.label_lower] = ParticipationFeatures(**features)
        return model

    def features(self, model_or_obj):
        return self._features.get(model_or_obj._meta.label_lower, NOTHING)

    def models_with(self, feature):
        from django.apps import apps

        return [apps.get_model(label) for label, f in self._features.items() if getattr(f, feature)]

    def is_declared(self, model_or_obj, feature):
        return bool(getattr(self.features(model_or_obj), feature))


participation = ParticipationRegistry()
