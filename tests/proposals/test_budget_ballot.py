"""The budget ballot that guides, through HTTP without JavaScript: the sticky summary (progress, what is spent
and left in French number format, the chosen projects with remove buttons, the state sentence), cards whose
button is disabled with the reason when the project does not fit, the review screen and the confirmation.
"""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Ballot, Proposal
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

JSON = {"HTTP_ACCEPT": "application/json"}


def _page(client, step, query=""):
    response = client.get(f"/proposals/step/{step.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _ballot(instance, step, voter):
    with in_instance(instance):
        return Ballot.objects.filter(step=step, voter=voter).first()


@pytest.fixture
def vote(instance_a):
    step = make_step(
        instance_a, vote={"type": "budget", "budget": "50000", "min_choices": 2, "confirm": True}
    )
    proposals = [
        make_proposal(step, title, cost=cost)
        for title, cost in [("Jardin partagé", 20000), ("Bancs publics", 17500), ("Aire de jeux", 30000)]
    ]
    return step, proposals


@pytest.mark.django_db
def test_the_summary_guides_the_voter_without_javascript(instance_a, participant_a, vote):
    step, (garden, benches, playground) = vote
    client = host_client("a.test", participant_a)
    page = _page(client, step)
    assert "Mon vote" in page and "0 € dépensés sur 50\xa0000 €" in page
    assert 'class="progress__bar ballot-progress" max="100" value="0"' in page
    assert "Il vous reste à choisir au moins 2 projets." in page
    assert '<details class="disclosure proposal-filters-disclosure"><summary>Filtrer</summary>' in page

    url = f"/proposals/step/{step.pk}/ballot/"
    back = f"/proposals/step/{step.pk}/"
    response = client.post(url, {"proposal": garden.pk, "action": "add", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    page = _page(client, step)
    assert "20\xa0000 € dépensés sur 50\xa0000 €" in page and 'value="40"' in page
    assert "30\xa0000 €</dd>" in page  # left
    assert "Il vous reste à choisir au moins 1 projet." in page
    # The chosen project is listed in the summary with its own remove form.
    assert (
        f'<input type="hidden" name="proposal" value="{garden.pk}"><input type="hidden" name="action" value="remove">'
        in page
    )
    # 30 000 € fit exactly in the 30 000 € left; after the benches (17 500 €) they no longer do.
    assert f'aria-describedby="ballot-why-{playground.pk}"' not in page
    client.post(url, {"proposal": benches.pk, "action": "add", "next": back})
    page = _page(client, step)
    assert "12\xa0500 €</dd>" in page
    assert f'disabled aria-describedby="ballot-why-{playground.pk}"' in page
    assert "Dépasse l’enveloppe" in page or "Dépasse l&#x27;enveloppe" in page
    assert (
        "Votre sélection est complète : vérifiez-la et confirmez votre vote pour qu&#x27;il compte." in page
    )
    assert "Vérifier et confirmer mon vote" in page
    ballot = _ballot(instance_a, step, participant_a)
    assert ballot.items_count == 2 and not ballot.is_counted  # complete, not yet confirmed


@pytest.mark.django_db
def test_adding_over_the_envelope_is_refused_with_a_translated_message(instance_a, participant_a, vote):
    step, (garden, benches, playground) = vote
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/ballot/"
    for proposal in (garden, benches):
        client.post(url, {"proposal": proposal.pk})
    response = client.post(
        url, {"proposal": playground.pk, "next": f"/proposals/step/{step.pk}/"}, follow=True
    )
    assert response.redirect_chain[0][1] == 302
    assert "ne tient pas dans votre budget" in response.content.decode()
    refused = client.post(url, {"proposal": playground.pk}, **JSON)
    assert refused.status_code == 409 and "ne tient pas dans votre budget" in refused.json()["message"]
    ballot = _ballot(instance_a, step, participant_a)
    assert ballot.total_cost == 37500 and ballot.items_count == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [{"proposal": "abc"}, {"proposal": "-3"}, {"proposal": ""}, {"proposal": "1", "action": "drop"}],
)
def test_tampered_ballot_forms_get_a_400(instance_a, participant_a, vote, fields):
    step, _proposals = vote
    response = host_client("a.test", participant_a).post(f"/proposals/step/{step.pk}/ballot/", fields)
    assert response.status_code == 400
    assert "Cette proposition n&#x27;existe pas." in response.content.decode()
    assert _ballot(instance_a, step, participant_a) is None


@pytest.mark.django_db
def test_another_instances_proposal_or_step_is_not_found(instance_a, instance_b, participant_a, vote):
    step, _proposals = vote
    step_b = make_step(instance_b, vote={"type": "budget", "budget": "50000", "confirm": True})
    foreign = make_proposal(step_b, "Ailleurs", cost=10)
    client = host_client("a.test", participant_a)
    for path in ("ballot/", "ballot/confirm/"):
        assert client.post(f"/proposals/step/{step_b.pk}/{path}", {"proposal": foreign.pk}).status_code == 404
    assert client.get(f"/proposals/step/{step_b.pk}/ballot/review/").status_code == 404
    # Posted to this instance's step, the other instance's proposal is refused like one that does not exist.
    refused = client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": foreign.pk}, **JSON)
    assert refused.status_code == 409
    with in_instance(instance_b):
        assert Proposal.objects.get(pk=foreign.pk).ballot_votes == 0
    assert _ballot(instance_a, step, participant_a) is None  # refused before any ballot was opened


@pytest.mark.django_db
def test_review_then_confirm_makes_the_ballot_count(instance_a, participant_a, vote):
    step, (garden, benches, playground) = vote
    client = host_client("a.test", participant_a)
    review_url = f"/proposals/step/{step.pk}/ballot/review/"
    confirm_url = f"/proposals/step/{step.pk}/ballot/confirm/"
    client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": garden.pk})
    # Incomplete: the review screen says what is missing and offers no confirmation; a forced one is refused.
    page = client.get(review_url).content.decode()
    assert "Il vous reste à choisir au moins 1 projet." in page and "Confirmer mon vote" not in page
    refused = client.post(confirm_url, follow=True)
    assert "Choisissez encore au moins 1 projet." in refused.content.decode()
    assert _ballot(instance_a, step, participant_a).confirmed_at is None

    client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": benches.pk})
    page = client.get(review_url).content.decode()
    assert "Jardin partagé" in page and "Bancs publics" in page and "Aire de jeux" not in page
    assert "37\xa0500 €" in page and "Modifier" in page and "Confirmer mon vote" in page
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=garden.pk).ballot_votes == 0  # not counted before the confirmation

    response = client.post(confirm_url)
    assert response.status_code == 302 and response["Location"] == review_url
    page = client.get(review_url).content.decode()
    assert "Votre vote est confirmé : il compte." in page and "Votre vote compte." in page
    assert "vous pouvez encore le modifier" in page and "Confirmer mon vote" not in page
    ballot = _ballot(instance_a, step, participant_a)
    assert ballot.confirmed_at is not None and ballot.is_counted
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=garden.pk).ballot_votes == 1

    # Changed while open: counts at once, and stops counting below the minimum.
    removed = client.post(
        f"/proposals/step/{step.pk}/ballot/", {"proposal": benches.pk, "action": "remove"}, **JSON
    )
    assert removed.json()["counted"] is False
    assert removed.json()["ballot"]["state"] == "missing"
    added = client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": playground.pk}, **JSON).json()
    assert added["counted"] is True and added["ballot"]["state"] == "counts"
    assert (
        added["ballot"]["envelopes"][0]["spent"] == "50000" and added["ballot"]["envelopes"][0]["left"] == "0"
    )


@pytest.mark.django_db
def test_a_step_without_confirmation_counts_at_once_and_its_review_has_no_confirm_button(
    instance_a, participant_a
):
    step = make_step(instance_a, vote={"type": "budget", "budget": "100"})
    proposal = make_proposal(step, "Bancs", cost=60)
    client = host_client("a.test", participant_a)
    assert client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}, **JSON).json()[
        "counted"
    ]
    page = client.get(f"/proposals/step/{step.pk}/ballot/review/").content.decode()
    assert "Votre vote compte." in page and "Confirmer mon vote" not in page
    assert (
        client.post(f"/proposals/step/{step.pk}/ballot/confirm/").status_code == 302
    )  # nothing left to confirm


@pytest.mark.django_db
def test_per_district_envelopes_each_show_their_own_progress(instance_a, participant_a):
    from participe.site.models import District

    with in_instance(instance_a):
        north = District.objects.create(name="Nord", slug="nord")
        south = District.objects.create(name="Sud", slug="sud")
    step = make_step(
        instance_a,
        vote={
            "type": "budget",
            "district_budgets": {str(north.pk): "1000", str(south.pk): "2000"},
            "confirm": True,
        },
    )
    up = make_proposal(step, "Parc du nord", cost=800, district=north)
    down = make_proposal(step, "Place du sud", cost=1500, district=south)
    pricey = make_proposal(step, "Piscine du nord", cost=300, district=north)
    client = host_client("a.test", participant_a)
    page = _page(client, step)
    assert "Chaque quartier a son enveloppe" in page
    assert "Enveloppe de Sud" in _page(
        client, step, f"?district={south.pk}"
    )  # the filtered district's envelope
    for proposal in (up, down):
        client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    page = _page(client, step)
    assert "Enveloppe de Nord" in page and "800 € dépensés sur 1\xa0000 €" in page
    assert "Enveloppe de Sud" in page and "1\xa0500 € dépensés sur 2\xa0000 €" in page
    assert f'disabled aria-describedby="ballot-why-{pricey.pk}"' in page  # 300 € > the north's 200 € left
    assert client.post(f"/proposals/step/{step.pk}/ballot/confirm/").status_code == 302
    with in_instance(instance_a):
        ballots = Ballot.objects.filter(step=step, voter=participant_a)
        assert ballots.count() == 2 and all(b.is_counted and b.confirmed_at for b in ballots)


@pytest.mark.django_db
def test_the_review_screen_asks_a_visitor_to_log_in(instance_a, vote):
    step, _proposals = vote
    response = host_client("a.test").get(f"/proposals/step/{step.pk}/ballot/review/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_an_unconfirmed_email_is_named_as_what_is_missing(instance_a, vote):
    step, (garden, benches, _playground) = vote
    voter = make_user(instance_a, "new@a.test", confirmed=False)
    client = host_client("a.test", voter)
    for proposal in (garden, benches):
        client.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk})
    assert _ballot(instance_a, step, voter).items_count == 2
    assert "Votre vote comptera dès que votre adresse e-mail sera confirmée." in _page(client, step)


def test_the_confirmation_is_a_setting_of_budget_votes_the_vote_editor_keeps():
    from participe.modules.proposals.forms import CollectSettingsForm
    from participe.modules.proposals.gestion.forms import GROUPS, VOTE_FIELDS
    from participe.modules.proposals.step_settings import vote_settings_from

    assert (
        "confirm" in VOTE_FIELDS and "confirm" in GROUPS[0][1] and "confirm" in CollectSettingsForm.VOTE_KEYS
    )
    assert vote_settings_from({"type": "budget", "confirm": True}).confirm
    assert not vote_settings_from({"type": "budget"}).confirm
    assert not vote_settings_from({"type": "limited", "confirm": True}).confirm  # budget ballots only
