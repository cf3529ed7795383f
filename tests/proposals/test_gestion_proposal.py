"""One proposal in the back office (/gestion/proposals/<pk>/): what each role sees and may do, across instances."""

import pytest
from django.core import mail

from participe.actionlog.models import ActionLog
from participe.forms.models import Choice, Form, Question, Reply
from participe.instances.scoping import in_instance
from participe.modules.proposals import analysis
from participe.modules.proposals.models import Evaluation, Proposal, Selection, SelectionStatus
from participe.modules.proposals.selection import select
from participe.projects.models import Step
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

pytestmark = pytest.mark.django_db


def _en(host, user):
    client = host_client(host, user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def setup_a(instance_a, participant_a):
    """A collect step with a private custom question and an evaluation form, a proposal answering it, people."""
    with in_instance(instance_a):
        asked = Form.objects.create(title="Questions du dépôt")
        public = Question.objects.create(form=asked, position=1, type="short_text", title="Quel quartier ?")
        secret = Question.objects.create(
            form=asked, position=2, type="short_text", title="Votre téléphone", private=True
        )
        grid = Form.objects.create(title="Grille d'instruction")
        feasible = Question.objects.create(
            form=grid, position=1, type="single_choice", title="Faisable ?", required=True
        )
        yes = Choice.objects.create(question=feasible, position=1, label="Oui")
        Choice.objects.create(question=feasible, position=2, label="Non")
    step = make_step(instance_a, proposal_form_id=asked.pk, evaluation_form_id=grid.pk)
    proposal = make_proposal(step, "Un verger partagé", cost=1200, author=participant_a, status="published")
    with in_instance(instance_a):
        reply = Reply.objects.create(
            form=asked,
            author=participant_a,
            is_draft=False,
            answers={str(public.pk): "Les Minimes", str(secret.pk): "0611223344"},
        )
        Proposal.objects.filter(pk=proposal.pk).update(reply=reply)
    people = {
        "analyst": make_user(instance_a, "ana@a.test", is_analyst=True, display_name="Ana"),
        "other": make_user(instance_a, "olga@a.test", is_analyst=True, display_name="Olga"),
        "boss": make_user(instance_a, "cheffe@a.test", is_analyst=True, display_name="Cheffe"),
        "manager": make_user(instance_a, "manager@a.test", display_name="Manager"),
    }
    with in_instance(instance_a):
        step.project.administrators.add(people["manager"])
        analysis.assign(proposal, analysts=[people["analyst"]], decision_maker=people["boss"])
    return step, proposal, people, feasible, yes


def url(proposal):
    return f"/gestion/proposals/{proposal.pk}/"


def test_who_opens_the_page(instance_a, instance_b, setup_a, admin_a, admin_b, participant_a, moderator_a):
    _step, proposal, people, _feasible, _yes = setup_a
    for user in (admin_a, people["manager"], people["analyst"], people["boss"]):
        page = _en("a.test", user).get(url(proposal))
        assert page.status_code == 200, user
        body = page.content.decode()
        assert "Un verger partagé" in body and "Les Minimes" in body
        # The private answer is for the staff who reach this page.
        assert "0611223344" in body
    # An analyst it is not assigned to, a moderator: as if it did not exist. A participant: no back office.
    assert _en("a.test", people["other"]).get(url(proposal)).status_code == 404
    assert _en("a.test", moderator_a).get(url(proposal)).status_code == 404
    assert _en("a.test", participant_a).get(url(proposal)).status_code == 403
    assert host_client("a.test").get(url(proposal)).status_code == 302
    # Another instance's administrator, on their own instance or on this one: nothing.
    assert _en("b.test", admin_b).get(url(proposal)).status_code == 404
    assert _en("a.test", admin_b).get(url(proposal)).status_code == 302
    assert _en("a.test", admin_a).get("/gestion/proposals/999999/").status_code == 404


def test_what_each_role_may_do(setup_a, admin_a):
    _step, proposal, people, _feasible, _yes = setup_a
    analyst_page = _en("a.test", people["analyst"]).get(url(proposal)).content.decode()
    assert "My assessment" in analyst_page and "Save the decision" not in analyst_page
    assert "Save the assignment" not in analyst_page and "Faisable ?" in analyst_page
    boss_page = _en("a.test", people["boss"]).get(url(proposal)).content.decode()
    assert "Save the decision" in boss_page and "Save the assignment" not in boss_page
    manager_page = _en("a.test", people["manager"]).get(url(proposal)).content.decode()
    assert "Save the assignment" in manager_page and "Save the decision" in manager_page
    assert "My assessment" not in manager_page
    admin_page = _en("a.test", admin_a).get(url(proposal)).content.decode()
    assert all(text in admin_page for text in ("My assessment", "Save the decision", "Save the assignment"))
    # Refused by role, whatever the form says.
    analyst = _en("a.test", people["analyst"])
    assert (
        analyst.post(
            url(proposal),
            {"form": "decide", "decision-decision": "accepted", "decision-official_answer": "Oui"},
        ).status_code
        == 403
    )
    assert (
        analyst.post(url(proposal), {"form": "assign", "assign-analysts": [people["other"].pk]}).status_code
        == 403
    )
    manager = _en("a.test", people["manager"])
    assert manager.post(url(proposal), {"form": "evaluate", "state": "favourable"}).status_code == 403
    assert manager.post(url(proposal), {"form": "explode"}).status_code == 400
    with in_instance(proposal.instance):
        proposal.refresh_from_db()
        assert proposal.decision == "" and list(proposal.analysts.all()) == [people["analyst"]]


def test_an_analyst_evaluates_with_the_evaluation_form(setup_a):
    _step, proposal, people, feasible, yes = setup_a
    client = _en("a.test", people["analyst"])
    missing = client.post(url(proposal), {"form": "evaluate", "state": "favourable", "note": "Gardé"})
    assert missing.status_code == 400 and "Gardé" in missing.content.decode()
    bad = client.post(
        url(proposal),
        {"form": "evaluate", "state": "nonsense", f"evaluation-{feasible.field_name}": str(yes.pk)},
    )
    assert bad.status_code == 400
    done = client.post(
        url(proposal),
        {
            "form": "evaluate",
            "state": "favourable",
            "revised_cost": "900",
            "note": "Réaliste",
            f"evaluation-{feasible.field_name}": str(yes.pk),
        },
    )
    assert done.status_code == 302 and done["Location"] == url(proposal)
    with in_instance(proposal.instance):
        evaluation = Evaluation.objects.select_related("reply").get(
            proposal=proposal, analyst=people["analyst"]
        )
        assert (
            evaluation.state == "favourable"
            and evaluation.reply.answers[str(feasible.pk)]["choice"] == yes.pk
        )
        proposal.refresh_from_db()
        assert proposal.analysis_state == "favourable" and proposal.revised_cost == 900
    # The decision maker reads it; the history says who did it.
    page = _en("a.test", people["boss"]).get(url(proposal)).content.decode()
    assert "Réaliste" in page and "Oui" in page and "Proposal assessed" in page and "proposals.evaluated" not in page


def test_the_decision_maker_decides_and_the_manager_assigns(setup_a, django_capture_on_commit_callbacks):
    _step, proposal, people, _feasible, _yes = setup_a
    boss = _en("a.test", people["boss"])
    empty = boss.post(url(proposal), {"form": "decide", "decision-decision": "accepted"})
    assert empty.status_code == 400 and "error-summary" in empty.content.decode()
    # (the callbacks run after the request: the job's scope is given here)
    with in_instance(proposal.instance), django_capture_on_commit_callbacks(execute=True):
        decided = boss.post(
            url(proposal),
            {
                "form": "decide",
                "decision-decision": "rejected",
                "decision-official_answer": "Hors compétence de la ville.",
            },
        )
    assert decided.status_code == 302
    with in_instance(proposal.instance):
        proposal.refresh_from_db()
        assert proposal.decision == "rejected" and "Hors compétence" in proposal.official_answer
        assert proposal.decision_published_at is not None
    mail.outbox.clear()
    manager = _en("a.test", people["manager"])
    assigned = manager.post(
        url(proposal),
        {
            "form": "assign",
            "assign-analysts": [people["analyst"].pk, people["other"].pk],
            "assign-supervisor": people["boss"].pk,
            "assign-decision_maker": "",
        },
    )
    assert assigned.status_code == 302
    with in_instance(proposal.instance):
        proposal.refresh_from_db()
        assert set(proposal.analysts.values_list("pk", flat=True)) == {
            people["analyst"].pk,
            people["other"].pk,
        }
        assert proposal.supervisor_id == people["boss"].pk and proposal.decision_maker_id is None
        assert ActionLog.objects.filter(action="proposals.assigned", target_id=proposal.pk).exists()
    # Only Olga is new to it: one e-mail.
    assert [message.to for message in mail.outbox] == [["olga@a.test"]]
    assert _en("a.test", people["other"]).get(url(proposal)).status_code == 200
    history = manager.get(url(proposal)).content.decode()
    assert "Decision taken" in history and "Analysts assigned" in history
    # A person who is not an analyst cannot be chosen.
    stranger = make_user(proposal.instance, "x@a.test")
    assert (
        manager.post(url(proposal), {"form": "assign", "assign-analysts": [stranger.pk]}).status_code == 400
    )


def test_a_revision_is_asked(setup_a, participant_a):
    _step, proposal, people, _feasible, _yes = setup_a
    client = _en("a.test", people["analyst"])
    assert client.post(url(proposal), {"form": "revise", "revision-reason": "Précisez"}).status_code == 400
    mail.outbox.clear()
    asked = client.post(
        url(proposal),
        {"form": "revise", "revision-reason": "Précisez le lieu", "revision-deadline": "2030-01-31T18:00"},
    )
    assert asked.status_code == 302
    with in_instance(proposal.instance):
        proposal.refresh_from_db()
        assert proposal.revision_reason == "Précisez le lieu"
    assert [message.to for message in mail.outbox] == [[participant_a.email]]


def test_the_manager_sets_its_status_in_each_selection_step(setup_a, instance_b, admin_b):
    step, proposal, people, _feasible, _yes = setup_a
    vote = make_step(proposal.instance, slug="vote", step_type="selection")
    with in_instance(proposal.instance):
        laureate = SelectionStatus.objects.create(step=vote, name="Lauréat", position=1)
        SelectionStatus.objects.create(step=vote, name="Non retenu", position=2)
        other_step = make_step(proposal.instance, slug="autre", step_type="selection")
        elsewhere = SelectionStatus.objects.create(step=other_step, name="Ailleurs")
        select([proposal], vote)
        selection = Selection.objects.get(proposal=proposal, step=vote)
    manager = _en("a.test", people["manager"])
    page = manager.get(url(proposal)).content.decode()
    assert "Save the status" in page and "Lauréat" in page and "Ailleurs" not in page
    assert "Save the status" not in _en("a.test", people["analyst"]).get(url(proposal)).content.decode()
    # A status of another step, a selection that is not this proposal's, an analyst: refused, nothing changed.
    field = f"status-{selection.pk}-status"
    assert manager.post(url(proposal), {"form": "status", "selection": selection.pk, field: elsewhere.pk}).status_code == 400
    assert manager.post(url(proposal), {"form": "status", "selection": "999999", field: laureate.pk}).status_code == 400
    analyst = _en("a.test", people["analyst"])
    assert analyst.post(url(proposal), {"form": "status", "selection": selection.pk, field: laureate.pk}).status_code == 403
    saved = manager.post(url(proposal), {"form": "status", "selection": selection.pk, field: laureate.pk})
    assert saved.status_code == 302
    with in_instance(proposal.instance):
        assert Selection.objects.get(pk=selection.pk).status == laureate
    history = manager.get(url(proposal)).content.decode()
    assert "Status changed" in history
    # The other instance's administrator does not find the proposal.
    assert host_client("b.test", admin_b).post(url(proposal), {"form": "status", "selection": selection.pk}).status_code == 404


def test_the_lists_and_the_contributions_table_link_to_it(setup_a, admin_a):
    step, proposal, people, _feasible, _yes = setup_a
    with in_instance(proposal.instance):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
    link = f'href="{url(proposal)}"'
    client = _en("a.test", admin_a)
    assert link in client.get(f"/gestion/proposals/steps/{step.pk}/proposals/").content.decode()
    assert link in client.get("/gestion/proposals/analysis/").content.decode()
    assert link in client.get("/gestion/contributions/").content.decode()
    assert link in client.get(f"/gestion/contributions/proposals.proposal/{proposal.pk}/").content.decode()
    assert link in _en("a.test", people["analyst"]).get("/gestion/proposals/analysis/").content.decode()
