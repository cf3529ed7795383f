"""The back office of projects, per role and per instance."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.instances.scoping import in_instance
from participe.projects.models import Project, Step
from participe.projects.registry import StepType, step_types
from tests.conftest import host_client, make_user
from tests.projects.conftest import make_project


class PetitionSettings(forms.Form):
    """A test module's settings form."""

    goal = forms.IntegerField(min_value=1)


@pytest.fixture
def petition_type():
    step_types.register(StepType(key="test_petition2", label="Petition", settings_form=f"{__name__}.PetitionSettings"))
    yield
    step_types.unregister("test_petition2")


@pytest.fixture
def two_projects(instance_a):
    manager = make_user(instance_a, "manager@a.test")
    mine = make_project(instance_a, "mine", title="Mon projet", administrators=[manager], is_published=False)
    theirs = make_project(instance_a, "theirs", title="Autre projet")
    return manager, mine, theirs


def _post_data(**overrides):
    data = {
        "title": "Budget participatif 2027",
        "slug": "",
        "type_label": "Budget participatif",
        "summary": "Proposez, votez.",
        "body": "<p>Texte</p><script>alert(1)</script>",
        "cover_alt": "",
        "visibility": "public",
        "position": "0",
        "is_published": "on",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-type": "presentation",
        "steps-0-title": "Dépôt des idées",
        "steps-0-slug": "",
        "steps-0-position": "1",
        "steps-0-is_enabled": "on",
        "steps-0-starts_at_0": "2027-03-01",
        "steps-0-starts_at_1": "00:00",
        "steps-0-ends_at_0": "2027-04-01",
        "steps-0-ends_at_1": "00:00",
        "steps-0-body": "",
        "steps-0-require": ["confirmed_email", "zip_code"],
        "steps-0-allowed_zip_codes": "97300, 97354",
        "steps-0-consent_text": "J'accepte la charte.",
    }
    data.update(overrides)
    return data


def test_a_project_administrator_sees_only_their_projects(two_projects):
    manager, mine, theirs = two_projects
    client = host_client("a.test", manager)
    assert client.get("/admin/")["Location"] == "/gestion/"
    listing = client.get("/admin/projects/project/").content.decode()
    assert "Mon projet" in listing and "Autre projet" not in listing
    assert client.get(f"/admin/projects/project/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/projects/project/{theirs.pk}/change/").status_code == 404
    assert client.post(f"/admin/projects/project/{theirs.pk}/change/", _post_data()).status_code == 404
    assert client.get("/admin/projects/project/add/").status_code == 403
    assert client.get(f"/admin/projects/project/{mine.pk}/delete/").status_code == 403
    # Their draft is previewable on the public site, with its banner.
    preview = client.get("/projects/mine/")
    assert preview.status_code == 200 and "preview-banner" in preview.content.decode()


def test_a_participant_does_not_enter_the_back_office(instance_a, participant_a, two_projects):
    client = host_client("a.test", participant_a)
    assert client.get("/admin/projects/project/").status_code == 302


def test_the_administrator_of_another_instance_gets_not_found(two_projects, admin_b):
    _, mine, _ = two_projects
    with in_instance(mine.instance):
        step = Step.objects.create(project=mine, type="presentation", title="Intro", slug="intro")
    client = host_client("b.test", admin_b)
    assert client.get(f"/admin/projects/project/{mine.pk}/change/").status_code == 404
    assert client.post(f"/admin/projects/project/{mine.pk}/change/", _post_data()).status_code == 404
    assert client.get(f"/admin/projects/project/{mine.pk}/delete/").status_code == 404
    assert client.get(f"/admin/projects/project/step/{step.pk}/settings/").status_code == 404
    assert "Mon projet" not in client.get("/admin/projects/project/").content.decode()


def test_an_instance_administrator_creates_a_project_with_its_steps_in_the_instance_time_zone(instance_a, admin_a):
    instance_a.time_zone = "America/Cayenne"
    instance_a.save()
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "en"
    response = client.post("/admin/projects/project/add/", _post_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_instance(instance_a):
        project = Project.objects.get()
        step = project.steps.get()
    assert project.slug == "budget-participatif-2027"
    assert "<script>" not in project.body
    assert step.slug == "depot-des-idees"
    assert step.starts_at == datetime(2027, 3, 1, tzinfo=ZoneInfo("America/Cayenne"))
    assert step.ends_at == datetime(2027, 4, 1, 3, 0, tzinfo=ZoneInfo("UTC"))
    assert step.requirements == [
        "confirmed_email",
        {"kind": "zip_code", "allowed": ["97300", "97354"]},
        {"kind": "consent", "key": "consent", "text": "J'accepte la charte."},
    ]
    # The form shows back what was chosen.
    page = client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert 'value="97300, 97354"' in page


def test_bad_step_dates_and_bad_cover_are_explained(instance_a, admin_a):
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "en"
    not_an_image = SimpleUploadedFile("cover.png", b"<?php echo 1; ?>", content_type="image/png")
    response = client.post(
        "/admin/projects/project/add/",
        _post_data(**{"steps-0-ends_at_0": "2027-02-01", "cover": not_an_image, "steps-0-allowed_zip_codes": "75<b>"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A step must close after it opens." in html
    assert "Upload a valid image" in html or "This file is not an image we accept" in html
    assert "is not a zip code" in html
    assert 'value="Budget participatif 2027"' in html  # nothing typed is lost
    with in_instance(instance_a):
        assert not Project.objects.exists()


def test_a_cover_is_re_encoded_and_needs_a_description(instance_a, admin_a):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, format="PNG")
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")
    missing_alt = client.post("/admin/projects/project/add/", _post_data(cover=upload))
    assert "Describe the image for people who cannot see it." in missing_alt.content.decode()
    upload.seek(0)
    client.post("/admin/projects/project/add/", _post_data(cover=upload, cover_alt="Un parc"))
    with in_instance(instance_a):
        project = Project.objects.get()
    assert project.cover.name.endswith(".png")
    with Image.open(project.cover.path) as image:
        assert image.size == (40, 20)


def test_step_settings_are_edited_through_the_form_of_the_step_type(petition_type, two_projects):
    manager, mine, _ = two_projects
    with in_instance(mine.instance):
        step = Step.objects.create(project=mine, type="test_petition2", title="Pétition", slug="petition")
        plain = Step.objects.create(project=mine, type="presentation", title="Intro", slug="intro")
    client = host_client("a.test", manager)
    client.cookies["django_language"] = "en"
    url = f"/admin/projects/project/step/{step.pk}/settings/"
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get(f"/admin/projects/project/{mine.pk}/change/").content.decode()
    assert client.post(url, {"goal": "zero"}).status_code == 400
    assert client.post(url, {"goal": "500"}).status_code == 302
    step.refresh_from_db()
    assert step.settings == {"goal": 500}
    assert client.get(f"/admin/projects/project/step/{plain.pk}/settings/").status_code == 404


def test_steps_are_renumbered_in_the_chosen_order(instance_a, admin_a):
    project = make_project(instance_a, "p", steps=[{"slug": "a", "title": "A"}, {"slug": "b", "title": "B"}])
    with in_instance(instance_a):
        a, b = project.steps.order_by("position")
    client = host_client("a.test", admin_a)
    data = _post_data(
        **{
            "title": "P",
            "slug": "p",
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "2",
        }
    )
    for index, (step, position) in enumerate([(a, 30), (b, 5)]):
        for key in list(data):
            if key.startswith("steps-0-"):
                data[key.replace("steps-0-", f"steps-{index}-")] = data[key]
        data.update(
            {
                f"steps-{index}-id": str(step.pk),
                f"steps-{index}-project": str(project.pk),
                f"steps-{index}-title": step.title,
                f"steps-{index}-slug": step.slug,
                f"steps-{index}-position": str(position),
            }
        )
    response = client.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(instance_a):
        assert list(project.steps.order_by("position").values_list("slug", "position")) == [("b", 1), ("a", 2)]


def test_up_and_down_buttons_move_a_step_without_javascript(instance_a, admin_a):
    project = make_project(instance_a, "p", steps=[{"slug": "a", "title": "A"}, {"slug": "b", "title": "B"}])
    with in_instance(instance_a):
        a, b = project.steps.order_by("position")
    client = host_client("a.test", admin_a)
    url = f"/admin/projects/project/{project.pk}/change/"
    assert f'name="_move_step" value="{b.pk}:up"' in client.get(url).content.decode()
    data = _post_data(**{"title": "P", "slug": "p", "steps-TOTAL_FORMS": "2", "steps-INITIAL_FORMS": "2"})
    for index, step in enumerate([a, b]):
        for key in [k for k in data if k.startswith("steps-0-")]:
            data[key.replace("steps-0-", f"steps-{index}-")] = data[key]
        data.update({f"steps-{index}-id": str(step.pk), f"steps-{index}-title": step.title,
                     f"steps-{index}-slug": step.slug, f"steps-{index}-position": str(index + 1)})
    response = client.post(url, {**data, "_move_step": f"{b.pk}:up"})
    assert response.status_code == 302 and response["Location"] == url
    with in_instance(instance_a):
        assert list(project.steps.order_by("position").values_list("slug", flat=True)) == ["b", "a"]
