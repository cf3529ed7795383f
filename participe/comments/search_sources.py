"""Comments visitors may find: published, in a step they may see, on a contribution still shown."""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from participe.comments.models import Comment
from participe.participation.models import Status
from participe.participation.registry import participation
from participe.search.registry import Result, SearchSource, sources
from participe.search.visibility import published_in_visible_steps


def _on_shown_target():
    """A comment is found only while its target is published (targets without a status are always shown)."""
    conditions = []
    for model in participation.models_with("commentable"):
        kind = Q(content_type=ContentType.objects.get_for_model(model))
        if any(field.name == "status" for field in model._meta.get_fields()):
            kind &= Q(object_id__in=model._default_manager.filter(status=Status.PUBLISHED).values("pk"))
        conditions.append(kind)
    return reduce(or_, conditions, Q(pk__in=[]))


def _comments(request):
    return published_in_visible_steps(Comment.objects.filter(_on_shown_target()), request)


def _result(comment):
    target = comment.target
    return Result(str(target) if target else "", comment.get_absolute_url(), comment.body, comment.published_at)


sources.register(
    SearchSource(
        key="comments",
        label=_("Comments"),
        rows=_comments,
        fields=("body",),
        result=_result,
        ordering=("-created_at", "-pk"),
        prefetch_related=("target",),
        order=90,
        project_field="step__project",
        step_field="step",
    )
)
