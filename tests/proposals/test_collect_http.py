"""Submitting proposals: form, drafts, private calls for projects, editing window, similar titles, lists."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from participe.participation.models import Status
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step

FIELDS = {
    "category": {"enabled": True}, "district": {"enabled": True},
    "address": {"enabled": True}, "estimated_cost": {"enabled": True, "required": True, "help": "Montant TTC"},
}
SQUARE = {"type": "Polygon", "coordinates": [[[1.0, 43.0], [2.0, 43.0], [2.0, 44.0], [1.0, 44.0], [1.0, 43.0]]]}


@pytest.mark.django_db
def test_submit_without_javascript_assigns_the_district_and_acknowledges(instance_a, participant_a):
    from participe.site.models import District

    with in_instance(instance_a):
        centre = District.objects.create(name="Centre", slug="centre", geometry=SQUARE)
    step = make_step(instance_a, fields=FIELDS)
    client = host_client("a.test", participant_a)
    form = client.get(f"/proposals/step/{step.pk}/new/")
    assert form.status_code == 200 and b"Montant TTC" in form.content
    response = client.post(
        f"/proposals/step/{step.pk}/new/",
        {"title": "Un composteur", "summary": "Au square", "body": "<p>Texte</p>", "address": "Place du Capitole",
         "latitude": "43.6045", "longitude": "1.4440", "estimated_cost": "1200", "publish": "1"},
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        proposal = Proposal.objects.get(title="Un composteur")
    assert proposal.district == centre and proposal.status == Status.PUBLISHED
    assert len(mail.outbox) == 1 and "Un composteur" in mail.outbox[0].body


@pytest.mark.django_db
def test_bad_input_is_explained_and_nothing_typed_is_lost(instance_a, participant_a):
    step = make_step(instance_a, fields=FIELDS)
    client = host_client("a.test", participant_a)
    response = client.post(
        f"/proposals/step/{step.pk}/new/",
        {"title": "Un titre gardé", "estimated_cost": "-5", "latitude": "43.6"},
    )
    assert response.status_code == 400
    assert b"Un titre gard" in response.content and b"error-summary" in response.content
    with in_instance(instance_a):
        assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_draft_is_seen_only_by_its_author(instance_a, participant_a, make_account):
    step = make_step(instance_a)
    client = host_client("a.test", participant_a)
    client.post(f"/proposals/step/{step.pk}/new/", {"title": "Brouillon secret", "save_draft": "1"})
    with in_instance(instance_a):
        draft = Proposal.objects.get(title="Brouillon secret")
    assert draft.status == Status.DRAFT
    assert client.get(f"/proposals/{draft.pk}/").status_code == 200
    other = host_client("a.test", make_account(instance_a, "autre@a.test"))
    assert other.get(f"/proposals/{draft.pk}/").status_code == 404
    assert b"Brouillon secret" not in other.get(f"/proposals/step/{step.pk}/").content
    # Publishing the draft later.
    client.post(f"/proposals/{draft.pk}/edit/", {"title": "Brouillon publié", "publish": "1"})
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=draft.pk).status == Status.PUBLISHED


@pytest.mark.django_db
def test_call_for_projects_is_private_to_authors_and_staff(instance_a, participant_a, admin_a, make_account, client_a):
    step = make_step(instance_a, visibility="private")
    mine = make_proposal(step, "Dossier association", author=participant_a)
    other = host_client("a.test", make_account(instance_a, "voisin@a.test"))
    assert other.get(f"/proposals/{mine.pk}/").status_code == 404
    assert client_a.get(f"/proposals/{mine.pk}/").status_code == 404
    assert b"Dossier association" not in other.get(f"/proposals/step/{step.pk}/").content
    assert host_client("a.test", participant_a).get(f"/proposals/{mine.pk}/").status_code == 200
    assert b"Dossier association" in host_client("a.test", admin_a).get(f"/proposals/step/{step.pk}/").content


@pytest.mark.django_db
def test_author_edits_and_deletes_until_the_date(instance_a, participant_a, make_account):
    step = make_step(instance_a, edit_until=(timezone.now() + timedelta(days=1)).isoformat())
    proposal = make_proposal(step, "Avant", author=participant_a)
    client = host_client("a.test", participant_a)
    assert host_client("a.test", make_account(instance_a, "x@a.test")).post(
        f"/proposals/{proposal.pk}/edit/", {"title": "Pirate"}
    ).status_code == 403
    assert client.post(f"/proposals/{proposal.pk}/edit/", {"title": "Après"}).status_code == 302
    with in_instance(instance_a):
        assert Proposal.objects.get(pk=proposal.pk).title == "Après"
        step.settings["edit_until"] = (timezone.now() - timedelta(minutes=1)).isoformat()
        step.save()
    assert client.post(f"/proposals/{proposal.pk}/edit/", {"title": "Trop tard"}).status_code == 403
    assert client.post(f"/proposals/{proposal.pk}/delete/").status_code == 403


@pytest.mark.django_db
def test_similar_proposals_while_typing_and_without_javascript(instance_a, participant_a):
    step = make_step(instance_a)
    bikes = make_proposal(step, "Plus de parkings à vélos près de la gare")
    make_proposal(step, "Une fontaine au parc")
    client = host_client("a.test", participant_a)
    found = client.get(f"/proposals/step/{step.pk}/similar/", {"title": "parking vélo gare"}).json()["results"]
    assert [r["id"] for r in found] == [bikes.pk]
    itself = client.get(f"/proposals/step/{step.pk}/similar/", {"title": bikes.title, "exclude": bikes.pk}).json()
    assert itself["results"] == []
    page = client.post(f"/proposals/step/{step.pk}/new/", {"title": "Parking vélos gare", "check_similar": "1"})
    assert page.status_code == 200 and "Plus de parkings à vélos".encode() in page.content
    with in_instance(instance_a):
        assert Proposal.objects.count() == 2


@pytest.mark.django_db
def test_filters_sorts_and_stable_random_order(instance_a, client_a):
    from participe.modules.proposals.models import Category

    step = make_step(instance_a)
    with in_instance(instance_a):
        green = Category.objects.create(step=step, name="Nature", colour="#2e7d32")
    for n in range(12):
        make_proposal(step, f"Idée {n:02d}", cost=n * 100, category=green if n % 2 else None)
    base = f"/proposals/step/{step.pk}/"
    assert client_a.get(base, {"category": green.pk}).content.count(b"proposal-card\"") == 6
    cheapest = client_a.get(base, {"sort": "cheapest"}).content.decode()
    assert cheapest.index("Idée 00") < cheapest.index("Idée 11")
    expensive = client_a.get(base, {"sort": "expensive"}).content.decode()
    assert expensive.index("Idée 11") < expensive.index("Idée 00")
    assert client_a.get(base, {"q": "Idée 07"}).content.count(b"proposal-card\"") == 1
    def order(seed):
        return re.findall(r"Idée \d\d", client_a.get(base, {"seed": seed}).content.decode())

    assert order("42") == order("42") and len(order("42")) == 12
    assert order("42") != order("43") or order("42") != order("7")
    for view in ("grid", "map"):
        assert client_a.get(base, {"view": view}).status_code == 200
    assert client_a.get(f"{base}map.json").json()["type"] == "FeatureCollection"


@pytest.mark.django_db
def test_custom_questions_of_the_form_engine(instance_a, participant_a):
    from participe.forms.models import Form, Question

    with in_instance(instance_a):
        questions = Form.objects.create(title="Questions du dépôt")
        asked = Question.objects.create(form=questions, position=1, type="short_text", title="Association porteuse", required=True)
    step = make_step(instance_a, proposal_form_id=questions.pk)
    client = host_client("a.test", participant_a)
    assert b"Association porteuse" in client.get(f"/proposals/step/{step.pk}/new/").content
    missing = client.post(f"/proposals/step/{step.pk}/new/", {"title": "Jardin partagé"})
    assert missing.status_code == 400 and b"Jardin partag" in missing.content
    response = client.post(
        f"/proposals/step/{step.pk}/new/", {"title": "Jardin partagé", f"custom-{asked.field_name}": "Les Amis du parc"}
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        proposal = Proposal.objects.select_related("reply").get(title="Jardin partagé")
        assert proposal.reply.answers == {str(asked.pk): "Les Amis du parc"}
