"""Benchmark of the proposals module on Toulouse's 2024 participatory budget (183 projects, 7,260 ballots).

    .venv/bin/python bench/proposals.py [--rounds 3] [--duration 10] [--connections 16]

Uses the shared runner (bench/runner.py): PostgreSQL, the production server on loopback, wrk, and
the baselines measured in the same run, interleaved. Two scenarios:
- proposals-list: the budget step's proposal list (50 per page, anonymous) against `hello`;
  target ≥ 0.3×.
- proposals-vote: budget ballot changes (add, then remove, one proposal each) by 200 logged-in
  participants in turn, JSON answers, row lock and check after the lock, against `raw-insert`;
  target ≥ 0.5×.
For context it also measures `raw-insert-member`, the same insert by signed-in participants (session,
account, CSRF check): how much of a ballot change's cost any member's write pays before its own work.
The data are imported once with `participe import pabulib` (idempotent).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import runner  # noqa: E402
from bench.scenarios import Scenario, lua_sessions, register  # noqa: E402

TOULOUSE = ROOT.parent / "shared" / "data" / "pabulib" / "France_Toulouse_2024.pb"

LIST_LUA = 'wrk.headers["Host"] = "{host}"\nwrk.path = "{list_path}"\n'

VOTE_LUA = """
local sessions = {{{sessions}}}
local proposals = {{{proposals}}}
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7919) end
function init(args) counter = tonumber(offset) or 0 end
function request()
  counter = counter + 1
  local who = (counter % #sessions) + 1
  local session = sessions[who]
  local action = (math.floor(counter / #sessions) % 2 == 0) and "add" or "remove"
  return wrk.format("POST", "{vote_path}", {{
    ["Host"] = "{host}",
    ["Cookie"] = "sessionid=" .. session[1] .. "; csrftoken=" .. session[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }}, "proposal=" .. proposals[(who % #proposals) + 1] .. "&action=" .. action .. "&csrfmiddlewaretoken=" .. session[2])
end
"""


def _budget_step(setup):
    from participe.instances.scoping import in_instance
    from participe.modules.proposals.importer import import_pabulib

    with in_instance(setup.instance):
        return import_pabulib(str(TOULOUSE), setup.instance)["step"]


def prepare_list(setup):
    return {"list_path": f"/proposals/step/{_budget_step(setup)}/?sort=votes"}


def _empty_bench_ballots(step_id):
    """Each run starts from empty ballots (an earlier run may have stopped between an add and its removal),
    emptied through the service so that the counters stay right."""
    from participe.modules.proposals import ballots
    from participe.modules.proposals.models import BallotItem
    from participe.projects.models import Step

    step = Step.objects.get(pk=step_id)
    for item in BallotItem.objects.filter(ballot__step=step, ballot__voter__email__startswith="bench-").select_related("ballot__voter", "proposal"):
        ballots.remove(item.ballot.voter, step, item.proposal)


def vote_data(setup):
    """200 signed-in participants with empty ballots, the 50 cheapest proposals and the ballot's URL."""
    from participe.instances.scoping import in_instance
    from participe.modules.proposals.models import Proposal

    step = _budget_step(setup)
    sessions = setup.logged_in_participants(200)
    with in_instance(setup.instance):
        proposals = list(Proposal.objects.filter(step_id=step).order_by("estimated_cost").values_list("pk", flat=True)[:50])
        _empty_bench_ballots(step)
    return sessions, proposals, f"/proposals/step/{step}/ballot/"


def prepare_vote(setup):
    sessions, proposals, vote_path = vote_data(setup)
    return {
        "sessions": lua_sessions(sessions),
        "proposals": ", ".join(str(pk) for pk in proposals),
        "vote_path": vote_path,
    }


register(Scenario("proposals-list", "GET", "/", "budget proposal list, 50 per page", lua=LIST_LUA, prepare=prepare_list))
register(
    Scenario(
        "proposals-vote", "POST", "/", "budget ballot add/remove by 200 participants", baseline="raw-insert",
        lua=VOTE_LUA, prepare=prepare_vote,
    )
)

TARGETS = {"proposals-list": 0.3, "proposals-vote": 0.5}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    summary = runner.main(["proposals-list", "proposals-vote", "raw-insert-member", *argv])
    print()
    for name, target in TARGETS.items():
        ratio = (summary.get(name) or {}).get("ratio")
        verdict = "?" if ratio is None else ("ok" if ratio >= target else "below target")
        shown = "n/a" if ratio is None else f"{ratio:.2f}"
        print(f"{name}: {shown}× its baseline (target ≥ {target}×) — {verdict}")
    member, vote = summary.get("raw-insert-member"), summary.get("proposals-vote")
    if member and vote and member["rps"]:
        print(f"context: the raw insert by signed-in participants = {member['ratio']:.2f}× raw-insert;"
              f" the ballot change = {vote['rps'] / member['rps']:.2f}× that")


if __name__ == "__main__":
    main()
