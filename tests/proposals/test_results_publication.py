"""Budget results through HTTP: hidden until the organiser publishes them, recomputed when ballots change (the
beat task), frozen with their inputs, each voter's share explained, exports and the pabulib round trip."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from participe.actionlog.models import ActionLog
from participe.instances.scoping import in_instance
from participe.modules.proposals import importer, pabulib, publication, tasks
from participe.modules.proposals.forms import CollectSettingsForm
from participe.modules.proposals.models import Ballot, BallotItem, ResultRun
from participe.modules.proposals.results import compute
from participe.projects.models import Step
from participe.site.models import District
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


def _vote(instance, step, proposal, voter_email, make_account):
    voter = make_account(instance, voter_email)
    client = host_client("a.test", voter)
    assert client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}).status_code == 302
    return voter


@pytest.fixture
def budget(instance_a, make_account):
    """A budget of 9 000 € with two proposals: 6 000 € chosen by two voters, 3 000 € by one."""
    step = make_step(
        instance_a, vote={"type": "budget", "budget": "9000", "rule": "mes", "mes_increment": ""}
    )
    park = make_proposal(step, "Parc des Lilas", cost=6000)
    fountain = make_proposal(step, "Fontaine du marché", cost=3000)
    voters = [_vote(instance_a, step, park, f"v{n}@a.test", make_account) for n in range(2)]
    voters.append(_vote(instance_a, step, fountain, "v2@a.test", make_account))
    return step, park, fountain, voters


def _page(client, step, rule=""):
    return client.get(
        f"/proposals/step/{step.pk}/results/" + (f"?rule={rule}" if rule else "")
    ).content.decode()


def _run(instance, step):
    return _run_of(instance, step, "mes")


def _run_of(instance, step, rule):
    with in_instance(instance):
        return publication.latest(step, rule)


@pytest.mark.django_db
def test_results_are_hidden_from_the_public_until_published_and_shown_to_the_organiser(
    budget, instance_a, admin_a, participant_a
):
    step, park, _fountain, _voters = budget
    for client in (host_client("a.test"), host_client("a.test", participant_a)):
        page = _page(client, step)
        assert "Parc des Lilas" not in page and "publiés par l'organisateur" in page.replace("&#x27;", "'")
        assert client.get(f"/proposals/step/{step.pk}/export/results.csv").status_code == 404
        assert client.get(f"/proposals/step/{step.pk}/export/results.xlsx").status_code == 404
    not_yet = _page(host_client("a.test", admin_a), step)
    assert "Pas encore calculé" in not_yet and "Parc des Lilas" not in not_yet  # a GET computes nothing
    assert tasks.refresh_results() == 1  # the beat task
    organiser = _page(host_client("a.test", admin_a), step)
    assert "Parc des Lilas" in organiser and "Publier les résultats" in organiser
    assert "3 bulletins comptés" in organiser and "Pas encore publié" in organiser
    assert "La règle :" in organiser and "parts" in organiser  # the rule in plain words


@pytest.mark.django_db
def test_results_visible_during_the_vote_when_the_step_says_so(instance_a, make_account):
    step = make_step(
        instance_a, vote={"type": "budget", "budget": "100", "results_visible_during_vote": True}
    )
    proposal = make_proposal(step, "Jardin partagé", cost=40)
    _vote(instance_a, step, proposal, "v@a.test", make_account)
    assert "en cours de calcul" in _page(host_client("a.test"), step)
    tasks.refresh_results()
    page = _page(host_client("a.test"), step)
    assert "Jardin partagé" in page and "Résultats provisoires" in page


@pytest.mark.django_db
def test_the_setting_is_a_real_field_of_the_step_settings_form(instance_a):
    with in_instance(instance_a):
        form = CollectSettingsForm(
            data={
                "visibility": "public",
                "vote_type": "budget",
                "budget": "100",
                "rule": "greedy",
                "results_visible_during_vote": "on",
            },
            initial={},
        )
        assert form.is_valid(), form.errors
        assert form.to_settings()["vote"]["results_visible_during_vote"] is True
        unticked = CollectSettingsForm(data={"visibility": "public", "vote_type": "budget", "rule": "greedy"})
        assert unticked.is_valid(), unticked.errors
        assert unticked.to_settings()["vote"]["results_visible_during_vote"] is False
        again = CollectSettingsForm(initial={"vote": {"type": "budget", "results_visible_during_vote": True}})
        assert again.initial["results_visible_during_vote"] is True


@pytest.mark.django_db
def test_a_new_ballot_is_counted_by_the_next_refresh_and_only_then(budget, instance_a, admin_a, make_account):
    step, _park, fountain, _voters = budget
    organiser = host_client("a.test", admin_a)
    assert tasks.refresh_results() == 1  # the beat task asks, the job computes (at once in tests)
    first = _run(instance_a, step)
    assert first.ballots_counted == 3
    assert tasks.refresh_results() == 0  # nothing changed: no new computation
    _vote(instance_a, step, fountain, "late@a.test", make_account)
    page = _page(organiser, step)
    assert "3 bulletins comptés" in page and "nouveau résultat est en cours de calcul" in page
    assert tasks.refresh_results() == 1
    fresh = _run(instance_a, step)
    assert fresh.pk != first.pk and fresh.ballots_counted == 4 and fresh.ballots_hash != first.ballots_hash
    assert "4 bulletins comptés" in _page(organiser, step)
    with in_instance(instance_a):
        assert list(ResultRun.objects.filter(step=step)) == [fresh]  # the superseded result is gone
    assert tasks.refresh_results() == 0


@pytest.mark.django_db
def test_the_close_of_the_vote_is_seen_by_the_next_refresh(budget, instance_a, admin_a):
    step, *_rest = budget
    tasks.refresh_results()
    with in_instance(instance_a):
        ResultRun.objects.filter(step=step).update(requested_at=timezone.now() - timedelta(minutes=1))
        Step.objects.filter(pk=step.pk).update(ends_at=timezone.now() - timedelta(seconds=5))
    assert tasks.refresh_results() == 1  # computed before the close: once more, at the close
    assert tasks.refresh_results() == 0


@pytest.mark.django_db
def test_publication_is_for_the_organiser_with_a_csrf_token(budget, instance_a, admin_a, participant_a):
    step, *_rest = budget
    tasks.refresh_results()
    result_run = _run(instance_a, step)
    url = f"/proposals/step/{step.pk}/results/publish/"
    assert host_client("a.test", participant_a).post(url, {"run": result_run.pk}).status_code == 403
    assert host_client("a.test").post(url, {"run": result_run.pk}).status_code == 403
    strict = Client(HTTP_HOST="a.test", enforce_csrf_checks=True)
    strict.force_login(admin_a, backend="participe.accounts.backends.InstanceEmailBackend")
    assert strict.post(url, {"run": result_run.pk}).status_code == 403
    organiser = host_client("a.test", admin_a)
    assert organiser.get(url).status_code == 405
    for bad in ("", "abc", "99999999", "1" * 30):
        assert organiser.post(url, {"run": bad}).status_code == 400
    assert _run(instance_a, step).published_at is None


@pytest.mark.django_db
def test_published_results_are_public_frozen_and_checkable(budget, instance_a, admin_a, make_account):
    step, park, fountain, _voters = budget
    organiser = host_client("a.test", admin_a)
    tasks.refresh_results()
    result_run = _run(instance_a, step)
    response = organiser.post(
        f"/proposals/step/{step.pk}/results/publish/", {"run": result_run.pk}, follow=True
    )
    assert "Les résultats sont publiés" in response.content.decode()
    with in_instance(instance_a):
        logged = ActionLog.objects.get(action="proposals.results_published")
        assert logged.actor == admin_a and logged.details["run"] == result_run.pk
    public = _page(host_client("a.test"), step)
    assert (
        "Parc des Lilas" in public
        and "Fontaine du marché" in public
        and "9 000" in public.replace("\xa0", " ")
    )
    assert "Publier les résultats" not in public
    with in_instance(instance_a):
        result_run.refresh_from_db()
        assert result_run.ballots_hash == publication.ballots_snapshot(step)[1]
        assert result_run.vote_settings["rule"] == "mes" and publication.verify(result_run).ok
    checked = organiser.post(
        f"/proposals/step/{step.pk}/results/verify/", {"run": result_run.pk}, follow=True
    )
    assert "Vérifié" in checked.content.decode()
    # A ballot after the publication: the public keeps the published result, the check says what changed.
    _vote(instance_a, step, fountain, "late@a.test", make_account)
    tasks.refresh_results()
    assert "3 bulletins comptés" in _page(host_client("a.test"), step)
    with in_instance(instance_a):
        check = publication.verify(result_run)
        assert not check.same_ballots and check.ballots_counted == 4
    changed = organiser.post(
        f"/proposals/step/{step.pk}/results/verify/", {"run": result_run.pk}, follow=True
    )
    assert "Les bulletins ont changé" in changed.content.decode()


@pytest.mark.django_db
def test_each_voter_sees_how_their_share_was_spent_once_published(budget, instance_a, admin_a):
    step, park, fountain, voters = budget
    url = f"/proposals/step/{step.pk}/my-ballot/"
    assert "/accounts/login/" in host_client("a.test").get(url)["Location"]  # log in first
    before = host_client("a.test", voters[0]).get(url).content.decode()
    assert "Parc des Lilas" not in before and "Une fois les résultats publiés" in before
    organiser = host_client("a.test", admin_a)
    tasks.refresh_results()
    organiser.post(f"/proposals/step/{step.pk}/results/publish/", {"run": _run(instance_a, step).pk})
    mine = (
        host_client("a.test", voters[0]).get(url).content.decode().replace("\xa0", " ").replace("\u202f", " ")
    )
    # 9 000 € for 3 voters: 3 000 € each; the park (6 000 €) costs each of its two supporters 3 000 €.
    assert "une part de 3 000 €" in mine
    assert "Parc des Lilas" in mine and "Fontaine du marché" not in mine
    assert "Reste de votre part : 0 €" in mine or "Reste de votre part : 0 €" in mine
    theirs = host_client("a.test", voters[2]).get(url).content.decode()
    assert "Fontaine du marché" in theirs and "Parc des Lilas" not in theirs


@pytest.mark.django_db
def test_exports_of_the_published_result_and_the_pabulib_round_trip(
    budget, instance_a, instance_b, admin_a, tmp_path
):
    step, park, fountain, _voters = budget
    organiser = host_client("a.test", admin_a)
    tasks.refresh_results()
    organiser.post(f"/proposals/step/{step.pk}/results/publish/", {"run": _run(instance_a, step).pk})
    public = host_client("a.test")
    body = b"".join(public.get(f"/proposals/step/{step.pk}/export/results.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert {row["title"]: row["selected"] for row in rows} == {
        "Parc des Lilas": "1",
        "Fontaine du marché": "1",
    }
    xlsx = public.get(f"/proposals/step/{step.pk}/export/results.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (
        public.get(f"/proposals/step/{step.pk}/export/results.pb").status_code == 404
    )  # it holds the ballots
    pb = organiser.get(f"/proposals/step/{step.pk}/export/results.pb")
    assert pb.status_code == 200
    election = pabulib.parse(pb.content.decode())
    assert {key: project["selected"] for key, project in election.projects.items()} == {
        str(park.pk): "1",
        str(fountain.pk): "1",
    }
    path = tmp_path / "results.pb"
    path.write_bytes(pb.content)
    with in_instance(instance_b):
        imported = Step.objects.get(pk=importer.import_pabulib(path, instance_b)["step"])
        again = compute(imported)
    assert again["rule"] == "mes"  # the rule travels in the file
    winners = {w["source_id"] for district in again["districts"] for w in district["winners"]}
    assert winners == {str(park.pk), str(fountain.pk)}


@pytest.mark.django_db
def test_the_pabulib_result_is_refused_once_the_ballots_changed(budget, instance_a, admin_a, make_account):
    step, _park, fountain, _voters = budget
    organiser = host_client("a.test", admin_a)
    tasks.refresh_results()
    _vote(instance_a, step, fountain, "late@a.test", make_account)
    response = organiser.get(f"/proposals/step/{step.pk}/export/results.pb")
    assert response.status_code == 409 and "Les bulletins ont changé" in response.content.decode()


@pytest.mark.django_db
def test_a_lost_computation_is_asked_again(budget, instance_a):
    step, *_rest = budget
    with in_instance(instance_a):
        ResultRun.objects.create(
            instance=instance_a, step=step, rule="mes", requested_at=timezone.now() - timedelta(hours=1)
        )
    assert tasks.refresh_results() == 1
    assert _run(instance_a, step) is not None


@pytest.mark.django_db
def test_the_command_verifies_the_published_result(budget, instance_a, admin_a, make_account):
    step, _park, fountain, _voters = budget
    with pytest.raises(CommandError, match="no published result"):
        call_command("results", str(step.pk), "--instance", "a.test", "--verify")
    tasks.refresh_results()
    organiser = host_client("a.test", admin_a)
    organiser.post(f"/proposals/step/{step.pk}/results/publish/", {"run": _run(instance_a, step).pk})
    out = io.StringIO()
    call_command("results", str(step.pk), "--instance", "a.test", "--verify", stdout=out)
    report = json.loads(out.getvalue())
    assert report["same_ballots"] and report["same_winners"] and report["ballots_counted"]["now"] == 3
    _vote(instance_a, step, fountain, "late@a.test", make_account)
    with pytest.raises(CommandError, match="does not match"):
        call_command("results", str(step.pk), "--instance", "a.test", "--verify", stdout=io.StringIO())


@pytest.mark.django_db
def test_a_choice_withdrawn_after_the_result_does_not_break_the_share_page(budget, instance_a, admin_a):
    step, park, _fountain, voters = budget
    tasks.refresh_results()
    host_client("a.test", admin_a).post(
        f"/proposals/step/{step.pk}/results/publish/", {"run": _run(instance_a, step).pk}
    )
    with in_instance(instance_a):
        late = make_proposal(step, "Proposition retirée", cost=10)
        ballot = Ballot.objects.get(step=step, voter=voters[0])
        BallotItem.objects.create(instance=instance_a, ballot=ballot, proposal=late, cost=10)
    page = host_client("a.test", voters[0]).get(f"/proposals/step/{step.pk}/my-ballot/")
    assert page.status_code == 200 and "Parc des Lilas" in page.content.decode()


@pytest.mark.django_db
def test_only_the_steps_own_rule_is_published_and_never_while_secret(budget, instance_a, admin_a):
    step, *_rest = budget
    organiser = host_client("a.test", admin_a)
    assert (
        organiser.post(f"/proposals/step/{step.pk}/results/compute/", {"rule": "greedy"}).status_code == 302
    )
    with in_instance(instance_a):
        comparison = publication.latest(step, "greedy")
    assert comparison is not None
    refused = organiser.post(
        f"/proposals/step/{step.pk}/results/publish/", {"run": comparison.pk}, follow=True
    )
    assert "Seul le résultat de la règle de l'étape" in refused.content.decode().replace("&#x27;", "'")
    tasks.refresh_results()
    with in_instance(instance_a):
        own = publication.latest(step, "mes")
        Step.objects.filter(pk=step.pk).update(
            settings={
                **step.settings,
                "vote": {**step.settings["vote"], "secret_until": "2999-01-01T00:00:00+00:00"},
            }
        )
    secret = organiser.post(f"/proposals/step/{step.pk}/results/publish/", {"run": own.pk}, follow=True)
    assert "secrets jusqu'à la date" in secret.content.decode().replace("&#x27;", "'")
    with in_instance(instance_a):
        assert publication.published(step) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "expected"),
    [({"rule": "mes", "completion": "none"}, {"A"}), ({"rule": "greedy"}, {"A", "C"})],
)
def test_the_pabulib_round_trip_keeps_the_rule(
    rule, expected, instance_a, instance_b, admin_a, make_account, tmp_path
):
    """Equal shares without completion and greedy choose differently here: the file must carry the rule."""
    step = make_step(instance_a, vote={"type": "budget", "budget": "100", **rule})
    a, b, c = (make_proposal(step, title, cost=cost) for title, cost in (("A", 60), ("B", 40), ("C", 40)))
    for n, chosen in enumerate([[a, c], [a, c], [a], [b]]):
        voter = make_account(instance_a, f"r{n}@a.test")
        for proposal in chosen:
            host_client("a.test", voter).post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    tasks.refresh_results()
    organiser = host_client("a.test", admin_a)
    with in_instance(instance_a):
        own = publication.latest(step, rule["rule"])
    organiser.post(f"/proposals/step/{step.pk}/results/publish/", {"run": own.pk})
    titles = {row["id"]: row["title"] for row in own.payload["districts"][0]["ranking"]}
    assert {titles[w["id"]] for w in own.payload["districts"][0]["winners"]} == expected
    path = tmp_path / "round-trip.pb"
    path.write_bytes(organiser.get(f"/proposals/step/{step.pk}/export/results.pb").content)
    with in_instance(instance_b):
        again = compute(Step.objects.get(pk=importer.import_pabulib(path, instance_b)["step"]))
    assert {w["title"] for district in again["districts"] for w in district["winners"]} == expected


@pytest.mark.django_db
def test_a_district_envelope_exports_as_its_own_pabulib_file(
    instance_a, instance_b, admin_a, make_account, tmp_path
):
    with in_instance(instance_a):
        north = District.objects.create(instance=instance_a, name="Nord", slug="nord")
        south = District.objects.create(instance=instance_a, name="Sud", slug="sud")
    step = make_step(
        instance_a, vote={"type": "budget", "district_budgets": {str(north.pk): "100", str(south.pk): "50"}}
    )
    park = make_proposal(step, "Parc", cost=70, district=north)
    path_north = make_proposal(step, "Chemin", cost=40, district=north)
    square = make_proposal(step, "Square", cost=50, district=south)
    for n, chosen in enumerate([[park], [park, path_north], [square]]):
        voter = make_account(instance_a, f"d{n}@a.test")
        for proposal in chosen:
            host_client("a.test", voter).post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    tasks.refresh_results()
    organiser = host_client("a.test", admin_a)
    organiser.post(
        f"/proposals/step/{step.pk}/results/publish/", {"run": _run_of(instance_a, step, "greedy").pk}
    )
    url = f"/proposals/step/{step.pk}/export/results.pb"
    assert organiser.get(url).status_code == 400  # which envelope?
    assert organiser.get(url, {"district": "x"}).status_code == 400
    response = organiser.get(url, {"district": north.pk})
    election = pabulib.parse(response.content.decode())
    assert election.meta["subunit"] == "Nord" and election.meta["budget"] == "100"
    assert {project["name"]: project["selected"] for project in election.projects.values()} == {
        "Parc": "1",
        "Chemin": "0",
    }
    file = tmp_path / "nord.pb"
    file.write_bytes(response.content)
    with in_instance(instance_b):
        again = compute(Step.objects.get(pk=importer.import_pabulib(file, instance_b)["step"]))
    assert [w["title"] for district in again["districts"] for w in district["winners"]] == ["Parc"]


@pytest.mark.django_db
def test_amounts_follow_the_language_of_the_page(budget, instance_a, admin_a, settings):
    step, *_rest = budget
    tasks.refresh_results()
    client = host_client("a.test", admin_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/proposals/step/{step.pk}/results/").content.decode()
    assert "Budget used: 9,000 € of 9,000 €." in page and "from 3 counted ballots" in page
