"""What each citizen-facing model takes part in: modules declare, the shared apps read.

    from participe.participation.registry import participation
    participation.declare(Opinion, commentable=True, votable="agree3", followable=True, reportable=True)

Shared apps (comments, votes, follows, moderation) accept an object only when its
model declared the feature, so a module turns features on by one line and never
copies the machinery.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ParticipationFeatures:
    commentable: bool = False
    # A vote kind key of participe.votes (e.g. "support", "agree3", "for_against", "like", "useful"), or None.
    votable: str | None = None
    followable: bool = False
    reportable: bool = False


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
