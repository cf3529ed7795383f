"""Projects and steps built directly in the database, inside their instance's scope."""

import pytest

from participe.instances.scoping import in_instance
from participe.projects.models import Project, Step


def make_project(instance, slug="budget", *, steps=(), administrators=(), groups=(), **fields):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("is_published", True)
    with in_instance(instance):
        project = Project.objects.create(instance=instance, slug=slug, **fields)
        for position, step_fields in enumerate(steps, start=1):
            step_fields = dict(step_fields)
            step_fields.setdefault("type", "presentation")
            step_fields.setdefault("title", f"Step {position}")
            step_fields.setdefault("slug", f"step-{position}")
            Step.objects.create(instance=instance, project=project, position=position, **step_fields)
        project.administrators.set(administrators)
        project.allowed_groups.set(groups)
    return project


@pytest.fixture
def project_factory():
    return make_project
