"""A long computation of results shows its progress to the organiser: the background job writes its phase and
percentage at most every half second, the back-office results page shows them with a <progress> and reloads
itself (no JavaScript) while the job runs, and says in plain words when the job failed."""

from fractions import Fraction

import pytest

from participe.instances.scoping import in_instance
from participe.modules.proposals import publication, results
from participe.modules.proposals.models import ResultRun
from participe.modules.proposals.tasks import PROGRESS_EVERY, RunProgress, compute_result_run
from participe.projects.models import Step
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


def _client(host, user=None, language="fr"):
    client = host_client(host, user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def mes_step(instance_a, make_account):
    step = make_step(instance_a, vote={"type": "budget", "budget": "9000", "rule": "mes"})
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
    park = make_proposal(step, "Parc des Lilas", cost=6000, status="published")
    fountain = make_proposal(step, "Fontaine du marché", cost=3000, status="published")
    for n, proposal in enumerate((park, park, fountain)):
        voter = _client("a.test", make_account(instance_a, f"v{n}@a.test"), "en")
        assert voter.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}).status_code == 302
    return step


def _page(client, step):
    response = client.get(f"/gestion/proposals/steps/{step.pk}/results/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_computation_reports_its_phases_in_order_up_to_the_end(instance_a, mes_step):
    reports = []
    with in_instance(instance_a):
        payload = results.compute(
            mes_step, progress=lambda phase, fraction: reports.append((phase, fraction))
        )
    assert [w["title"] for w in payload["districts"][0]["winners"]] == [
        "Parc des Lilas",
        "Fontaine du marché",
    ]
    phases = [phase for phase, _fraction in reports]
    assert phases[0] == "ballots" and "mes" in phases and phases[-1] == "completion"
    assert phases.index("mes") < len(phases) - 1 - phases[::-1].index("completion")
    fractions = [fraction for _phase, fraction in reports]
    assert fractions == sorted(fractions) and fractions[0] == 0 and fractions[-1] == 1
    assert all(isinstance(f, (int, Fraction)) for f in fractions)


def test_progress_is_written_at_most_every_half_second(instance_a, mes_step):
    with in_instance(instance_a):
        run = ResultRun.objects.create(step=mes_step, rule="mes", instance_id=mes_step.instance_id)
        moments = iter(
            [0.0, 0.1, 0.2, PROGRESS_EVERY + 0.01, PROGRESS_EVERY + 0.2, 2 * PROGRESS_EVERY + 0.02]
        )
        progress = RunProgress(run, clock=lambda: next(moments))
        for phase, fraction in [("ballots", 0), ("mes", 0.1), ("mes", 0.2), ("mes", 0.4), ("mes", 0.5)]:
            progress(phase, fraction)
        assert progress.writes == 2
        run.refresh_from_db()
        assert run.payload == {"progress": {"phase": "mes", "percent": 40}}
        progress("completion", 1)
        run.refresh_from_db()
        assert run.payload == {"progress": {"phase": "completion", "percent": 100}}
        # A run already done is not overwritten by a late report.
        run.state, run.payload = ResultRun.State.DONE, {"districts": []}
        run.save()
        RunProgress(run)("mes", 0.5)
        run.refresh_from_db()
        assert run.payload == {"districts": []}


def test_a_running_computation_shows_its_progress_and_reloads_the_page(instance_a, admin_a, mes_step):
    admin = _client("a.test", admin_a)
    with in_instance(instance_a):
        run = ResultRun.objects.create(
            step=mes_step,
            rule="mes",
            instance_id=mes_step.instance_id,
            payload={"progress": {"phase": "mes", "percent": 40}},
        )
    page = _page(admin, mes_step)
    assert "Calcul en cours\u00a0: 40\u00a0%" in page and "parts égales" in page
    assert '<progress class="progress__bar" value="40" max="100" aria-labelledby="results-progress">' in page
    assert '<meta http-equiv="refresh" content="2">' in page

    # Before its first report: 0 %, still reloading; a malformed progress is read as 0 %, never a 5xx.
    with in_instance(instance_a):
        ResultRun.objects.filter(pk=run.pk).update(payload={"progress": {"phase": "?", "percent": "x"}})
    page = _page(admin, mes_step)
    assert "Calcul en cours\u00a0: 0\u00a0%" in page and '<meta http-equiv="refresh"' in page

    # Once done, the results replace the progress and the page stops reloading.
    with in_instance(instance_a):
        publication.compute_run(ResultRun.objects.select_related("step").get(pk=run.pk))
    page = _page(admin, mes_step)
    assert "Parc des Lilas" in page and "Calcul en cours" not in page and "http-equiv" not in page


def test_a_computation_run_by_the_job_ends_done_with_the_results(instance_a, admin_a, mes_step):
    admin = _client("a.test", admin_a)
    # The job runs at once in tests (eager Celery).
    assert (
        admin.post(
            f"/gestion/proposals/steps/{mes_step.pk}/results/action/", {"action": "compute"}
        ).status_code
        == 302
    )
    with in_instance(instance_a):
        run = ResultRun.objects.get(step=mes_step, rule="mes")
    assert run.state == ResultRun.State.DONE and "progress" not in run.payload
    page = _page(admin, mes_step)
    assert "Parc des Lilas" in page and "Calcul en cours" not in page and "http-equiv" not in page


def test_a_failed_computation_is_explained_in_plain_words(instance_a, admin_a, mes_step, monkeypatch):
    admin = _client("a.test", admin_a)
    with in_instance(instance_a):
        run = ResultRun.objects.create(step=mes_step, rule="mes", instance_id=mes_step.instance_id)

    def broken(step, rule=None, progress=None):
        progress("mes", Fraction(1, 2))
        raise ValueError("the ballots of district 7 cannot be read")

    monkeypatch.setattr(results, "compute", broken)
    with pytest.raises(ValueError):
        compute_result_run(instance_a.pk, run.pk)
    with in_instance(instance_a):
        run.refresh_from_db()
    assert run.state == ResultRun.State.FAILED
    page = _page(admin, mes_step)
    assert "a échoué\u00a0: pas de nouveaux résultats" in page
    assert "ValueError: the ballots of district 7 cannot be read" in page
    assert "Calculer les résultats maintenant" in page and "http-equiv" not in page

    # Computed again (the job works now): the failure is gone.
    monkeypatch.undo()
    assert (
        admin.post(
            f"/gestion/proposals/steps/{mes_step.pk}/results/action/", {"action": "compute"}
        ).status_code
        == 302
    )
    page = _page(admin, mes_step)
    assert "a échoué" not in page and "Parc des Lilas" in page
