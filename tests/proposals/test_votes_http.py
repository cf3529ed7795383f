"""Each vote type through HTTP: plain forms (no JavaScript) and JSON (the enhanced page)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Ballot, BallotItem, PaperCount, Proposal
from participe.modules.proposals.results import compute
from participe.modules.proposals.tasks import refresh_results
from participe.projects.models import Step
from participe.votes import tallies
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step

JSON = {"HTTP_ACCEPT": "application/json"}


def _refresh(instance, proposal):
    with in_instance(instance):
        return Proposal.objects.get(pk=proposal.pk)


@pytest.mark.django_db
def test_support_vote_without_and_with_javascript(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "support"})
    proposal = make_proposal(step)
    client = host_client("a.test", participant_a)
    page = client.get(f"/proposals/step/{step.pk}/")
    assert page.status_code == 200 and b"Des bancs publics" in page.content
    url = f"/votes/{ContentType.objects.get_for_model(Proposal).pk}/{proposal.pk}/"
    response = client.post(url, {"value": "1", "next": f"/proposals/step/{step.pk}/"})
    assert response.status_code == 302
    assert _refresh(instance_a, proposal).votes_total == 1
    response = client.post(url, {"withdraw": "1"}, **JSON)
    assert response.status_code == 200 and response.json()["value"] is None
    assert _refresh(instance_a, proposal).votes_total == 0


@pytest.mark.django_db
def test_budget_vote_refuses_what_does_not_fit_without_and_with_javascript(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    bench, trees, path = (make_proposal(step, t, cost=c) for t, c in [("Bancs", 60), ("Arbres", 50), ("Chemin", 40)])
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    response = client.post(url, {"proposal": bench.pk, "action": "add"})
    assert response.status_code == 302
    response = client.post(url, {"proposal": trees.pk, "action": "add"}, **JSON)
    assert response.status_code == 409 and "budget" in response.json()["message"]
    response = client.post(url, {"proposal": path.pk, "action": "add"}, **JSON)
    assert response.status_code == 200 and response.json()["spent"] == "100.00"
    assert _refresh(instance_a, bench).ballot_votes == 1
    assert _refresh(instance_a, trees).ballot_votes == 0
    # Removing frees the budget; the page shows what is left.
    removed = client.post(url, {"proposal": path.pk, "action": "remove"}, **JSON)
    assert removed.status_code == 200 and removed.json()["spent"] == "60.00"
    assert _refresh(instance_a, path).ballot_votes == 0 and _refresh(instance_a, bench).ballot_votes == 1
    with in_instance(instance_a):
        ballot = Ballot.objects.get(step=step, voter=participant_a)
        assert (ballot.items_count, ballot.total_cost) == (1, 60)
    page = client.get(f"/proposals/step/{step.pk}/")
    assert b"Remove from my ballot" in page.content or b"Retirer" in page.content


@pytest.mark.django_db
def test_budget_envelopes_per_district(instance_a, participant_a):
    from participe.site.models import District

    with in_instance(instance_a):
        north = District.objects.create(name="Nord", slug="nord")
        south = District.objects.create(name="Sud", slug="sud")
    step = make_step(instance_a, vote={"type": "budget", "district_budgets": {str(north.pk): "50", str(south.pk): "80"}})
    a = make_proposal(step, "Nord 1", cost=50, district=north)
    b = make_proposal(step, "Sud 1", cost=80, district=south)
    c = make_proposal(step, "Nord 2", cost=10, district=north)
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    assert client.post(url, {"proposal": a.pk}, **JSON).status_code == 200
    assert client.post(url, {"proposal": b.pk}, **JSON).status_code == 200
    assert client.post(url, {"proposal": c.pk}, **JSON).status_code == 409
    with in_instance(instance_a):
        assert Ballot.objects.filter(step=step, voter=participant_a).count() == 2


@pytest.mark.django_db
def test_limited_vote_keeps_ballots_below_the_minimum_uncounted(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "limited", "max_choices": 2, "min_choices": 2})
    p1, p2, p3 = (make_proposal(step, f"Idée {n}") for n in range(3))
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    first = client.post(url, {"proposal": p1.pk}, **JSON).json()
    assert first["counted"] is False and "au moins 2 propositions." in first["message"]
    assert _refresh(instance_a, p1).ballot_votes == 0
    assert client.post(url, {"proposal": p2.pk}, **JSON).json()["counted"] is True
    assert _refresh(instance_a, p1).ballot_votes == 1 and _refresh(instance_a, p2).ballot_votes == 1
    assert client.post(url, {"proposal": p3.pk}, **JSON).status_code == 409
    client.post(url, {"proposal": p2.pk, "action": "remove"})
    assert _refresh(instance_a, p1).ballot_votes == 0


@pytest.mark.django_db
def test_a_ballot_add_is_refused_for_a_proposal_outside_the_step_and_a_removal_accepted(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "limited", "max_choices": 3, "min_choices": 1})
    other_step = make_step(instance_a, vote={"type": "limited", "max_choices": 3}, slug="autre")
    mine, elsewhere = make_proposal(step, "Ici"), make_proposal(other_step, "Ailleurs")
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    refused = client.post(url, {"proposal": elsewhere.pk}, **JSON)
    assert refused.status_code == 409 and "ne fait pas partie" in refused.json()["message"]
    assert client.post(url, {"proposal": "99999999999"}, **JSON).status_code == 409
    assert client.post(url, {"proposal": "12abc"}, **JSON).status_code == 400
    assert client.post(url, {"proposal": mine.pk}, **JSON).json()["counted"] is True
    removed = client.post(url, {"proposal": mine.pk, "action": "remove"}, **JSON).json()
    assert removed["counted"] is False and "au moins 1 proposition." in removed["message"]
    assert client.post(url, {"proposal": "99999999999", "action": "remove"}, **JSON).status_code == 400


@pytest.mark.django_db
def test_ranking_vote_by_one_form(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "ranking", "ranking_size": 3})
    p1, p2, p3 = (make_proposal(step, f"Idée {n}") for n in range(3))
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ranking/"
    response = client.post(url, {"rank_1": p3.pk, "rank_2": p1.pk})
    assert response.status_code == 302
    assert _refresh(instance_a, p3).ballot_points == 3 and _refresh(instance_a, p1).ballot_points == 2
    response = client.post(url, {"rank_1": p1.pk, "rank_2": p1.pk}, **JSON)
    assert response.status_code == 409
    response = client.post(url, {"rank_1": p2.pk}, **JSON)
    assert response.status_code == 200
    assert _refresh(instance_a, p3).ballot_points == 0 and _refresh(instance_a, p2).ballot_points == 3
    page = client.get(f"/proposals/step/{step.pk}/")
    assert page.status_code == 200 and b'name="rank_1"' in page.content


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_and_closed_step_refuses(instance_a, participant_a, client_a):
    from datetime import timedelta

    from django.utils import timezone

    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    proposal = make_proposal(step, cost=10)
    response = client_a.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    assert response.status_code == 302 and "login" in response["Location"]
    with in_instance(instance_a):
        step.starts_at = timezone.now() - timedelta(days=2)
        step.ends_at = timezone.now() - timedelta(days=1)
        step.save()
    client = host_client("a.test", participant_a)
    assert client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}, **JSON).status_code == 403


@pytest.mark.django_db
def test_step_requirements_are_asked_before_voting(instance_a, make_account):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    with in_instance(instance_a):
        step.requirements = ["zip_code"]
        step.save()
    proposal = make_proposal(step, cost=10)
    voter = make_account(instance_a, "sans-cp@a.test")
    response = host_client("a.test", voter).post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    assert response.status_code == 302 and "requirements" in response["Location"] or "conditions" in response["Location"]
    assert _refresh(instance_a, proposal).ballot_votes == 0


@pytest.mark.django_db
def test_secret_counts_are_hidden_from_everyone_even_admins(instance_a, admin_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100", "secret_until": "2999-01-01T00:00:00+00:00"})
    make_proposal(step, "Projet secret", cost=10)
    client = host_client("a.test", admin_a)
    page = client.get(f"/proposals/step/{step.pk}/results/")
    assert page.status_code == 200 and b"Projet secret" not in page.content
    assert client.get(f"/proposals/step/{step.pk}/export/results.csv").status_code == 404
    listing = client.get(f"/proposals/step/{step.pk}/")
    assert b"0 vote" not in listing.content


@pytest.mark.django_db
def test_paper_votes_are_entered_by_staff_and_counted(instance_a, admin_a, participant_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    proposal = make_proposal(step, cost=10)
    assert host_client("a.test", participant_a).get(f"/proposals/step/{step.pk}/paper/").status_code == 403
    client = host_client("a.test", admin_a)
    bad = client.post(f"/proposals/step/{step.pk}/paper/", {f"paper_{proposal.pk}": "douze"})
    assert bad.status_code == 400 and b"douze" in bad.content
    assert client.post(f"/proposals/step/{step.pk}/paper/", {f"paper_{proposal.pk}": "12"}).status_code == 302
    with in_instance(instance_a):
        assert PaperCount.objects.get(step=step, proposal=proposal).votes == 12
        assert compute(step, "greedy")["districts"][0]["winners"][0]["votes"] == 12


@pytest.mark.django_db
def test_mediator_records_a_vote_with_consent(instance_a, make_account):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    proposal = make_proposal(step, cost=30)
    mediator = make_account(instance_a, "mediatrice@a.test", is_mediator=True)
    client = host_client("a.test", mediator)
    missing = client.post(f"/proposals/step/{step.pk}/mediate/", {"display_name": "Mme Martin", "proposals": [proposal.pk]})
    assert missing.status_code == 400 and b"Mme Martin" in missing.content
    response = client.post(
        f"/proposals/step/{step.pk}/mediate/",
        {"display_name": "Mme Martin", "consent": "on", "consent_details": "À la mairie, oralement",
         "proposals": [proposal.pk]},
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        ballot = Ballot.objects.get(step=step, mediated_by=mediator)
        assert ballot.consent == "À la mairie, oralement" and ballot.is_counted
    assert _refresh(instance_a, proposal).ballot_votes == 1


@pytest.mark.django_db
def test_results_page_explains_the_rule_and_exports(instance_a, participant_a, make_account):
    step = make_step(
        instance_a, vote={"type": "budget", "budget": "100", "mes_increment": "", "results_visible_during_vote": True}
    )
    a, b = make_proposal(step, "Aire de jeux", cost=60), make_proposal(step, "Fontaine", cost=50)
    for n, chosen in enumerate([a, a, b]):
        voter = make_account(instance_a, f"v{n}@a.test")
        host_client("a.test", voter).post(f"/proposals/step/{step.pk}/ballot/", {"proposal": chosen.pk})
    refresh_results()  # the beat task computes the step's result
    client = host_client("a.test", participant_a)
    greedy = client.get(f"/proposals/step/{step.pk}/results/?rule=greedy")
    assert greedy.status_code == 200 and b"Aire de jeux" in greedy.content
    client_admin = host_client("a.test", make_account(instance_a, "adm@a.test", is_instance_admin=True))
    assert client_admin.post(f"/proposals/step/{step.pk}/results/compute/", {"rule": "mes"}).status_code == 302
    mes = client_admin.get(f"/proposals/step/{step.pk}/results/?rule=mes")
    assert b"Aire de jeux" in mes.content and b"share" in mes.content or b"part" in mes.content
    csv_body = b"".join(client_admin.get(f"/proposals/step/{step.pk}/export/ballots.csv").streaming_content).decode()
    assert "ballot" in csv_body and "v0@a.test" not in csv_body and str(participant_a.pk) not in csv_body.split("\n")[0]
    xlsx = client.get(f"/proposals/step/{step.pk}/export/results.xlsx?rule=greedy")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pb = client_admin.get(f"/proposals/step/{step.pk}/export/election.pb")  # ballots: staff only
    assert b"VOTES" in pb.content


@pytest.mark.django_db
def test_a_step_of_another_instance_is_not_found(instance_a, instance_b, participant_a):
    step_b = make_step(instance_b, vote={"type": "budget", "budget": "100"})
    proposal_b = make_proposal(step_b, cost=10)
    client = host_client("a.test", participant_a)
    assert client.get(f"/proposals/step/{step_b.pk}/").status_code == 404
    assert client.get(f"/proposals/{proposal_b.pk}/").status_code == 404
    assert client.post(f"/proposals/step/{step_b.pk}/ballot/", {"proposal": proposal_b.pk}).status_code == 404


@pytest.mark.django_db
def test_ballot_of_an_unconfirmed_account_counts_once_confirmed(instance_a, make_account):
    from django.utils import timezone

    from participe.accounts.signals import email_confirmed

    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    proposal = make_proposal(step, cost=10)
    voter = make_account(instance_a, "pas-encore@a.test", confirmed=False)
    host_client("a.test", voter).post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    assert _refresh(instance_a, proposal).ballot_votes == 0
    with in_instance(instance_a):
        voter.email_confirmed_at = timezone.now()
        voter.save()
        email_confirmed.send(sender=type(voter), user=voter)
    assert _refresh(instance_a, proposal).ballot_votes == 1


def test_step_settings_form_round_trips_the_nested_settings():
    from participe.modules.proposals.forms import CollectSettingsForm
    from participe.modules.proposals.step_settings import collect_settings, vote_settings

    form = CollectSettingsForm(
        {"visibility": "private", "vote_type": "budget", "budget": "1000", "district_budgets": "3 = 250\n4=100",
         "rule": "mes", "estimated_cost_enabled": "on", "estimated_cost_required": "on", "estimated_cost_help": "TTC"},
        initial={"source": {"format": "pabulib"}},
    )
    assert form.is_valid(), form.errors
    settings = form.to_settings()

    class FakeStep:
        pass

    step = FakeStep()
    step.settings = settings
    assert vote_settings(step).district_budgets == {3: 250, 4: 100} and vote_settings(step).rule == "mes"
    assert collect_settings(step).is_private and collect_settings(step).field("estimated_cost").required
    assert settings["source"] == {"format": "pabulib"}
    again = CollectSettingsForm(initial=settings)
    assert again.initial["vote_type"] == "budget" and again.initial["estimated_cost_help"] == "TTC"
    bad = CollectSettingsForm({"visibility": "public", "vote_type": "budget", "rule": "greedy", "district_budgets": "Nord: 12"})
    assert not bad.is_valid() and "district_budgets" in bad.errors


def _assert_counters_match_the_items(instance, step):
    """Every counter a ballot change moves equals what the ballot items say (no drift, either path)."""
    with in_instance(instance):
        for ballot in Ballot.objects.filter(step=step):
            items = list(ballot.items.all())
            assert ballot.items_count == len(items)
            assert ballot.total_cost == sum((item.cost for item in items), 0)
        counted = BallotItem.objects.filter(ballot__step=step, ballot__is_counted=True)
        for proposal in Proposal.objects.filter(step=step):
            assert proposal.ballot_votes == counted.filter(proposal=proposal).count(), proposal.title
        counted_ballots = Ballot.objects.filter(step=step, is_counted=True).count()
    tallies.recount()  # the step's and project's totals: the minute's recount, never a ballot
    with in_instance(instance):
        step = Step.objects.select_related("project").get(pk=step.pk)
        assert step.votes_count == step.project.votes_count == counted_ballots


@pytest.mark.django_db
def test_budget_changes_keep_every_counter_equal_to_the_ballots(instance_a, participant_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100", "min_choices": 2})
    a, b, c, d = (make_proposal(step, t, cost=cost) for t, cost in [("A", 30), ("B", 30), ("C", 30), ("D", 20)])
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"

    def post(proposal, action="add"):
        response = client.post(url, {"proposal": proposal.pk, "action": action}, **JSON)
        _assert_counters_match_the_items(instance_a, step)
        return response

    assert post(a).json()["counted"] is False  # below the minimum: kept, not counted
    assert post(b).json()["counted"] is True  # the minimum reached: both count
    again = post(b)
    assert again.status_code == 200 and again.json()["message"] == "Cette proposition est déjà dans votre bulletin."
    assert post(c).json()["spent"] == "90.00"
    refused = post(d)
    assert refused.status_code == 409 and "10.00" in refused.json()["message"]
    absent = post(d, "remove")
    assert absent.status_code == 200 and absent.json()["spent"] == "90.00"
    assert post(c, "remove").json()["spent"] == "60.00"
    assert post(d).json()["spent"] == "80.00"
    assert post(a, "remove").json()["counted"] is True
    assert post(b, "remove").json()["counted"] is False  # below the minimum again: D no longer counts
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=d.pk).ballot_votes == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_each_budget_change_writes_only_after_the_lock_even_when_the_ballot_starts_or_stops_counting(
    instance_a, participant_a
):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    first, second = make_proposal(step, "A", cost=10), make_proposal(step, "B", cost=10)
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    # Starts counting, counts before and after, twice, then stops counting.
    for proposal, action in ((first, "add"), (second, "add"), (second, "remove"), (first, "remove")):
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, {"proposal": proposal.pk, "action": action}, **JSON).status_code == 200
        statements = [query["sql"] for query in queries.captured_queries]
        # The ballot's lock (taken again after the ballot's creation on the first change), then the checks and writes.
        locked = max(n for n, sql in enumerate(statements) if sql.startswith("SELECT") and sql.endswith("FOR UPDATE"))
        writes = [n for n, sql in enumerate(statements) if sql.startswith(("UPDATE", "DELETE", 'INSERT INTO "proposals_ballotitem"'))]
        assert writes and min(writes) > locked, statements
        _assert_counters_match_the_items(instance_a, step)
