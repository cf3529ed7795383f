"""Reaching an object through a shared feature's URL (/votes/<ct>/<id>/, /comments/<ct>/<id>/…).

Shared apps address objects by content type and id; these checks make sure the model
declared the feature, the object belongs to the instance being served, is public, and
sits in a project the visitor may see. Anything else is a 404, never a hint.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404

from participe.instances.scoping import current_instance
from participe.participation.registry import participation
from participe.projects import requirements
from participe.projects.models import Project, Step, Visibility


def declared_target(content_type_id, object_id, feature):
    """The object of the current instance behind a shared-feature URL, or Http404."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)  # cached per process
    except ContentType.DoesNotExist:
        content_type = None
    model = content_type.model_class() if content_type else None
    if model is None or not participation.is_declared(model, feature):
        raise Http404
    instance = current_instance()
    # No ordering: a model's default one may join other tables for nothing.
    target = next(iter(_with_step_and_project(model, model._default_manager.filter(pk=object_id)).order_by()[:1]), None)
    if target is None or instance is None or getattr(target, "instance_id", None) != instance.pk:
        raise Http404
    if hasattr(target, "is_published") and not target.is_published:
        raise Http404
    return target


def _with_step_and_project(model, queryset):
    # One query for the object, its step and the step's project (the checks read all three), and
    # what the model's declared hooks read (`select_related`, e.g. the section of an opinion).
    related = list(participation.features(model).select_related)
    try:
        step_field = model._meta.get_field("step")
    except FieldDoesNotExist:
        step_field = None
    if getattr(step_field, "related_model", None) is not None and step_field.related_model._meta.label == "projects.Step":
        related.append("step__project")
    return queryset.select_related(*related) if related else queryset


def step_of(target):
    """The step an object was written in, or None."""
    return getattr(target, "step", None)


def project_visible(user, step):
    if step is None:
        return True
    # A published public or unlisted project is visible to everyone: no query when it is loaded.
    if Step.project.is_cached(step):
        project = step.project
        if project.is_published and project.visibility in (Visibility.PUBLIC, Visibility.UNLISTED):
            return True
    return Project.objects.visible_to(user).filter(pk=step.project_id).exists()


def missing_requirements(user, step):
    """What `user` still lacks to act in `step` (the projects app knows the requirements)."""
    if step is None:
        return []
    return requirements.missing_requirements(user, step)


def requirements_url(step, next_url):
    return requirements.requirements_url(step, next_url)


def safe_next(request, fallback):
    from django.utils.http import url_has_allowed_host_and_scheme

    candidate = request.POST.get("next") or request.GET.get("next")
    # A path only: redirect() would try "0" or "name" as a view name to reverse (a 500 when it is none).
    if candidate and candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, {request.get_host()}, request.is_secure()
    ):
        return candidate
    return fallback
