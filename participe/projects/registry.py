"""The step-type registry: how a participatory module plugs into projects.

A module lists its step types in its manifest (participe/participation/manifest.py), which
registers them here:

    Module(key="questionnaires", step_types=[StepType(
        key="questionnaire",
        label=_("Questionnaire"),
        description=_("A survey with many question types and logic jumps."),
        view="participe.modules.questionnaires.views.step_page",
        settings_form="participe.modules.questionnaires.forms.StepSettingsForm",
        actions={"reply": {StepState.OPEN}},
    )])

The core reads the registry and never imports a module: removing a module's app
removes its step types, nothing else.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.module_loading import import_string


class StepState(StrEnum):
    FUTURE = "future"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class StepType:
    key: str
    label: str
    description: str = ""
    # Dotted path of `view(request, step)` rendering the step's public page, in every state.
    view: str | None = None
    # Dotted path of a Form class editing `step.settings` (a JSON dict) in the back office.
    settings_form: str | None = None
    # action name -> the step states in which it is allowed, e.g. {"vote": {StepState.OPEN}}.
    actions: dict = field(default_factory=dict)
    # Dotted path of `exporters(step)` -> list of exporters of the step's contributions (`participe export`).
    exporters: str | None = None
    # Dotted path of `creates(step)`, making the content a new step of this type needs (a questionnaire's form…):
    # the back office calls it when it adds the step, so a new step is never an empty page.
    creates: str | None = None
    # Dotted path of `checklist(step)` -> list of `participe.projects.registry.Missing`: what the step lacks before it
    # can be published (no question yet, no envelope…). The back office shows it and refuses to publish when blocking.
    checklist: str | None = None
    # Dotted path of `forms(step)` -> list of (label, form id): the forms the step puts to people, which the back
    # office links to its form builder.
    forms: str | None = None
    # Dotted path of `editors(step)` -> list of `Editor`: the module's back-office pages for this step (document tree,
    # envelopes, electorate…), which the step's page in /gestion/ lists. The pages live in the module's own
    # `gestion_urls` (see participe.participation.manifest.Module).
    editors: str | None = None
    # Dotted path of `votes_tally(step_ids)` -> {step id: votes counted outside the vote engine (a budget step's
    # counted ballots)}: added to the engine's votes in the steps' and projects' totals (participe.votes.tallies).
    votes_tally: str | None = None
    # Does this step type collect participation (counted in the project's counters, shows requirements)?
    participatory: bool = True

    def allows(self, action, state):
        return state in self.actions.get(action, ())

    def get_view(self):
        return import_string(self.view) if self.view else None

    def get_settings_form(self):
        return import_string(self.settings_form) if self.settings_form else None

    def get_hook(self, name):
        path = getattr(self, name)
        return import_string(path) if path else None

    def create_content(self, step):
        creator = self.get_hook("creates")
        if creator is not None:
            creator(step)

    def missing(self, step):
        check = self.get_hook("checklist")
        return list(check(step)) if check is not None else []

    def forms_of(self, step):
        forms = self.get_hook("forms")
        return list(forms(step)) if forms is not None else []

    def editors_of(self, step):
        editors = self.get_hook("editors")
        return list(editors(step)) if editors is not None else []


@dataclass(frozen=True)
class Editor:
    """A back-office page of a step, e.g. Editor(_("Document"), reverse("gestion:consultation:document", args=[pk]))."""

    label: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class Missing:
    """One item of a publication checklist; `blocking` ones forbid publishing, the others are advice."""

    message: str
    blocking: bool = True


class StepTypeRegistry:
    def __init__(self):
        self._types: dict[str, StepType] = {}

    def register(self, step_type):
        if step_type.key in self._types and self._types[step_type.key] != step_type:
            raise ValueError(f"step type {step_type.key!r} is already registered")
        self._types[step_type.key] = step_type
        return step_type

    def unregister(self, key):
        self._types.pop(key, None)

    def get(self, key):
        return self._types.get(key)

    def __getitem__(self, key):
        return self._types[key]

    def __contains__(self, key):
        return key in self._types

    def __iter__(self):
        return iter(self._types.values())

    def choices(self):
        return [(t.key, t.label) for t in self._types.values()]


step_types = StepTypeRegistry()
