"""Results in the back office: computed, reviewed, published and unpublished by the organiser; nothing public
before publication unless the step shows the results during the vote."""

import pytest

from participe.actionlog.models import ActionLog
from participe.instances.scoping import in_instance
from participe.modules.proposals import publication
from participe.projects.models import Step
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


def _en(host, user=None):
    client = host_client(host, user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def budget(instance_a, make_account):
    step = make_step(instance_a, vote={"type": "budget", "budget": "9000"})
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
    park = make_proposal(step, "Parc des Lilas", cost=6000, status="published")
    fountain = make_proposal(step, "Fontaine du marché", cost=3000, status="published")
    for n, proposal in enumerate((park, park, fountain)):
        voter = _en("a.test", make_account(instance_a, f"v{n}@a.test"))
        assert voter.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}).status_code == 302
    return step


def _action(client, step, **data):
    return client.post(f"/gestion/proposals/steps/{step.pk}/results/action/", data)


def test_results_are_hidden_until_published_then_public_until_unpublished(instance_a, admin_a, budget):
    step = budget
    admin = _en("a.test", admin_a)
    public = _en("a.test")
    page = admin.get(f"/gestion/proposals/steps/{step.pk}/results/").content.decode()
    assert "Not computed yet" in page and "Not published: the public sees no result." in page
    assert _action(admin, step, action="compute").status_code == 302
    with in_instance(instance_a):
        run = publication.latest(step, "greedy")
    page = admin.get(f"/gestion/proposals/steps/{step.pk}/results/").content.decode()
    assert "Parc des Lilas" in page and "Ballots counted" in page and "3" in page
    assert "most votes" in page  # the rule in words
    assert f"/proposals/step/{step.pk}/export/results.csv" in page
    assert "Parc des Lilas" not in public.get(f"/proposals/step/{step.pk}/results/").content.decode()

    assert _action(admin, step, action="publish", run=run.pk).status_code == 302
    assert "Parc des Lilas" in public.get(f"/proposals/step/{step.pk}/results/").content.decode()
    with in_instance(instance_a):
        assert ActionLog.objects.filter(action="proposals.results_published").exists()

    assert _action(admin, step, action="unpublish").status_code == 302
    assert "Parc des Lilas" not in public.get(f"/proposals/step/{step.pk}/results/").content.decode()
    with in_instance(instance_a):
        assert publication.published(step) is None
        assert ActionLog.objects.filter(action="proposals.results_unpublished").exists()


def test_results_may_be_visible_during_the_vote(instance_a, admin_a, budget):
    step = budget
    admin = _en("a.test", admin_a)
    _action(admin, step, action="compute")
    assert _action(admin, step, action="visibility", visible="1").status_code == 302
    assert "Parc des Lilas" in _en("a.test").get(f"/proposals/step/{step.pk}/results/").content.decode()
    _action(admin, step, action="visibility", visible="0")
    assert "Parc des Lilas" not in _en("a.test").get(f"/proposals/step/{step.pk}/results/").content.decode()


def test_only_the_latest_result_is_published_and_malformed_requests_are_refused(instance_a, admin_a, budget):
    step = budget
    admin = _en("a.test", admin_a)
    _action(admin, step, action="compute")
    with in_instance(instance_a):
        run = publication.latest(step, "greedy")
    stale = _action(admin, step, action="publish", run=run.pk + 1000)
    assert stale.status_code == 302
    assert "not the latest" in admin.get(stale["Location"]).content.decode()
    with in_instance(instance_a):
        assert publication.published(step) is None
    assert _action(admin, step, action="publish", run="abc").status_code == 400
    assert _action(admin, step, action="explode").status_code == 400
    assert admin.get(f"/gestion/proposals/steps/{step.pk}/results/action/").status_code == 405


def test_the_results_actions_are_for_the_organisers_of_the_step(instance_a, admin_b, participant_a, moderator_a,
                                                               budget):
    step = budget
    assert _action(_en("a.test", participant_a), step, action="compute").status_code == 403
    assert _action(_en("a.test", moderator_a), step, action="compute").status_code == 403
    assert _action(_en("b.test", admin_b), step, action="compute").status_code == 404
    anonymous = _action(_en("a.test"), step, action="compute")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    with in_instance(instance_a):
        assert publication.latest(step, "greedy") is None


def test_a_step_without_a_vote_has_no_results(instance_a, admin_a):
    step = make_step(instance_a)
    admin = _en("a.test", admin_a)
    assert "This step has no vote" in admin.get(f"/gestion/proposals/steps/{step.pk}/results/").content.decode()
    assert _action(admin, step, action="compute").status_code == 400
