"""The staff counterpart of the participation gate: every /gestion/ view goes through `staff_view`."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from participe.gestion.dashboard import managed_projects
from participe.projects.models import Step


def staff_view(permission):
    """Anonymous visitors are sent to the login page; signed-in people without `permission` get a 403.

    The view runs inside the instance scope the middleware opened for the request.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.staff_permission = permission
        return wrapped

    return decorator


def require_object_perm(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def managed_step(request, pk, step_type=None):
    """The step `pk` of a project `request.user` manages (of `step_type` when given), else 404.

    A module's back-office pages (its `gestion_urls`) start with it, inside a `staff_view`.
    """
    steps = Step.objects.select_related("project").filter(project__in=managed_projects(request.user).values("pk"))
    if step_type is not None:
        steps = steps.filter(type=step_type)
    step = steps.filter(pk=pk).first()
    if step is None or not request.user.has_perm("gestion.change_project", step.project):
        raise Http404
    return step
