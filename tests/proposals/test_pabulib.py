"""The pabulib format: parse, write back, and errors."""

import pytest

from participe.modules.proposals import pabulib

SMALL = """META
key;value
description;Test
budget;100
vote_type;approval
PROJECTS
project_id;cost;votes;name;category;district
1;60;2;Un banc;Cadre de vie;Nord
2;50;1;Des arbres;Nature;Sud
VOTES
voter_id;vote
a;1,2
b;1
"""


def test_parse_reads_meta_projects_and_votes():
    election = pabulib.parse(SMALL)
    assert election.budget == 100
    assert election.projects["2"]["name"] == "Des arbres"
    assert election.votes["a"]["vote"] == ["1", "2"]


def test_dump_then_parse_gives_the_same_election():
    election = pabulib.parse(SMALL)
    again = pabulib.parse(pabulib.dump(election))
    assert again.meta == election.meta
    assert again.projects == election.projects
    assert again.votes == election.votes


@pytest.mark.parametrize(
    "text",
    ["PROJECTS\nproject_id;cost\n1;abc\n", "META\nkey;value\n", SMALL.replace("a;1,2", "a;1,9")],
)
def test_malformed_files_are_refused(text):
    with pytest.raises(pabulib.PabulibError):
        pabulib.parse(text)
