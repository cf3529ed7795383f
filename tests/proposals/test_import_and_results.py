"""`participe import pabulib` and `participe results` on the real Toulouse 2024 file."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from participe.modules.proposals import pabulib
from participe.modules.proposals.models import Ballot, Proposal

TOULOUSE = "/work/shared/data/pabulib/France_Toulouse_2024.pb"


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def independent_greedy(path):
    """Greedy recomputed from the raw file with plain csv code: votes counted from the VOTES section."""
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    section, budget, costs, votes = None, None, {}, {}
    for row in rows:
        if row and row[0] in ("META", "PROJECTS", "VOTES"):
            section, header = row[0], None
            continue
        if header is None:
            header = row
            continue
        record = dict(zip(header, row, strict=False))
        if section == "META" and record["key"] == "budget":
            budget = Decimal(record["value"])
        elif section == "PROJECTS":
            costs[record["project_id"]] = Decimal(record["cost"])
            votes.setdefault(record["project_id"], 0)
        elif section == "VOTES":
            for project_id in record["vote"].split(","):
                votes[project_id] += 1
    chosen, left = [], budget
    for project_id in sorted(costs, key=lambda p: (-votes[p], p)):
        if votes[project_id] and costs[project_id] <= left:
            chosen.append(project_id)
            left -= costs[project_id]
    return chosen, budget - left, votes


@pytest.fixture
def toulouse(instance_a):
    return json.loads(_run("import", "pabulib", TOULOUSE, "--instance", "a.test"))


def test_import_then_greedy_results_and_pb_export(toulouse, scope_a):
    """One import (it is the slow part), every check on it."""
    assert toulouse["proposals"] == 183 and toulouse["ballots"] == 7260 and toulouse["created"]
    step_proposals = Proposal.objects.filter(step_id=toulouse["step"])
    assert step_proposals.filter(district__isnull=False).count() == 183
    chosen, spent, votes = independent_greedy(TOULOUSE)
    assert {p.source_id: p.ballot_votes for p in step_proposals} == votes
    assert Ballot.objects.filter(step_id=toulouse["step"], is_counted=True).count() == 7260

    # Idempotent: a second import finds the step and creates nothing.
    again = json.loads(_run("import", "pabulib", TOULOUSE, "--instance", "a.test"))
    assert again["step"] == toulouse["step"] and not again["created"]
    assert Proposal.objects.filter(step_id=toulouse["step"]).count() == 183

    # Greedy equals the independent recomputation from the raw file.
    result = json.loads(_run("results", str(toulouse["step"]), "--instance", "a.test", "--rule", "greedy", "--format", "json"))
    assert [w["id"] for w in result["winners"]] == chosen
    assert Decimal(str(result["total_spent"])) == spent <= Decimal(8_000_000)
    assert all(w["votes"] == votes[w["id"]] for w in result["winners"])

    # The whole election as .pb gives back the same projects and ballots.
    election = pabulib.parse(_run("results", str(toulouse["step"]), "--instance", "a.test", "--format", "pb"))
    original = pabulib.parse_file(TOULOUSE)
    assert set(election.projects) == set(original.projects)
    assert election.budget == original.budget
    assert sorted(sorted(v["vote"]) for v in election.votes.values()) == sorted(
        sorted(v["vote"]) for v in original.votes.values()
    )


def test_mes_through_the_database_equals_pabutools(toulouse, scope_a):
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares

    from participe.modules.proposals.results import compute
    from participe.projects.models import Step

    step = Step.objects.get(pk=toulouse["step"])
    step.settings["vote"]["mes_increment"] = ""  # plain MES then greedy completion, kept quick
    step.save()
    instance, profile = parse_pabulib(TOULOUSE)
    mes_only = {p.name for p in method_of_equal_shares(instance, profile, sat_class=Cost_Sat)}
    result = compute(step, "mes")
    district = result["districts"][0]
    assert {r["key"] for r in district["mes"]["rounds"]} == mes_only
    assert len(district["mes"]["rounds"]) + len(district["mes"]["completed_by_greedy"]) == len(district["winners"])
    assert result["total_spent"] <= 8_000_000


def test_unknown_step_is_a_clear_error(instance_a):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _run("results", "999999", "--instance", "a.test", "--rule", "greedy")


def test_a_step_of_another_instance_is_not_found(instance_a, instance_b, scope_b):
    """The step id alone never reaches across instances: the command looks it up in the named instance."""
    from django.core.management.base import CommandError

    from participe.projects.models import Project, Step

    project = Project.objects.create(title="Budget B", slug="budget-b")
    step = Step.objects.create(project=project, title="Vote", type="selection")
    with pytest.raises(CommandError, match="a.test"):
        _run("results", str(step.pk), "--instance", "a.test", "--rule", "greedy")
    with pytest.raises(CommandError, match="nowhere.test"):
        _run("results", str(step.pk), "--instance", "nowhere.test")
