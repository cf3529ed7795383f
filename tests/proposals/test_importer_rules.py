"""`participe import pabulib`: each counting rule a pabulib file's META may name becomes the step's rule settings
(read back as the same `VoteRule`, exported under the same name), or is refused with a translated message."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from participe.modules.proposals import pabulib
from participe.modules.proposals.importer import RULES, vote_from_meta
from participe.modules.proposals.models import Proposal
from participe.modules.proposals.rules import VoteRule, from_settings
from participe.modules.proposals.step_settings import vote_settings
from participe.projects.models import Project, Step

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pabulib"

EXPECTED = {
    "greedy": VoteRule(method="greedy"),
    "greedy-threshold": VoteRule(method="greedy", min_score=40),
    "greedy-no-skip": VoteRule(method="greedy-no-skip"),
    "equalshares": VoteRule(method="mes", completion="none"),
    "equalshares/utilitarian": VoteRule(method="mes", completion="utilitarian"),
    "equalshares/add1": VoteRule(method="mes", completion="add1"),
    "equalshares/add1/utilitarian": VoteRule(method="mes", completion="add1-utilitarian"),
    "equalshares/add1/utilitarian/comparison": VoteRule(
        method="mes", completion="add1-utilitarian-comparison"
    ),
}


def _meta(rule):
    meta = {"vote_type": "approval", "rule": rule}
    if rule == "greedy-threshold":
        meta["min_project_score_threshold"] = "40"
    return meta


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_pabulib_rule_becomes_the_steps_rule_and_keeps_its_name(rule):
    vote = vote_from_meta(_meta(rule), 1000, [])
    vote_rule = from_settings(vote, vote["type"])
    assert vote_rule == EXPECTED[rule]
    # Exported under the same name (the round trip of an imported file).
    assert vote_rule.pabulib_name() == rule


def test_every_mapped_rule_is_tested():
    assert set(RULES) == set(EXPECTED)


def _rules_in_the_data():
    found = {}
    for path in sorted(DATA.rglob("*.pb")):
        meta = {}
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip() == "PROJECTS":
                    break
                key, _sep, value = line.rstrip("\n").partition(";")
                meta[key.strip()] = value.strip()
        found.setdefault(meta.get("rule", "greedy") or "greedy", []).append(path.name)
    return found


@pytest.mark.skipif(not DATA.exists(), reason="the pabulib data set is not here")
def test_every_rule_found_in_the_real_files_is_mapped():
    found = _rules_in_the_data()
    # greedy, greedy-no-skip, greedy-threshold and equalshares/add1 when written.
    assert {"greedy", "greedy-no-skip", "greedy-threshold", "equalshares/add1"} <= set(found)
    assert set(found) <= set(RULES), {rule: files for rule, files in found.items() if rule not in RULES}


@pytest.mark.parametrize(
    "rule",
    ["sequential-phragmen", "equalshares/phragmen", "equalshares/add2", "greedy/comparison", "mes", "GREEDY"],
)
def test_an_unknown_rule_is_refused_in_plain_french(rule):
    with translation.override("fr"), pytest.raises(CommandError) as refused:
        vote_from_meta({"vote_type": "approval", "rule": rule}, 1000, [])
    message = str(refused.value)
    assert f"La règle « {rule} » ne peut pas être représentée" in message
    assert "equalshares/add1/utilitarian/comparison" in message  # the known rules are listed


def test_greedy_threshold_without_its_threshold_is_refused_in_french():
    with translation.override("fr"), pytest.raises(CommandError, match="demande min_project_score_threshold"):
        vote_from_meta({"rule": "greedy-threshold"}, 1000, [])


FILE = """META
key;value
description;Petit budget
unit;Testville
instance;2025
budget;100
vote_type;approval
rule;{rule}
PROJECTS
project_id;cost;votes;name
1;60;2;Un banc
2;50;1;Des arbres
VOTES
voter_id;vote
a;1,2
b;1
"""


def _import(tmp_path, rule):
    path = tmp_path / "small.pb"
    path.write_text(FILE.format(rule=rule), encoding="utf-8")
    out = io.StringIO()
    call_command("import", "pabulib", str(path), "--instance", "a.test", stdout=out)
    return json.loads(out.getvalue())


def test_the_comparison_rule_is_imported_then_exported_under_its_name(tmp_path, instance_a, scope_a):
    summary = _import(tmp_path, "equalshares/add1/utilitarian/comparison")
    step = Step.objects.get(pk=summary["step"])
    assert vote_settings(step).vote_rule == EXPECTED["equalshares/add1/utilitarian/comparison"]
    out = io.StringIO()
    call_command("results", str(step.pk), "--instance", "a.test", "--format", "pb", stdout=out)
    assert "rule;equalshares/add1/utilitarian/comparison" in out.getvalue()
    assert pabulib.parse(out.getvalue()).meta["rule"] == "equalshares/add1/utilitarian/comparison"


def test_a_file_with_an_unknown_rule_creates_nothing(tmp_path, instance_a, scope_a):
    with pytest.raises(CommandError, match="sequential-phragmen"):
        _import(tmp_path, "sequential-phragmen")
    assert not Project.objects.exists() and not Proposal.objects.exists()
