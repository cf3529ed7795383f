"""Which models accept attachments, declared by the module that owns them:

    from participe.attachments.registry import attachments
    attachments.allow(Proposal, images=True, documents=True, max_files=5)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AttachmentRules:
    images: bool = True
    documents: bool = True
    max_files: int = 5


class AttachmentRegistry:
    def __init__(self):
        self._rules = {}

    def allow(self, model, **rules):
        self._rules[model._meta.label_lower] = AttachmentRules(**rules)
        return model

    def forget(self, model):
        self._rules.pop(model._meta.label_lower, None)

    def rules_for(self, model_or_obj):
        return self._rules.get(model_or_obj._meta.label_lower)


attachments = AttachmentRegistry()
