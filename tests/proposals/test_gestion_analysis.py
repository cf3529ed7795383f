"""The analysis workflow in the back office: assignment in bulk with the promised e-mail, statuses in bulk with no
query per proposal, moves into a selection step, and analysts who see only what is assigned to them."""

from django.core import mail

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal, Selection, SelectionStatus
from participe.notifications.models import Notification
from participe.projects.models import Step
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step


def _en(host, user):
    client = host_client(host, user)
    client.cookies["django_language"] = "en"
    return client


def test_proposals_are_assigned_in_bulk_and_each_person_gets_one_email(instance_a, admin_a, participant_a):
    step = make_step(instance_a)
    first = make_analyst = make_user(instance_a, "ana@a.test", is_analyst=True, display_name="Ana")
    second = make_user(instance_a, "bob@a.test", is_analyst=True, display_name="Bob")
    boss = make_user(instance_a, "cheffe@a.test", is_analyst=True, display_name="Cheffe")
    proposals = [make_proposal(step, f"Idée {n}", author=participant_a, status="published") for n in range(3)]
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/proposals/"
    mail.outbox.clear()
    response = client.post(url, {"action": "assign", "proposals": [p.pk for p in proposals[:2]],
                                  "analysts": [first.pk, second.pk], "supervisor": boss.pk})
    assert response.status_code == 302
    with in_instance(instance_a):
        for proposal in proposals[:2]:
            proposal = Proposal.objects.get(pk=proposal.pk)
            assert set(proposal.analysts.values_list("pk", flat=True)) == {first.pk, second.pk}
            assert proposal.supervisor_id == boss.pk
        assert not Proposal.objects.get(pk=proposals[2].pk).analysts.exists()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["ana@a.test", "bob@a.test", "cheffe@a.test"]
    assert "Idée 0" in mail.outbox[0].body and "Idée 1" in mail.outbox[0].body
    page = client.get(url).content.decode()
    assert "Ana, Bob" in page and "Cheffe" in page
    assert make_analyst is first


def test_an_assignment_needs_proposals_and_people(instance_a, admin_a):
    step = make_step(instance_a)
    analyst = make_user(instance_a, "ana@a.test", is_analyst=True)
    proposal = make_proposal(step, status="published")
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/proposals/"
    nobody = client.post(url, {"action": "assign", "proposals": [proposal.pk]})
    assert nobody.status_code == 400 and "Choose at least one analyst" in nobody.content.decode()
    nothing = client.post(url, {"action": "assign", "analysts": [analyst.pk]})
    assert nothing.status_code == 400 and "Tick at least one proposal." in nothing.content.decode()
    assert client.post(url, {"action": "assign", "proposals": ["abc"], "analysts": [analyst.pk]}).status_code == 400
    assert client.post(url, {"action": "explode"}).status_code == 400
    # A participant is not an analyst: refused as a choice.
    other = make_user(instance_a, "p@a.test")
    assert client.post(url, {"action": "assign", "proposals": [proposal.pk], "analysts": [other.pk]}).status_code == 400


def test_a_proposal_of_another_step_cannot_be_changed_from_this_one(instance_a, admin_a):
    step = make_step(instance_a)
    other_step = make_step(instance_a, slug="autre")
    analyst = make_user(instance_a, "ana@a.test", is_analyst=True)
    stranger = make_proposal(other_step, status="published")
    response = _en("a.test", admin_a).post(
        f"/gestion/proposals/steps/{step.pk}/proposals/",
        {"action": "assign", "proposals": [stranger.pk], "analysts": [analyst.pk]},
    )
    assert response.status_code == 400
    with in_instance(instance_a):
        assert not Proposal.objects.get(pk=stranger.pk).analysts.exists()


def _selection(instance, n, author):
    collect = make_step(instance)
    selection = make_step(instance, step_type="selection", slug="selection")
    with in_instance(instance):
        Step.objects.filter(pk=selection.pk).update(position=2)
        kept = SelectionStatus.objects.create(instance=instance, step=selection, name="Retenu")
        proposals = [make_proposal(collect, f"Idée {k}", author=author, status="published") for k in range(n)]
        Selection.objects.bulk_create([Selection(instance=instance, proposal=p, step=selection) for p in proposals])
    return collect, selection, kept, proposals


def test_statuses_change_in_bulk_with_no_query_per_proposal(instance_a, admin_a, participant_a,
                                                           django_assert_max_num_queries,
                                                           django_capture_on_commit_callbacks):
    collect, selection, kept, proposals = _selection(instance_a, 12, participant_a)
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{selection.pk}/proposals/"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        assert client.post(url, {"action": "status", "proposals": [p.pk for p in proposals[:2]],
                                 "status": kept.pk}).status_code == 302
    with django_assert_max_num_queries(len(few.captured_queries)):
        with django_capture_on_commit_callbacks() as after_commit:
            assert client.post(url, {"action": "status", "proposals": [p.pk for p in proposals],
                                     "status": kept.pk}).status_code == 302
    with in_instance(instance_a):
        for callback in after_commit:  # the background job, once the change is committed
            callback()
        assert Selection.objects.filter(step=selection, status=kept).count() == 12
        # The authors are told by the background job (one notification per proposal newly given the status).
        assert Notification.objects.filter(user=participant_a, kind="followed_status_changed").count() == 10
    page = client.get(url).content.decode()
    assert page.count("<td>Retenu</td>") == 12
    # The list itself costs no query per row.
    with django_assert_max_num_queries(25):
        client.get(url)


def test_proposals_of_a_collect_step_move_into_a_selection_step(instance_a, admin_a, participant_a):
    collect, selection, kept, _existing = _selection(instance_a, 0, participant_a)
    fresh = [make_proposal(collect, f"Nouvelle {n}", status="published") for n in range(3)]
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{collect.pk}/proposals/"
    assert f'<option value="{selection.pk}">' in client.get(url).content.decode()
    response = client.post(url, {"action": "move", "target": selection.pk, "proposals": [p.pk for p in fresh[:2]]})
    assert response.status_code == 302
    # Twice: those already there stay as they are.
    assert client.post(url, {"action": "move", "target": selection.pk, "proposals": [fresh[0].pk]}).status_code == 302
    with in_instance(instance_a):
        assert set(Selection.objects.filter(step=selection).values_list("proposal_id", flat=True)) == {
            fresh[0].pk, fresh[1].pk}
    assert client.post(url, {"action": "move", "target": collect.pk, "proposals": [fresh[2].pk]}).status_code == 400
    assert client.post(url, {"action": "move", "target": "x", "proposals": [fresh[2].pk]}).status_code == 400


def test_an_analyst_sees_only_the_proposals_assigned_to_them(instance_a, instance_b, admin_a, admin_b, moderator_a):
    step = make_step(instance_a)
    analyst = make_user(instance_a, "ana@a.test", is_analyst=True)
    other = make_user(instance_a, "bob@a.test", is_analyst=True)
    mine = make_proposal(step, "La mienne", status="published")
    theirs = make_proposal(step, "La sienne", status="published")
    supervised = make_proposal(step, "Supervisée", status="published")
    with in_instance(instance_a):
        mine.analysts.add(analyst)
        theirs.analysts.add(other)
        Proposal.objects.filter(pk=supervised.pk).update(supervisor=analyst)
    page = _en("a.test", analyst).get("/gestion/proposals/analysis/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "La mienne" in text and "Supervisée" in text and "La sienne" not in text
    assert 'href="/gestion/proposals/analysis/"' in text  # the navigation's "Analysis" entry
    everything = _en("a.test", admin_a).get("/gestion/proposals/analysis/").content.decode()
    assert "La mienne" in everything and "La sienne" in everything
    assert _en("a.test", moderator_a).get("/gestion/proposals/analysis/").status_code == 403
    assert _en("b.test", admin_b).get("/gestion/proposals/analysis/").content.decode().count("La mienne") == 0
    # The dashboard's to-do, read from the module's manifest, links to it.
    board = _en("a.test", analyst).get("/gestion/").content.decode()
    assert "2 proposals assigned to you or to nobody are waiting for their analysis." in board
    # An analyst is no project manager: the step's back office stays closed.
    assert _en("a.test", analyst).get(f"/gestion/proposals/steps/{step.pk}/proposals/").status_code == 403


def test_a_decision_is_recorded_in_bulk_and_published_to_each_author(instance_a, admin_a, participant_a,
                                                                     django_capture_on_commit_callbacks):
    step = make_step(instance_a)
    proposals = [make_proposal(step, f"Idée {n}", author=participant_a, status="published") for n in range(3)]
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/proposals/"
    refused = client.post(url, {"action": "decide", "proposals": [proposals[0].pk], "decision": "rejected"})
    assert refused.status_code == 400  # an official answer is needed
    with django_capture_on_commit_callbacks() as after_commit:
        response = client.post(url, {"action": "decide", "proposals": [p.pk for p in proposals[:2]],
                                     "decision": "rejected",
                                     "official_answer": "<p>Hors compétence.</p><script>alert(1)</script>"})
    assert response.status_code == 302
    with in_instance(instance_a):
        for callback in after_commit:
            callback()
        decided = Proposal.objects.filter(decision="rejected").order_by("pk")
        assert [p.pk for p in decided] == [proposals[0].pk, proposals[1].pk]
        assert all(p.decision_published_at and "<script>" not in p.official_answer for p in decided)
        assert Notification.objects.filter(user=participant_a, kind="contribution_answered").count() == 2
    assert "Rejected" in client.get(url).content.decode()


def test_a_later_decision_waits_for_its_date(instance_a, admin_a):
    step = make_step(instance_a)
    proposal = make_proposal(step, status="published")
    response = _en("a.test", admin_a).post(
        f"/gestion/proposals/steps/{step.pk}/proposals/",
        {"action": "decide", "proposals": [proposal.pk], "decision": "accepted", "official_answer": "Oui.",
         "publish_at": "2099-01-01T10:00"},
    )
    assert response.status_code == 302
    with in_instance(instance_a):
        proposal = Proposal.objects.get(pk=proposal.pk)
        assert proposal.decision == "accepted" and proposal.decision_published_at is None
        assert proposal.decision_publish_at.year == 2099
