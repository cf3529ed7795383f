"""The contribution kinds the modules declare, read from their manifests, and the staff's view of their rows.

A kind is a model inheriting participation.models.Contribution, named by its label ("proposals.proposal").
Nothing here names a module: fields such as `category` or `district` are used where the model has them.
"""

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import IntegerField, Q, Value

from participe.gestion.dashboard import managed_projects
from participe.moderation.models import ModerationCase
from participe.participation.manifest import modules
from participe.participation.models import Contribution as ContributionBase
from participe.search.backends import matching

TEXT_FIELDS = ("title", "body", "text", "content")


@dataclass(frozen=True)
class Kind:
    index: int
    model: type
    searchable: object = None
    movable: object = False  # True, or the module's move(rows, step)
    merge: object = None
    page: str = ""  # the URL name of a row's own back-office page (its module's), "" when it has none

    @property
    def key(self):
        return self.model._meta.label_lower

    @property
    def label(self):
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def singular(self):
        return str(self.model._meta.verbose_name).capitalize()

    def has_field(self, name):
        try:
            self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return True

    def has_relation(self, name):
        """A foreign key named `name` (a proposal's category), not a field of that name (an argument's "category")."""
        return self.has_field(name) and self.model._meta.get_field(name).many_to_one

    def related_model(self, name):
        return self.model._meta.get_field(name).related_model if self.has_relation(name) else None

    @property
    def content_type(self):
        return ContentType.objects.get_for_model(self.model, for_concrete_model=True)


def all_kinds():
    kinds = [
        contribution
        for contribution in modules.contributions()
        if issubclass(contribution.model, ContributionBase)
    ]
    return [
        Kind(index, c.model, c.searchable, getattr(c, "movable", False), getattr(c, "merge", None),
             getattr(c, "gestion_page", None) or "")
        for index, c in enumerate(kinds)
    ]


def kinds_by_key():
    return {kind.key: kind for kind in all_kinds()}


def visible_rows(kind, user):
    """Every row of `kind` that `user` manages: all for an instance administrator, else those of their projects."""
    rows = kind.model._default_manager.all()
    if not user.has_perm("gestion.add_project"):
        rows = rows.filter(step__project__in=managed_projects(user).values("pk"))
    return rows


def _search(kind, rows, request, query):
    if kind.searchable is not None:
        source = replace(kind.searchable, rows=lambda request: rows, select_related=(), prefetch_related=())
        return rows.filter(pk__in=matching(source, request, query).values("pk"))
    condition = Q()
    for field in TEXT_FIELDS:
        if kind.has_field(field):
            condition |= Q(**{f"{field}__icontains": query})
    return rows.filter(condition) if condition else rows.none()


def filtered_rows(kind, request, filters):
    """`kind`'s rows the user manages that pass `filters` (a dict of cleaned values, None when unused)."""
    rows = visible_rows(kind, request.user)
    if filters.get("project"):
        rows = rows.filter(step__project_id=filters["project"])
    if filters.get("step"):
        rows = rows.filter(step_id=filters["step"])
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    for field in ("district", "category"):
        if filters.get(field):
            if not kind.has_relation(field):
                return rows.none()
            rows = rows.filter(**{f"{field}_id": filters[field]})
    if filters.get("reported"):
        reported = ModerationCase.objects.filter(content_type=kind.content_type, reports_count__gt=0).values("object_id")
        rows = rows.filter(pk__in=reported) if filters["reported"] == "yes" else rows.exclude(pk__in=reported)
    author_type = filters.get("author_type")
    if author_type == "anonymous":
        rows = rows.filter(author__isnull=True)
    elif author_type == "staff":
        rows = rows.filter(
            Q(author__is_instance_admin=True) | Q(author__is_moderator=True) | Q(author__is_analyst=True)
        )
    elif author_type:
        rows = rows.filter(author__user_type=author_type)
    if filters.get("q"):
        rows = _search(kind, rows, request, filters["q"])
    return rows


def table(kinds, request, filters):
    """One list over every kind: (kind index, pk, created_at) rows, newest first, for a paginator."""
    parts = [
        filtered_rows(kind, request, filters)
        .order_by()
        .annotate(kind_index=Value(kind.index, output_field=IntegerField()))
        .values("kind_index", "pk", "created_at")
        for kind in kinds
    ]
    if not parts:
        return []
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-created_at", "-pk")


def load(pairs):
    """The rows named by (kind, pk) pairs, one query per kind, with what the table shows."""
    wanted = {}
    for kind, pk in pairs:
        wanted.setdefault(kind, set()).add(pk)
    found = {}
    for kind, ids in wanted.items():
        related = ["author", "step__project"]
        related += [field for field in ("district", "category") if kind.has_relation(field)]
        for obj in kind.model._default_manager.filter(pk__in=ids).select_related(*related):
            found[(kind.key, obj.pk)] = obj
    return found


def reports_counts(pairs):
    """{(kind key, pk): number of reports}, one query for every kind."""
    by_type = {}
    for kind, pk in pairs:
        by_type.setdefault(kind.content_type.pk, (kind, set()))[1].add(pk)
    if not by_type:
        return {}
    condition = Q()
    for content_type_id, (_kind, ids) in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    counts = {}
    for case in ModerationCase.objects.filter(condition).values("content_type_id", "object_id", "reports_count"):
        kind = by_type[case["content_type_id"]][0]
        counts[(kind.key, case["object_id"])] = case["reports_count"]
    return counts


def title_of(obj):
    return str(obj)

