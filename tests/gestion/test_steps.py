import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.forms.models import Question
from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Consultation, Debate
from participe.modules.votations.models import Votation
from participe.projects.models import Step
from participe.projects.registry import step_types
from participe.site.models import District
from tests.conftest import host_client
from tests.projects.conftest import make_project


def _add(client, project, type_key, title="Nouvelle étape"):
    response = client.post(f"/gestion/projects/{project.pk}/steps/new/", {"type": type_key, "title": title})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Step.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_the_add_page_offers_every_registered_type_with_its_description(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    page = admin_client.get(f"/gestion/projects/{project.pk}/steps/new/").content.decode()
    for step_type in step_types:
        assert f'value="{step_type.key}"' in page
        assert str(step_type.description) in page


def test_a_step_needs_a_known_type_and_a_title(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    response = admin_client.post(f"/gestion/projects/{project.pk}/steps/new/", {"type": "nonsense", "title": ""})
    assert response.status_code == 400
    with in_instance(instance_a):
        assert not Step.objects.exists()


@pytest.mark.parametrize("type_key", [t.key for t in step_types])
def test_each_type_of_step_is_created_unpublished_with_what_it_needs(instance_a, admin_client, type_key):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, type_key)
        assert not step.is_enabled and step.position == 1
        if type_key == "questionnaire":
            assert step.questionnaire.form.pk
        elif type_key == "votation":
            assert Votation.objects.get(step=step).form_id
        elif type_key == "consultation":
            assert Consultation.objects.filter(step=step).count() == 1
        elif type_key == "debate":
            assert Debate.objects.get(step=step).question == "Nouvelle étape"
        elif type_key == "collect":
            assert step.settings["proposal_form_id"]
            assert step.settings["vote"]["type"] == "none"
    # Every step page of the back office opens, whatever the type, and leads to the forms the step created.
    page = admin_client.get(f"/gestion/steps/{step.pk}/")
    assert page.status_code == 200
    if type_key == "collect":
        assert f'href="/gestion/forms/{step.settings["proposal_form_id"]}/"' in page.content.decode()
    elif type_key == "votation":
        assert f'href="/gestion/forms/{step.votation.form_id}/"' in page.content.decode()
    if step.step_type.settings_form:
        assert admin_client.get(f"/gestion/steps/{step.pk}/settings/").status_code == 200
    else:
        assert admin_client.get(f"/gestion/steps/{step.pk}/settings/").status_code == 404


def test_a_questionnaire_without_question_cannot_be_published(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "questionnaire", "Votre avis")
    page = admin_client.get(f"/gestion/steps/{step.pk}/").content.decode()
    assert "The questionnaire has no question yet." in page
    # The step leads to the form builder of its questionnaire.
    assert f'href="/gestion/forms/{step.questionnaire.form_id}/">Questions of the questionnaire</a>' in page
    refused = admin_client.post(f"/gestion/steps/{step.pk}/publish/", follow=True).content.decode()
    assert "The step cannot be published yet: The questionnaire has no question yet." in refused
    with in_instance(instance_a):
        step.refresh_from_db()
        assert not step.is_enabled
        Question.objects.create(form=step.questionnaire.form, type="text", title="Pourquoi ?")
    admin_client.post(f"/gestion/steps/{step.pk}/publish/")
    with in_instance(instance_a):
        step.refresh_from_db()
        assert step.is_enabled
    project_page = admin_client.get(f"/gestion/projects/{project.pk}/").content.decode()
    assert "Votre avis" in project_page and "The questionnaire has no question yet." not in project_page


def test_a_budget_vote_needs_an_envelope(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "collect", "Dépôt")
    settings_page = admin_client.get(f"/gestion/steps/{step.pk}/settings/")
    assert settings_page.status_code == 200
    form_id = step.settings["proposal_form_id"]
    assert f'<option value="{form_id}" selected>' in settings_page.content.decode()
    data = {"visibility": "public", "vote_type": "budget", "rule": "greedy", "proposal_form": form_id}
    response = admin_client.post(f"/gestion/steps/{step.pk}/settings/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_instance(instance_a):
        step.refresh_from_db()
    assert step.settings["vote"]["type"] == "budget"
    assert step.settings["proposal_form_id"] == form_id  # the form the step created is kept
    refused = admin_client.post(f"/gestion/steps/{step.pk}/publish/", follow=True).content.decode()
    assert "The budget vote has no envelope." in refused
    admin_client.post(f"/gestion/steps/{step.pk}/settings/", {**data, "budget": "250000"})
    admin_client.post(f"/gestion/steps/{step.pk}/publish/")
    with in_instance(instance_a):
        step.refresh_from_db()
        assert step.is_enabled


def test_a_presentation_step_without_text_cannot_be_published(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "presentation", "Le projet")
    admin_client.post(f"/gestion/steps/{step.pk}/publish/")
    with in_instance(instance_a):
        step.refresh_from_db()
        assert not step.is_enabled


def test_editing_a_step_saves_dates_text_and_requirements(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "presentation", "Le projet")
    data = {"title": "Le projet", "slug": "le-projet", "starts_at": "2030-01-01T09:00", "ends_at": "2029-01-01T09:00",
            "body": "<p>Texte</p>", "require": ["confirmed_email"], "allowed_zip_codes": "97300, ???"}
    refused = admin_client.post(f"/gestion/steps/{step.pk}/", data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "A step must close after it opens." in html and "is not a zip code" in html
    data.update(ends_at="2030-02-01T18:00", allowed_zip_codes="97300")
    assert admin_client.post(f"/gestion/steps/{step.pk}/", data).status_code == 302
    with in_instance(instance_a):
        step.refresh_from_db()
    assert step.body == "<p>Texte</p>" and step.starts_at and step.ends_at > step.starts_at
    assert step.requirements == ["confirmed_email", {"kind": "zip_code", "allowed": ["97300"]}]


def test_two_steps_of_a_project_cannot_share_an_address(instance_a, admin_client):
    make_project(instance_a, "parc", steps=[{"slug": "intro"}, {"slug": "suite"}])
    with in_instance(instance_a):
        step = Step.objects.get(slug="suite")
    response = admin_client.post(f"/gestion/steps/{step.pk}/", {"title": "Suite", "slug": "intro"})
    assert response.status_code == 400
    assert "Another step of this project already uses this web address." in response.content.decode()


def test_steps_move_up_and_down(instance_a, admin_client):
    project = make_project(instance_a, "parc", steps=[{"title": "Un"}, {"title": "Deux"}, {"title": "Trois"}])
    with in_instance(instance_a):
        three = Step.objects.get(title="Trois")
        one = Step.objects.get(title="Un")
    response = admin_client.post(f"/gestion/steps/{three.pk}/move/", {"direction": "up"})
    assert response["Location"] == f"/gestion/projects/{project.pk}/#step-{three.pk}"
    admin_client.post(f"/gestion/steps/{one.pk}/move/", {"direction": "up"})  # already first: nothing moves
    with in_instance(instance_a):
        assert [s.title for s in Step.objects.filter(project=project).order_by("position")] == ["Un", "Trois", "Deux"]
    admin_client.post(f"/gestion/steps/{one.pk}/move/", {"direction": "down"})
    with in_instance(instance_a):
        assert [s.title for s in Step.objects.filter(project=project).order_by("position")] == ["Trois", "Un", "Deux"]
    assert admin_client.post(f"/gestion/steps/{one.pk}/move/", {"direction": "sideways"}).status_code == 400
    page = admin_client.get(f"/gestion/projects/{project.pk}/").content.decode()
    assert page.index(">Trois</a>") < page.index(">Un</a>") < page.index(">Deux</a>")


def test_a_project_administrator_manages_only_their_steps(instance_a, participant_a):
    mine = make_project(instance_a, "mien", administrators=[participant_a], steps=[{"title": "A moi"}])
    theirs = make_project(instance_a, "autre", steps=[{"title": "Pas a moi"}])
    client = host_client("a.test", participant_a)
    with in_instance(instance_a):
        my_step = Step.objects.get(project=mine)
        their_step = Step.objects.get(project=theirs)
    assert client.get(f"/gestion/steps/{my_step.pk}/").status_code == 200
    assert client.get(f"/gestion/projects/{mine.pk}/steps/new/").status_code == 200
    assert client.get(f"/gestion/steps/{their_step.pk}/").status_code == 404
    assert client.get(f"/gestion/projects/{theirs.pk}/steps/new/").status_code == 404
    for action in ("move", "publish"):
        assert client.post(f"/gestion/steps/{their_step.pk}/{action}/", {"direction": "up"}).status_code == 404


def test_steps_of_instance_b_are_not_found_on_a(instance_a, instance_b, admin_client):
    project = make_project(instance_b, "projet-b", steps=[{"title": "Etape de B"}])
    with in_instance(instance_b):
        step = Step.objects.get(project=project)
    for path in (f"/gestion/steps/{step.pk}/", f"/gestion/steps/{step.pk}/settings/",
                 f"/gestion/projects/{project.pk}/steps/new/"):
        assert admin_client.get(path).status_code == 404
    assert admin_client.post(f"/gestion/steps/{step.pk}/publish/").status_code == 404


def test_the_public_page_is_linked_once_the_step_is_published(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "presentation", "Le projet")
        public = step.get_absolute_url()
    assert f'href="{public}"' not in admin_client.get(f"/gestion/steps/{step.pk}/").content.decode()
    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(body="<p>Texte</p>")
    admin_client.post(f"/gestion/steps/{step.pk}/publish/")
    assert f'href="{public}"' in admin_client.get(f"/gestion/steps/{step.pk}/").content.decode()
    assert admin_client.get(public).status_code == 200


def test_the_generic_settings_page_leaves_the_envelopes_per_district_to_the_vote_editor(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "collect", "Dépôt")
        north = District.objects.create(name="Nord", slug="nord")
        south = District.objects.create(name="Sud", slug="sud")
        envelopes = {str(north.pk): "70000.00", str(south.pk): "30000.00"}
        Step.objects.filter(pk=step.pk).update(settings={
            **step.settings, "vote": {"type": "budget", "rule": "greedy", "district_budgets": envelopes}
        })
    page = admin_client.get(f"/gestion/steps/{step.pk}/settings/").content.decode()
    assert 'name="district_budgets"' not in page and 'name="vote_type"' in page
    # The vote editor is where they are: one amount field per district.
    editor = admin_client.get(f"/gestion/proposals/steps/{step.pk}/vote/").content.decode()
    assert f'name="envelope_{north.pk}"' in editor and 'value="70000' in editor
    # Saving the generic page (even with a stray old field posted) keeps them as they were.
    data = {"visibility": "public", "vote_type": "budget", "rule": "greedy", "max_choices": "3",
            "district_budgets": f"{north.pk} = 1"}
    response = admin_client.post(f"/gestion/steps/{step.pk}/settings/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_instance(instance_a):
        step.refresh_from_db()
    assert step.settings["vote"]["district_budgets"] == envelopes
    assert step.settings["vote"]["max_choices"] == 3 and step.settings["vote"]["type"] == "budget"


def _picture(size=(400, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (34, 85, 136)).save(buffer, format="PNG")
    return SimpleUploadedFile("couverture.png", buffer.getvalue(), content_type="image/png")


def test_a_step_takes_a_cover_described_or_decorative(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    with in_instance(instance_a):
        step = _add(admin_client, project, "presentation", "Le projet")
    url = f"/gestion/steps/{step.pk}/"
    page = admin_client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="cover"' in page and 'name="cover_decorative"' in page
    data = {"title": "Le projet", "slug": "le-projet", "body": "<p>Le parc</p>"}
    missing = admin_client.post(url, {**data, "cover": _picture()})
    assert missing.status_code == 400 and "Describe the image, or mark it as decorative" in missing.content.decode()
    small = admin_client.post(url, {**data, "cover": _picture((40, 20)), "cover_alt": "Le parc"})
    assert small.status_code == 400 and "too small" in small.content.decode()
    not_an_image = SimpleUploadedFile("c.png", b"<svg onload=alert(1)>", content_type="image/png")
    fake = admin_client.post(url, {**data, "cover_alt": "x", "cover": not_an_image})
    assert fake.status_code == 400
    with in_instance(instance_a):
        step.refresh_from_db()
        assert not step.cover
    described = admin_client.post(url, {**data, "cover": _picture(), "cover_alt": "Le parc au printemps"})
    assert described.status_code == 302, described.content.decode()[:3000]
    with in_instance(instance_a):
        step.refresh_from_db()
        assert step.cover and step.cover_alt == "Le parc au printemps"
    # Kept as it is, then marked decorative: its description is emptied.
    assert admin_client.post(url, {**data, "cover_alt": "Le parc au printemps"}).status_code == 302
    assert admin_client.post(url, {**data, "cover_alt": "ignoré", "cover_decorative": "on"}).status_code == 302
    with in_instance(instance_a):
        step.refresh_from_db()
        assert step.cover and step.cover_alt == ""
    # A kept image with no description and not decorative: refused.
    assert admin_client.post(url, {**data, "cover_alt": ""}).status_code == 400
