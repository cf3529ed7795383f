"""What a participatory module is, said in one place: its manifest.

Each module writes a `manifest.py` and its AppConfig.ready() only imports it:

    modules.register(Module(
        key="consultation",
        step_types=[StepType("consultation", ...)],
        contributions=[Contribution(Opinion, votable="agree3", commentable=True, personal_data="consultation")],
        personal_data={"consultation": personal_data.contributions_of},
        importers={"republique-numerique": Importer(import_republique_numerique, help=_("…"))},
        demo=demo.load_demo,
    ))

Registering hands each declaration to the registry that serves it (step types to projects,
features to the participation registry, personal data to accounts, importers and demo to
core, schedules to Celery beat). The shared apps above this layer (search, forms) read the
manifests themselves: `modules.search_sources()`, `modules.form_locks()`, `modules.form_owners()`. Nothing in the
platform imports a module.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from celery import current_app

from participe.accounts import personal_data as personal_data_sections
from participe.core import demo_content
from participe.core import importers as import_kinds
from participe.participation.registry import participation
from participe.projects.registry import StepType, step_types


class Contribution:
    """A model participants act on, and the shared features it takes part in.

    `votable` is a vote kind key of participe.votes; `searchable` a `search.registry.SearchSource`;
    `personal_data` names the module's personal-data section that lists an account's rows of this
    model. Any other keyword (the vote hooks: `vote_step`, `count_in_step`, `refresh_counters`,
    `vote_kind`, `select_related`, `votes_secret`) goes to `participation.declare` as it is.

    For the back office's contributions table: `movable` when a row may change step (to another step of the
    same type; True, or a function `move(rows, step)` that moves them with what follows them and returns those
    moved), `merge(duplicates, into)` when duplicates may be merged into one row (in a transaction),
    `gestion_page` the URL name (taking the row's pk) of the row's own back-office page, linked from the table.
    """

    def __init__(self, model, *, commentable=False, votable=None, followable=False, reportable=False,
                 searchable=None, personal_data=None, movable=False, merge=None, gestion_page=None,
                 **vote_hooks):
        self.model = model
        self.searchable = searchable
        self.personal_data = personal_data
        self.movable = movable
        self.merge = merge
        self.gestion_page = gestion_page
        self.features = dict(
            commentable=commentable, votable=votable, followable=followable, reportable=reportable, **vote_hooks
        )

    def __repr__(self):
        return f"Contribution({self.model._meta.label})"


@dataclass(frozen=True)
class Importer:
    """`run(path, instance, **options)` behind `participe import KIND PATH --instance DOMAIN`."""

    run: Callable
    help: str = ""


@dataclass(frozen=True)
class Module:
    key: str
    step_types: list[StepType] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    # section name -> provider(user) returning JSON-serialisable data for the GDPR export.
    personal_data: dict[str, Callable] = field(default_factory=dict)
    importers: dict[str, Importer] = field(default_factory=dict)
    # Celery beat entries: name -> {"task": dotted task name, "schedule": seconds or crontab}.
    schedules: dict[str, dict] = field(default_factory=dict)
    # demo(instance, accounts, now): idempotent demo content for `participe demo`.
    demo: Callable | None = None
    # check(form) -> a sentence when the module forbids changing this form's questions, else None.
    form_locks: list[Callable] = field(default_factory=list)
    # owners(form_ids or None) -> iterable of (form id, step, label): the steps that put these forms to people,
    # in a constant number of queries (the back office's form builder asks who may edit a form).
    form_owners: list[Callable] = field(default_factory=list)
    # Keys of participe.notifications.kinds.KINDS this module sends; the contract test triggers each one.
    notifications: list[str] = field(default_factory=list)
    # Dotted path of the module's back-office urlconf, served under /gestion/<key>/ in the namespace
    # "gestion:<key>"; its views use participe.gestion.access.staff_view like every /gestion/ page.
    gestion_urls: str | None = None
    # Entries of the back office's navigation: participe.gestion.navigation.Section-like (label, url_name, permission).
    gestion_sections: list = field(default_factory=list)
    # todo(user) -> iterable of (label, count, url): work waiting for `user` on the dashboard ("proposals to analyse"),
    # in a constant number of queries.
    gestion_todo: list[Callable] = field(default_factory=list)
    # What the back office calls the actions this module records in the action log: {action: label}
    # (read by participe.actionlog.labels).
    action_labels: dict = field(default_factory=dict)


class ModuleRegistry:
    def __init__(self):
        self._modules: dict[str, Module] = {}

    def register(self, module):
        if module.key in self._modules:
            raise ValueError(f"module {module.key!r} is already registered")
        self._check(module)
        self._modules[module.key] = module
        for step_type in module.step_types:
            step_types.register(step_type)
        for contribution in module.contributions:
            participation.declare(contribution.model, **contribution.features)
        for name, provider in module.personal_data.items():
            personal_data_sections.register(name, provider)
        for kind, importer in module.importers.items():
            import_kinds.register(kind, importer.run, help=importer.help)
        if module.demo is not None:
            demo_content.register(module.demo)
        # The project's Celery app is the current one: the module needs no import of participe.celery.
        current_app.conf.beat_schedule.update(module.schedules)
        return module

    def _check(self, module):
        for contribution in module.contributions:
            if contribution.personal_data and contribution.personal_data not in module.personal_data:
                raise ValueError(
                    f"{contribution!r} names the personal-data section {contribution.personal_data!r}, "
                    f"which module {module.key!r} does not declare"
                )

    def __iter__(self):
        return iter(self._modules.values())

    def get(self, key):
        return self._modules.get(key)

    def contributions(self):
        return [contribution for module in self for contribution in module.contributions]

    def search_sources(self):
        return [c.searchable for c in self.contributions() if c.searchable is not None]

    def form_locks(self):
        return [check for module in self for check in module.form_locks]

    def form_owners(self):
        return [owners for module in self for owners in module.form_owners]


modules = ModuleRegistry()
