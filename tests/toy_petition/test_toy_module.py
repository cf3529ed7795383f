"""A newcomer's module plugs in with its manifest alone: the toy petition module (installed by tests/settings.py)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from participe.accounts import personal_data
from participe.instances.scoping import in_instance
from participe.participation.manifest import modules
from participe.participation.registry import participation
from participe.projects.admin_forms import StepAdminForm
from participe.projects.models import Project, Step
from participe.projects.registry import step_types
from participe.search.registry import sources
from tests.conftest import host_client, make_user
from tests.toy_petition.models import Petition

ROOT = Path(__file__).resolve().parents[2]


def petition_step(instance, state="open", **fields):
    now = timezone.now()
    dates = {
        "open": (now - timedelta(days=1), now + timedelta(days=1)),
        "future": (now + timedelta(days=1), now + timedelta(days=2)),
        "closed": (now - timedelta(days=2), now - timedelta(days=1)),
    }[state]
    with in_instance(instance):
        project, _ = Project.objects.get_or_create(
            slug="petitions", defaults={"title": "Petitions", "is_published": True, "instance": instance}
        )
        return Step.objects.create(
            instance=instance, project=project, type="petition", title=f"Petitions {state}", slug=f"petitions-{state}",
            starts_at=dates[0], ends_at=dates[1], **fields,
        )


def petition(step, title="More trees"):
    with in_instance(step.instance):
        return Petition.objects.create(instance=step.instance, step=step, title=title, published_at=timezone.now())


def vote_url(target):
    return reverse("votes:vote", args=[ContentType.objects.get_for_model(target).pk, target.pk])


def test_nothing_in_the_platform_names_the_toy_module():
    named = [str(path) for path in (ROOT / "participe").rglob("*") if path.is_file()
             and path.suffix in {".py", ".html", ".toml", ".txt"} and "toy_petition" in path.read_text(errors="ignore")]
    assert named == []


def test_the_manifest_registered_everything_it_declares(instance_a):
    assert modules.get("toy_petition") is not None
    assert "petition" in step_types and participation.features(Petition).votable == "support"
    assert "petitions" in sources
    with in_instance(instance_a):
        assert ("petition", "Petition") in StepAdminForm().fields["type"].choices  # offered in the back office


def test_the_step_page_renders_through_the_project_page(instance_a, participant_a):
    step = petition_step(instance_a)
    petition(step, "Plant more trees")
    page = host_client("a.test", participant_a).get(step.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Plant more trees" in html and "Start a petition" in html
    anonymous = host_client("a.test").get(step.get_absolute_url()).content.decode()
    assert "Start a petition" not in anonymous and "/accounts/login/?next=" in anonymous


def test_starting_a_petition_goes_through_the_gate(instance_a, participant_a):
    step = petition_step(instance_a)
    url = reverse("toy_petition:start", args=[step.pk])
    response = host_client("a.test", participant_a).post(url, {"title": "A park"})
    assert response.status_code == 302
    with in_instance(instance_a):
        assert Petition.objects.get().title == "A park"
    assert host_client("a.test").post(url, {"title": "x"})["Location"].startswith("/accounts/login/")
    banned = make_user(instance_a, "banned@a.test", is_banned=True)  # a banned account's session is dropped
    assert host_client("a.test", banned).post(url, {"title": "x"})["Location"].startswith("/accounts/login/")
    closed = petition_step(instance_a, "closed")
    assert host_client("a.test", participant_a).post(reverse("toy_petition:start", args=[closed.pk])).status_code == 403
    with in_instance(instance_a):
        assert Petition.objects.count() == 1


@pytest.mark.usefixtures("english")
def test_supporting_goes_through_the_gate_and_the_shared_vote_engine(instance_a, participant_a):
    step = petition_step(instance_a, requirements=["zip_code"])
    target = petition(step)
    client = host_client("a.test", participant_a)
    response = client.post(vote_url(target), {"value": "1"})
    assert response.status_code == 302 and "/requirements/" in response["Location"]
    participant_a.zip_code = "31000"
    participant_a.save(update_fields=["zip_code"])
    assert client.post(vote_url(target), {"value": "1"}).status_code == 302
    target.refresh_from_db()
    assert target.votes_total == 1
    closed_target = petition(petition_step(instance_a, "closed"), "Too late")
    assert client.post(vote_url(closed_target), {"value": "1"}).status_code == 403


def test_petitions_are_searchable_and_in_the_personal_data_export(instance_a, participant_a):
    step = petition_step(instance_a)
    with in_instance(instance_a):
        Petition.objects.create(
            instance=instance_a, step=step, author=participant_a, title="Bicycle lanes", published_at=timezone.now()
        )
        assert personal_data.collect(participant_a)["petitions"][0]["title"] == "Bicycle lanes"
    assert "Bicycle lanes" in host_client("a.test").get("/search/", {"q": "bicycle"}).content.decode()


def test_its_back_office_editor_is_listed_on_the_step_and_guarded(instance_a, instance_b, admin_a, admin_b, participant_a):
    step = petition_step(instance_a)
    petition(step, "Plant more trees")
    editor_url = reverse("gestion:toy_petition:petitions", args=[step.pk])
    step_page = host_client("a.test", admin_a).get(f"/gestion/steps/{step.pk}/").content.decode()
    assert editor_url in step_page
    page = host_client("a.test", admin_a).get(editor_url)
    assert page.status_code == 200 and "Plant more trees" in page.content.decode()
    assert host_client("a.test", participant_a).get(editor_url).status_code == 403
    assert host_client("b.test", admin_b).get(editor_url).status_code == 404
