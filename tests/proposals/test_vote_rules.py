"""The vote rule as data: edited through the step's settings form (over HTTP, in the back office), read back as a
`VoteRule`, set by the pabulib importer from a file's META; what the settings cannot represent is refused."""

import io
import json
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from participe.instances.scoping import in_instance
from participe.modules.proposals.importer import vote_from_meta
from participe.modules.proposals.models import BallotItem, Proposal
from participe.modules.proposals.rules import VoteRule
from participe.modules.proposals.step_settings import vote_settings
from participe.projects.models import Project, Step
from tests.conftest import host_client

from .conftest import make_step


@pytest.fixture
def client_admin(admin_a):
    return host_client("a.test", admin_a)


def _settings_url(step):
    return f"/admin/projects/project/step/{step.pk}/settings/"


BASE = {"visibility": "public", "vote_type": "budget", "budget": "1000", "rule": "greedy"}


def test_the_organiser_sets_the_whole_rule_through_the_settings_form(instance_a, client_admin):
    step = make_step(instance_a, vote={"type": "budget", "budget": "1000"})
    response = client_admin.post(_settings_url(step), {
        **BASE, "rule": "mes", "completion": "add1", "mes_increment": "0.5", "threshold": "4",
        "min_share_percent": "2.5", "fund_unsupported": "on", "ballot": "approval",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(instance_a):
        step.refresh_from_db()
    assert vote_settings(step).vote_rule == VoteRule(
        method="mes", completion="add1", min_score=4, min_share=Fraction(1, 40), increment=Fraction(1, 2),
        fund_unsupported=True,
    )
    assert vote_settings(step).rule == "mes"
    # The page shows the saved rule again.
    form = client_admin.get(_settings_url(step)).context["form"]
    assert form.initial["completion"] == "add1" and form.initial["min_share_percent"] == "2.5"
    assert form.initial["rule"] == "mes" and form.initial["fund_unsupported"] is True


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"ballot": "ordinal"}, "ballot", "« Classement »"),
        ({"ballot": "choose-1", "max_choices": "3"}, "ballot", "1"),
        ({"ballot": "cumulative"}, "ballot", "importé"),
        ({"min_share_percent": "120"}, "min_share_percent", "100"),
        ({"rule": "plus-de-voix"}, "rule", "plus-de-voix"),
    ],
)
def test_a_rule_the_vote_cannot_have_is_refused_in_french(instance_a, client_admin, data, field, message):
    step = make_step(instance_a, vote={"type": "budget", "budget": "1000"})
    response = client_admin.post(_settings_url(step), {**BASE, **data})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    with in_instance(instance_a):
        step.refresh_from_db()
    assert step.settings["vote"] == {"type": "budget", "budget": "1000"}


def test_a_ranking_vote_counts_ranking_points_and_an_imported_points_vote_keeps_its_ballots(instance_a, client_admin):
    ranking = make_step(instance_a, vote={"type": "none"}, slug="classement")
    assert client_admin.post(_settings_url(ranking), {**BASE, "vote_type": "ranking"}).status_code == 302
    with in_instance(instance_a):
        ranking.refresh_from_db()
    assert vote_settings(ranking).vote_rule.ballot_type == "ordinal"
    points = make_step(instance_a, vote={"type": "budget", "budget": "10", "ballot": "cumulative"}, slug="points")
    response = client_admin.post(_settings_url(points), {**BASE, "ballot": "cumulative", "max_sum_points": "10"})
    assert response.status_code == 302
    with in_instance(instance_a):
        points.refresh_from_db()
    assert vote_settings(points).vote_rule.ballot_type == "cumulative" and vote_settings(points).max_sum_points == 10


def test_steps_saved_before_rules_were_data_keep_their_meaning():
    class OldStep:
        settings = {"vote": {"type": "budget", "rule": "mes", "mes_increment": ""}}

    assert vote_settings(OldStep).vote_rule.completion == "utilitarian"
    OldStep.settings = {"vote": {"type": "budget", "rule": "mes"}}
    assert vote_settings(OldStep).vote_rule.completion == "add1-utilitarian"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"vote_type": "approval", "rule": "greedy-threshold", "min_project_score_threshold": "50", "max_length": "5"},
         {"type": "budget", "rule": "greedy", "threshold": 50, "max_choices": 5}),
        ({"vote_type": "choose-1", "rule": "greedy-no-skip", "min_length": "1", "max_length": "1"},
         {"type": "budget", "rule": "greedy-no-skip", "ballot": "choose-1", "max_choices": 1, "min_choices": 1}),
        ({"vote_type": "cumulative", "rule": "greedy", "max_points": "3", "max_sum_points": "7"},
         {"type": "budget", "rule": "greedy", "ballot": "cumulative", "max_points": 3, "max_sum_points": 7}),
        ({"vote_type": "ordinal", "rule": "greedy", "min_length": "3", "max_length": "3"},
         {"type": "ranking", "rule": "greedy", "ranking_size": 3, "min_choices": 3, "max_choices": 3}),
        ({"vote_type": "approval", "rule": "equalshares/add1"}, {"rule": "mes", "completion": "add1"}),
        ({"vote_type": "approval", "rule": "equalshares"}, {"rule": "mes", "completion": "none"}),
        ({"vote_type": "approval", "rule": "greedy", "max_sum_cost": "1000"}, {"rule": "greedy", "type": "budget"}),
    ],
)
def test_the_meta_of_a_file_becomes_the_steps_vote_settings(meta, expected):
    vote = vote_from_meta(meta, 1000, [])
    assert {k: vote.get(k) for k in expected} == expected
    assert vote["budget"] == "1000"


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"vote_type": "scoring"}, "scoring"),
        ({"rule": "sequential-phragmen"}, "sequential-phragmen"),
        ({"rule": "greedy-threshold"}, "min_project_score_threshold"),
        ({"min_sum_cost": "100"}, "min_sum_cost"),
        ({"max_sum_cost": "500"}, "max_sum_cost"),
        ({"vote_type": "choose-1", "max_length": "2"}, "choose-1"),
        ({"max_length": "trois"}, "max_length"),
    ],
)
def test_what_the_settings_cannot_represent_is_refused_by_name(meta, message):
    with pytest.raises(CommandError, match=message):
        vote_from_meta(meta, 1000, [])


SMALL = """META
key;value
description;Petit budget
unit;Testville
instance;2025
district;Nord
budget;100
vote_type;{vote_type}
rule;{rule}
PROJECTS
project_id;cost;votes;name
1;60;2;Un banc
2;50;1;Des arbres
VOTES
voter_id;vote;points
a;1,2;2,1
b;1;3
"""


def _import(tmp_path, instance, **meta):
    path = tmp_path / "small.pb"
    path.write_text(SMALL.format(**{"vote_type": "cumulative", "rule": "greedy", **meta}), encoding="utf-8")
    out = io.StringIO()
    call_command("import", "pabulib", str(path), "--instance", instance, stdout=out)
    return json.loads(out.getvalue())


def test_a_refused_file_creates_nothing(tmp_path, instance_a, scope_a):
    with pytest.raises(CommandError, match="scoring"):
        _import(tmp_path, "a.test", vote_type="scoring")
    assert not Project.objects.exists() and not Proposal.objects.exists()


def test_points_and_district_of_a_file_are_kept(tmp_path, instance_a, scope_a):
    summary = _import(tmp_path, "a.test")
    step = Step.objects.get(pk=summary["step"])
    assert sorted(BallotItem.objects.filter(ballot__step=step).values_list("points", flat=True)) == [1, 2, 3]
    proposals = {p.source_id: p for p in Proposal.objects.filter(step=step).select_related("district")}
    assert proposals["1"].ballot_points == 5 and proposals["2"].ballot_points == 1
    assert {p.district.name for p in proposals.values()} == {"Nord"}
    # Ranked by points (5 against 1), within 100: the bench only.
    out = io.StringIO()
    call_command("results", str(step.pk), "--instance", "a.test", stdout=out)
    result = json.loads(out.getvalue())
    assert [w["id"] for w in result["winners"]] == ["1"]
    assert result["vote_rule"]["ballot_type"] == "cumulative"


def test_a_malformed_file_is_a_clear_error(tmp_path, instance_a):
    path = tmp_path / "bad.pb"
    path.write_text("PROJECTS\nproject_id;cost\n1;abc\n", encoding="utf-8")
    with pytest.raises(CommandError, match="pabulib"):
        call_command("import", "pabulib", str(path), "--instance", "a.test", stdout=io.StringIO())


def test_the_rule_survives_an_export_and_a_new_import(tmp_path, instance_a, instance_b, scope_a):
    path = tmp_path / "small.pb"
    path.write_text(
        SMALL.format(vote_type="approval", rule="equalshares/add1").replace("rule;", "min_project_score_threshold;1\nrule;")
        .replace("voter_id;vote;points\na;1,2;2,1\nb;1;3", "voter_id;vote\na;1,2\nb;1"),
        encoding="utf-8",
    )
    summary = json.loads(_call("import", "pabulib", str(path), "--instance", "a.test"))
    step = Step.objects.get(pk=summary["step"])
    exported = tmp_path / "exported.pb"
    exported.write_text(_call("results", str(step.pk), "--instance", "a.test", "--format", "pb"), encoding="utf-8")
    assert "rule;equalshares/add1" in exported.read_text(encoding="utf-8")
    again = json.loads(_call("import", "pabulib", str(exported), "--instance", "b.test"))
    with in_instance(instance_b):
        copy = Step.objects.get(pk=again["step"])
    assert vote_settings(copy).vote_rule == vote_settings(step).vote_rule == VoteRule(
        method="mes", completion="add1", min_score=1
    )


def _call(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
