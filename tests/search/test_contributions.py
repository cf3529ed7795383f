"""Search over what participants wrote: every kind found by its words, as visible as on its own page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Argument
from participe.modules.proposals.models import Proposal
from participe.participation.models import Status
from participe.projects.models import Project, Visibility
from tests.conftest import host_client
from tests.search.builders import build, public_step


def _results(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('class="tabs"', 1)[1] if 'class="tabs"' in html else ""


def test_the_demo_words_find_a_proposal_an_argument_and_a_comment(client_a, instance_a):
    proposal = build(Proposal, instance_a, "verger")
    argument = build(Argument, instance_a, "arceaux", slug="loi")
    comment = build(Comment, instance_a, "Transparence", slug="budget")
    assert proposal.get_absolute_url() in _results(client_a.get("/search/", {"q": "verger"}))
    assert argument.get_absolute_url() in _results(client_a.get("/search/", {"q": "arceaux"}))
    assert f"#comment-{comment.pk}" in _results(client_a.get("/search/", {"q": "transparence"}))


def test_accents_and_case_are_ignored(client_a, instance_a):
    build(Proposal, instance_a, "école")
    assert "Un école partagé" in _results(client_a.get("/search/", {"q": "ECOLE"}))
    build(Proposal, instance_a, "Ecologie", slug="autre")
    assert "Un Ecologie partagé" in _results(client_a.get("/search/", {"q": "écologie"}))


def test_snippets_mark_the_words_and_escape_the_text(client_a, instance_a):
    with in_instance(instance_a):
        step = public_step(instance_a, "collect")
        Proposal.objects.create(
            step=step, title="Jardin", summary="Un potager <img src=x onerror=alert(1)> & des arbres",
        )
    html = _results(client_a.get("/search/", {"q": "potager"}))
    assert "<mark>potager</mark>" in html
    assert "<img" not in html and "&amp; des arbres" in html


@pytest.mark.parametrize("change", ["hidden", "pending", "trashed", "deleted"])
def test_a_contribution_out_of_public_view_is_not_found(client_a, instance_a, change):
    proposal = build(Proposal, instance_a, "verger")
    with in_instance(instance_a):
        Proposal.objects.filter(pk=proposal.pk).update(status=getattr(Status, change.upper()))
    assert "Un verger partagé" not in _results(client_a.get("/search/", {"q": "verger"}))


def test_a_comment_on_a_hidden_proposal_is_not_found(client_a, instance_a):
    comment = build(Comment, instance_a, "transparence")
    assert f"#comment-{comment.pk}" in _results(client_a.get("/search/", {"q": "transparence"}))
    with in_instance(instance_a):
        Proposal.objects.filter(pk=comment.object_id).update(status=Status.HIDDEN)
    assert f"#comment-{comment.pk}" not in _results(client_a.get("/search/", {"q": "transparence"}))


@pytest.mark.parametrize(
    "change",
    [{"visibility": Visibility.ADMINS}, {"visibility": Visibility.UNLISTED}, {"is_published": False}],
    ids=["private", "unlisted", "draft"],
)
def test_contributions_of_a_project_the_visitor_may_not_list_are_not_found(
    instance_a, participant_a, change
):
    proposal = build(Proposal, instance_a, "verger")
    with in_instance(instance_a):
        Project.objects.filter(pk=proposal.step.project_id).update(**change)
    for client in (host_client("a.test"), host_client("a.test", participant_a)):
        assert "Un verger partagé" not in _results(client.get("/search/", {"q": "verger"}))


def test_proposals_of_a_private_collect_and_disabled_steps_are_not_found(client_a, instance_a):
    private = build(Proposal, instance_a, "verger")
    disabled = build(Proposal, instance_a, "potager", slug="autre")
    with in_instance(instance_a):
        private.step.settings = {"visibility": "private"}
        private.step.save()
        disabled.step.is_enabled = False
        disabled.step.save()
    assert "Un verger partagé" not in _results(client_a.get("/search/", {"q": "verger"}))
    assert "Un potager partagé" not in _results(client_a.get("/search/", {"q": "potager"}))


def test_another_instance_contributions_are_never_found(client_b, instance_a, instance_b):
    build(Proposal, instance_a, "verger")
    assert "Un verger partagé" not in _results(client_b.get("/search/", {"q": "verger"}))


def test_results_are_filtered_by_project_step_and_kind(client_a, instance_a):
    here = build(Proposal, instance_a, "verger")
    there = build(Proposal, instance_a, "verger", slug="ailleurs")
    build(Argument, instance_a, "verger", slug="loi")
    by_project = _results(client_a.get("/search/", {"q": "verger", "project": here.step.project_id}))
    assert here.get_absolute_url() in by_project and there.get_absolute_url() not in by_project
    by_step = _results(client_a.get("/search/", {"q": "verger", "step": there.step_id}))
    assert there.get_absolute_url() in by_step and here.get_absolute_url() not in by_step
    by_kind = _results(client_a.get("/search/", {"q": "verger", "type": "arguments"}))
    assert "#argument-" in by_kind and here.get_absolute_url() not in by_kind


def test_a_filter_on_a_project_the_visitor_may_not_see_is_a_form_error(client_a, instance_a):
    proposal = build(Proposal, instance_a, "verger")
    with in_instance(instance_a):
        Project.objects.filter(pk=proposal.step.project_id).update(visibility=Visibility.ADMINS)
    response = client_a.get("/search/", {"q": "verger", "project": proposal.step.project_id})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert client_a.get("/search/", {"q": "verger", "project": "x", "step": "-1"}).status_code == 200


def test_queries_do_not_grow_with_contributions(client_a, instance_a):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get("/search/", {"q": "quartier"}).status_code == 200
        return len(captured)

    comment = build(Comment, instance_a, "quartier")
    build(Argument, instance_a, "quartier", slug="loi")
    few = count_queries()
    with in_instance(instance_a):
        for n in range(15):
            Comment.objects.create(target=comment.target, step=comment.step, body=f"Le quartier {n}")
            Argument.objects.create(step=comment.step, opinion=Argument.objects.first().opinion, side="for",
                                    body=f"Quartier {n}")
    assert count_queries() <= few
