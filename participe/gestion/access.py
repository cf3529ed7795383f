"""The staff counterpart of the participation gate: every /gestion/ view goes through `staff_view`."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse


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
