"""What participants wrote that a visitor may find: published, in an enabled step of a project they may list."""

from participe.participation.models import Status
from participe.projects.models import Project, Visibility


def listed_projects(user):
    """Projects the visitor may open and that lists show (unlisted ones are reached by their link only)."""
    return Project.objects.visible_to(user).exclude(visibility=Visibility.UNLISTED).values("pk")


def published_in_visible_steps(queryset, request, step="step"):
    """Published rows (not pending, hidden, withdrawn or deleted) whose step, through `step`, is enabled and
    whose project the visitor may list."""
    return queryset.filter(
        status=Status.PUBLISHED,
        **{f"{step}__is_enabled": True, f"{step}__project__in": listed_projects(request.user)},
    )
