"""Real elections imported as they are publish the winners the cities published.

Every `.pb` of the shared pabulib folder (and its `rules/` folder) goes through `participe import pabulib`
(the real importer, a real database), then `participe results STEP` without `--rule` (the step's own rule, as the
file's META set it). The winners must be the file's `selected` projects; Toulouse's files have no `selected`
column: there the winners must be those of greedy recomputed from the raw file by plain code."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from participe.modules.proposals.models import Proposal
from participe.projects.models import Step

PABULIB = Path(__file__).resolve().parents[2].parent / "shared/data/pabulib"
FILES = sorted(PABULIB.glob("*.pb")) + sorted(PABULIB.glob("rules/*.pb")) if PABULIB.is_dir() else []


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def raw_file(path):
    """META, PROJECTS rows and VOTES rows of a .pb, read with the csv module only."""
    sections = {"META": [], "PROJECTS": [], "VOTES": []}
    section, header = None, None
    with open(path, encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if row and row[0] in sections:
                section, header = row[0], None
            elif header is None:
                header = row
            else:
                sections[section].append(dict(zip(header, row, strict=False)))
    meta = {row["key"]: row["value"] for row in sections["META"]}
    return meta, sections["PROJECTS"], sections["VOTES"]


def independent_greedy(meta, projects):
    """pabulib's greedy from the PROJECTS columns: by score (points) or else votes, skipping what does not fit."""
    left = Decimal(meta["budget"])
    chosen = []
    column = "score" if "score" in projects[0] else "votes"
    for project in sorted(projects, key=lambda p: (-int(p[column]), p["project_id"])):
        if Decimal(project["cost"]) <= left:
            chosen.append(project["project_id"])
            left -= Decimal(project["cost"])
    return chosen


@pytest.mark.skipif(not FILES, reason="no shared pabulib folder")
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_the_steps_own_rule_publishes_the_official_winners(path, instance_a, scope_a):
    meta, projects, votes = raw_file(path)
    summary = _run("import", "pabulib", str(path), "--instance", "a.test")
    assert summary["proposals"] == len(projects) and summary["ballots"] == len(votes)
    step = Step.objects.get(pk=summary["step"])

    # The counts are recomputed from the ballots and equal the file's own columns.
    imported = {p.source_id: p for p in Proposal.objects.filter(step=step)}
    assert {k: p.ballot_votes for k, p in imported.items()} == {p["project_id"]: int(p["votes"]) for p in projects}
    if "score" in projects[0]:
        assert {k: p.ballot_points for k, p in imported.items()} == {
            p["project_id"]: int(p["score"]) for p in projects
        }

    result = _run("results", str(step.pk), "--instance", "a.test")
    winners = [w["id"] for w in result["winners"]]
    if "selected" in projects[0]:
        assert sorted(winners) == sorted(p["project_id"] for p in projects if p["selected"] == "1")
    else:
        assert winners == independent_greedy(meta, projects)
    assert Decimal(str(result["total_spent"])) <= Decimal(meta["budget"])
