"""The back office of collect and selection steps: who may open each editor, categories, statuses, districts,
the vote and one envelope per district, used by the results."""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.proposals import publication, tasks
from participe.modules.proposals.models import Category, SelectionStatus
from participe.modules.proposals.step_settings import vote_settings
from participe.projects.models import Step
from participe.site.models import District
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

PAGES = ["categories", "vote", "proposals", "results"]


def _en(host, user):
    client = host_client(host, user)
    client.cookies["django_language"] = "en"
    return client


def _districts(instance, *names):
    with in_instance(instance):
        return [District.objects.create(instance=instance, name=name, slug=name.lower(), position=n)
                for n, name in enumerate(names)]


@pytest.mark.parametrize("page", PAGES)
def test_each_editor_is_for_the_staff_of_the_project_only(instance_a, instance_b, admin_a, admin_b, moderator_a,
                                                         participant_a, page):
    step = make_step(instance_a)
    url = f"/gestion/proposals/steps/{step.pk}/{page}/"
    assert _en("a.test", admin_a).get(url).status_code == 200
    anonymous = host_client("a.test").get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert _en("a.test", participant_a).get(url).status_code == 403
    assert _en("a.test", moderator_a).get(url).status_code == 403
    assert _en("b.test", admin_b).get(url).status_code == 404  # another instance's step
    # A project administrator manages the step of their project.
    with in_instance(instance_a):
        step.project.administrators.add(participant_a)
    assert _en("a.test", participant_a).get(url).status_code == 200


def test_the_step_page_lists_the_editors_and_no_other_step_type_opens_them(instance_a, admin_a):
    step = make_step(instance_a)
    client = _en("a.test", admin_a)
    page = client.get(f"/gestion/steps/{step.pk}/").content.decode()
    for name in PAGES:
        assert f"/gestion/proposals/steps/{step.pk}/{name}/" in page
    with in_instance(instance_a):
        other = Step.objects.create(instance=instance_a, project=step.project, type="questionnaire", title="Q", slug="q")
    assert client.get(f"/gestion/proposals/steps/{other.pk}/vote/").status_code == 404


def test_categories_are_added_edited_and_deleted_and_a_duplicate_name_is_refused(instance_a, admin_a):
    step = make_step(instance_a)
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/categories/"
    data = {"form": "add", "new-name": "Mobilité", "new-colour": "#225588", "new-icon": "", "new-position": "1"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "already has one with this name" in again.content.decode()
    bad = client.post(url, {**data, "new-name": "Vert", "new-colour": "green"})
    assert bad.status_code == 400
    with in_instance(instance_a):
        category = Category.objects.get(step=step)
    edited = client.post(f"{url}{category.pk}/", {"name": "Transports", "colour": "#225588", "position": "2"})
    assert edited.status_code == 302
    with in_instance(instance_a):
        assert Category.objects.get(pk=category.pk).name == "Transports"
    assert client.post(f"{url}{category.pk}/delete/").status_code == 302
    assert client.get(f"{url}{category.pk}/delete/").status_code == 405
    with in_instance(instance_a):
        assert not Category.objects.filter(step=step).exists()
    assert client.post(url, {"form": "nonsense"}).status_code == 400


def test_a_selection_step_has_statuses_instead_of_categories(instance_a, admin_a):
    step = make_step(instance_a, step_type="selection", slug="vote")
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/categories/"
    assert "Statuses and districts" in client.get(url).content.decode()
    assert client.post(url, {"form": "add", "new-name": "Retenu", "new-colour": "#118833", "new-position": "0"}).status_code == 302
    with in_instance(instance_a):
        assert SelectionStatus.objects.get(step=step).name == "Retenu"


def test_the_districts_chosen_are_those_authors_choose_from(instance_a, admin_a, participant_a):
    north, south, east = _districts(instance_a, "Nord", "Sud", "Est")
    step = make_step(instance_a, fields={"district": {"enabled": True}})
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/categories/"
    assert client.post(url, {"form": "districts", "districts": [north.pk, south.pk]}).status_code == 302
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
        assert Step.objects.get(pk=step.pk).settings["districts"] == [north.pk, south.pk]
    form_page = _en("a.test", participant_a).get(f"/proposals/step/{step.pk}/new/").content.decode()
    assert "Nord" in form_page and "Sud" in form_page and "Est" not in form_page
    assert client.post(url, {"form": "districts", "districts": ["x"]}).status_code == 400


def _vote_data(**extra):
    return {"vote_type": "budget", "budget": "", "rule": "greedy", "completion": "add1-utilitarian", "ballot": "approval",
            **extra}


def test_a_budget_vote_with_one_envelope_per_district_is_saved_and_used_by_the_results(instance_a, admin_a,
                                                                                      make_account):
    north, south = _districts(instance_a, "Nord", "Sud")
    step = make_step(instance_a, step_type="collect", slug="budget-vote", visibility="public")
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/vote/"
    page = client.get(url).content.decode()
    assert "Envelope: Nord" in page and "Envelope: Sud" in page and "district number" not in page
    response = client.post(url, _vote_data(**{f"envelope_{north.pk}": "1000", f"envelope_{south.pk}": "500",
                                              "max_choices": "3", "secret_until": "2020-01-01T10:00"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_instance(instance_a):
        step = Step.objects.get(pk=step.pk)
        settings = vote_settings(step)
        assert settings.per_district and settings.district_budgets == {north.pk: 1000, south.pk: 500}
        assert settings.max_choices == 3 and step.settings["visibility"] == "public"  # other settings kept
        Step.objects.filter(pk=step.pk).update(is_enabled=True)
        park = make_proposal(step, "Parc", cost=800, district=north, status="published")
        bench = make_proposal(step, "Bancs", cost=400, district=north, status="published")
        square = make_proposal(step, "Square", cost=600, district=south, status="published")
    for n, proposal in enumerate((park, park, bench, square)):
        voter = _en("a.test", make_account(instance_a, f"v{n}@a.test"))
        assert voter.post(f"/proposals/step/{step.pk}/ballot/", {"proposal": proposal.pk}).status_code == 302
    with in_instance(instance_a):
        run = tasks.ask_for_result(step, publication.own_rule(step))
        payload = {d["district"]: d for d in run.payload["districts"]}
    assert payload["Nord"]["budget"] == 1000 and payload["Sud"]["budget"] == 500
    assert [w["title"] for w in payload["Nord"]["winners"]] == ["Parc"]  # 800 + 400 > 1 000 €
    assert payload["Sud"]["winners"] == []  # 600 € do not fit in 500 €
    results = client.get(f"/gestion/proposals/steps/{step.pk}/results/").content.decode()
    assert "Nord" in results and "Envelope 1,000 €" in results


def test_a_malformed_vote_is_refused_with_its_reason(instance_a, admin_a):
    (north,) = _districts(instance_a, "Nord")
    step = make_step(instance_a)
    client = _en("a.test", admin_a)
    url = f"/gestion/proposals/steps/{step.pk}/vote/"
    response = client.post(url, _vote_data(vote_type="limited", **{f"envelope_{north.pk}": "100"}))
    assert response.status_code == 400 and "Envelopes per district need the vote" in response.content.decode()
    response = client.post(url, _vote_data(**{f"envelope_{north.pk}": "-5", "min_share_percent": "300"}))
    assert response.status_code == 400
    response = client.post(url, _vote_data(vote_type="nonsense"))
    assert response.status_code == 400
    with in_instance(instance_a):
        assert Step.objects.get(pk=step.pk).settings["vote"] == {"type": "none"}


def test_an_analyst_without_a_project_opens_no_editor(instance_a):
    step = make_step(instance_a)
    analyst = make_user(instance_a, "analyst@a.test", is_analyst=True)
    assert _en("a.test", analyst).get(f"/gestion/proposals/steps/{step.pk}/vote/").status_code == 403
