import pytest

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from participe.projects.models import Project, Step


def make_step(instance, *, vote=None, slug="depot", step_type="collect", **settings):
    with in_instance(instance):
        project, _ = Project.objects.get_or_create(
            instance=instance, slug="budget", defaults={"title": "Budget participatif", "is_published": True}
        )
        return Step.objects.create(
            instance=instance, project=project, type=step_type, title="Dépôt", slug=slug,
            settings={"vote": vote or {"type": "none"}, **settings},
        )


def make_proposal(step, title="Des bancs publics", cost=None, author=None, **fields):
    with in_instance(step.instance):
        return Proposal.objects.create(
            instance=step.instance, step=step, title=title, estimated_cost=cost, author=author, **fields
        )


@pytest.fixture
def step_factory():
    return make_step


@pytest.fixture
def proposal_factory():
    return make_proposal
