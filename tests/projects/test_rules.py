"""The project permissions, as views and modules ask them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.projects.models import Step, Visibility
from tests.conftest import make_user
from tests.projects.conftest import make_project


@pytest.fixture
def steps(instance_a):
    now = timezone.now()
    project = make_project(
        instance_a,
        "p",
        visibility=Visibility.ADMINS,
        steps=[{"slug": "open", "type": "collect"}, {"slug": "closed", "type": "collect", "ends_at": now - timedelta(days=1)}],
    )
    with in_instance(instance_a):
        return project, Step.objects.get(slug="open"), Step.objects.get(slug="closed")


def test_who_changes_and_takes_part(steps, instance_a, admin_a, participant_a, admin_b):
    project, open_step, closed_step = steps
    manager = make_user(instance_a, "manager@a.test")
    banned = make_user(instance_a, "banned@a.test", is_banned=True)
    project.administrators.add(manager, banned)
    with in_instance(instance_a):
        assert admin_a.has_perm("projects.change_project", project)
        assert manager.has_perm("projects.change_project", project)
        assert manager.has_perm("projects.change_project", open_step)
        assert manager.has_perm("backoffice.access")
        assert not participant_a.has_perm("projects.change_project", project)
        assert not participant_a.has_perm("backoffice.access")
        assert not banned.has_perm("projects.change_project", project)

        assert manager.has_perm("participation.participate_in_step", open_step)
        assert not manager.has_perm("participation.participate_in_step", closed_step)
        assert not participant_a.has_perm("participation.participate_in_step", open_step)  # cannot see the project
        # A role never carries over to another instance.
        assert not admin_b.has_perm("projects.change_project", project)
        assert not admin_b.has_perm("projects.view_project", project)
