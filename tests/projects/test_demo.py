from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.projects.demo import load_demo
from participe.projects.models import Project
from participe.projects.registry import StepState
from tests.conftest import make_user


def test_demo_projects_are_at_different_stages_and_loading_twice_changes_nothing(instance_a, client_a):
    accounts = {"citizen": make_user(instance_a, "camille@a.test"), "admin": make_user(instance_a, "admin@a.test")}
    now = timezone.now()
    with in_instance(instance_a):
        load_demo(instance_a, accounts, now)
        load_demo(instance_a, accounts, now)
        projects = {p.slug: p for p in Project.objects.for_cards()}
        assert len(projects) == 5
        assert not projects["jardins-partages"].is_published  # a draft for the back office
        # The plan vélo's open step, its idea box, is the proposals module's (tests/site/test_demo_coherence.py).
        assert projects["plan-velo"].phase(now) == StepState.FUTURE
        assert projects["ilots-de-fraicheur"].phase(now) == StepState.FUTURE
        assert projects["place-du-marche"].phase(now) == StepState.CLOSED
        assert projects["plan-velo"].steps.count() == 3
        assert "640" not in projects["place-du-marche"].summary  # no figure the counters would contradict
    assert client_a.get("/projects/plan-velo/").status_code == 200
    assert client_a.get("/projects/conseil-citoyen/").status_code == 404
    assert client_a.get("/projects/jardins-partages/").status_code == 404
