import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.instances.scoping import in_instance
from participe.projects.models import Project, Step, Visibility
from tests.conftest import host_client, make_user
from tests.projects.conftest import make_project


def _project_data(**overrides):
    data = {"title": "Budget participatif 2027", "slug": "", "summary": "", "body": "<p>Bienvenue</p>",
            "cover_alt": "", "visibility": Visibility.PUBLIC}
    data.update(overrides)
    return data


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")


def test_an_instance_admin_creates_a_project_with_a_described_cover(instance_a, admin_client):
    missing_alt = admin_client.post("/gestion/projects/new/", _project_data(cover=_png()))
    assert missing_alt.status_code == 400
    assert "Describe the image, or mark it as decorative" in missing_alt.content.decode()
    response = admin_client.post("/gestion/projects/new/", _project_data(cover=_png(), cover_alt="Un parc",
                                                                         body='<p onclick="x()">Bienvenue<script>1</script></p>'))
    assert response.status_code == 302
    with in_instance(instance_a):
        project = Project.objects.get()
    assert response["Location"] == f"/gestion/projects/{project.pk}/"
    assert project.slug == "budget-participatif-2027" and not project.is_published
    assert project.cover and project.cover_alt == "Un parc"
    assert project.body == "<p>Bienvenue</p>"  # sanitised


def test_a_file_that_is_not_an_image_is_refused(instance_a, admin_client):
    not_an_image = SimpleUploadedFile("cover.png", b"<?php echo 1; ?>", content_type="image/png")
    response = admin_client.post("/gestion/projects/new/", _project_data(cover=not_an_image, cover_alt="x"))
    assert response.status_code == 400
    with in_instance(instance_a):
        assert not Project.objects.exists()


def test_a_restricted_project_needs_a_group(instance_a, admin_client):
    response = admin_client.post("/gestion/projects/new/", _project_data(visibility=Visibility.RESTRICTED))
    assert response.status_code == 400
    assert "Choose at least one group for a restricted project." in response.content.decode()


def test_editing_keeps_themes_and_districts(instance_a, admin_client):
    from participe.projects.models import district_model, theme_model

    project = make_project(instance_a, "parc", is_published=False)
    with in_instance(instance_a):
        theme = theme_model().objects.create(name="Nature", slug="nature")
        district = district_model().objects.create(name="Nord", slug="nord")
    page = admin_client.get(f"/gestion/projects/{project.pk}/edit/")
    assert page.status_code == 200 and "Nature" in page.content.decode()
    response = admin_client.post(f"/gestion/projects/{project.pk}/edit/",
                                 _project_data(title="Parc", slug="parc", themes=[theme.pk], districts=[district.pk]))
    assert response.status_code == 302
    with in_instance(instance_a):
        project.refresh_from_db()
        assert list(project.themes.all()) == [theme] and list(project.districts.all()) == [district]
        assert project.title == "Parc"


def test_the_list_filters_by_status(instance_a, admin_client):
    make_project(instance_a, "brouillon", title="Projet brouillon", is_published=False)
    make_project(instance_a, "publie", title="Projet publié")
    make_project(instance_a, "archive", title="Projet archivé", is_archived=True)
    everything = admin_client.get("/gestion/projects/").content.decode()
    assert all(t in everything for t in ("Projet brouillon", "Projet publié", "Projet archivé"))
    drafts = admin_client.get("/gestion/projects/?status=draft").content.decode()
    assert "Projet brouillon" in drafts and "Projet publié" not in drafts and "Projet archivé" not in drafts
    archived = admin_client.get("/gestion/projects/?status=archived").content.decode()
    assert "Projet archivé" in archived and "Projet brouillon" not in archived
    assert admin_client.get("/gestion/projects/?status=nonsense&page=abc").status_code == 200


def test_a_project_administrator_sees_and_edits_only_their_projects(instance_a, participant_a):
    mine = make_project(instance_a, "mien", title="Mon projet", administrators=[participant_a])
    theirs = make_project(instance_a, "autre", title="Autre projet")
    client = host_client("a.test", participant_a)
    listing = client.get("/gestion/projects/").content.decode()
    assert "Mon projet" in listing and "Autre projet" not in listing
    assert client.get(f"/gestion/projects/{mine.pk}/").status_code == 200
    assert client.get(f"/gestion/projects/{mine.pk}/edit/").status_code == 200
    for path in ("", "edit/"):
        assert client.get(f"/gestion/projects/{theirs.pk}/{path}").status_code == 404
    for action in ("publish", "archive"):
        assert client.post(f"/gestion/projects/{theirs.pk}/{action}/").status_code == 404
    # Creating and duplicating projects is the instance administrators' job.
    assert client.get("/gestion/projects/new/").status_code == 403
    assert client.post(f"/gestion/projects/{mine.pk}/duplicate/").status_code == 403


def test_moderators_and_analysts_do_not_manage_projects(instance_a, moderator_a):
    project = make_project(instance_a, "parc")
    analyst = make_user(instance_a, "analyst@a.test", is_analyst=True)
    for user in (moderator_a, analyst):
        client = host_client("a.test", user)
        assert client.get("/gestion/projects/").status_code == 403
        assert client.get(f"/gestion/projects/{project.pk}/").status_code == 403


def test_instance_b_projects_never_show_on_a(instance_a, instance_b, admin_client):
    other = make_project(instance_b, "projet-b", title="Projet de B")
    assert "Projet de B" not in admin_client.get("/gestion/projects/").content.decode()
    assert "Projet de B" not in admin_client.get("/gestion/").content.decode()
    assert admin_client.get(f"/gestion/projects/{other.pk}/").status_code == 404
    assert admin_client.post(f"/gestion/projects/{other.pk}/duplicate/").status_code == 404
    assert admin_client.post(f"/gestion/projects/{other.pk}/archive/").status_code == 404


def test_duplicate_copies_the_project_and_its_steps_unpublished(instance_a, admin_client):
    project = make_project(instance_a, "parc", title="Parc", steps=[
        {"type": "presentation", "body": "<p>Intro</p>"},
        {"type": "questionnaire", "title": "Avis"},
    ])
    response = admin_client.post(f"/gestion/projects/{project.pk}/duplicate/")
    assert response.status_code == 302
    with in_instance(instance_a):
        copy = Project.objects.exclude(pk=project.pk).get()
        steps = list(copy.steps.order_by("position"))
        assert copy.title == "Copy of Parc" and copy.slug == "copy-of-parc" and not copy.is_published
        assert [s.title for s in steps] == ["Step 1", "Avis"] and not any(s.is_enabled for s in steps)
        assert steps[1].questionnaire.form_id  # its content is created, not shared with the original
        assert Step.objects.filter(project=project).count() == 2


def test_archive_and_back(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    admin_client.post(f"/gestion/projects/{project.pk}/archive/")
    with in_instance(instance_a):
        project.refresh_from_db()
        assert project.is_archived
    admin_client.post(f"/gestion/projects/{project.pk}/archive/", {"archive": "0"})
    with in_instance(instance_a):
        project.refresh_from_db()
        assert not project.is_archived


def test_a_project_without_a_published_step_cannot_be_published(instance_a, admin_client):
    project = make_project(instance_a, "parc", is_published=False, steps=[{"is_enabled": False, "body": "<p>x</p>"}])
    response = admin_client.post(f"/gestion/projects/{project.pk}/publish/", follow=True)
    assert "The project cannot be published yet: No step is published yet." in response.content.decode()
    with in_instance(instance_a):
        project.refresh_from_db()
        assert not project.is_published
        Step.objects.filter(project=project).update(is_enabled=True)
    admin_client.post(f"/gestion/projects/{project.pk}/publish/")
    with in_instance(instance_a):
        project.refresh_from_db()
        assert project.is_published
    admin_client.post(f"/gestion/projects/{project.pk}/publish/", {"publish": "0"})
    with in_instance(instance_a):
        project.refresh_from_db()
        assert not project.is_published


def test_the_actions_need_post(instance_a, admin_client):
    project = make_project(instance_a, "parc")
    for action in ("publish", "archive", "duplicate"):
        assert admin_client.get(f"/gestion/projects/{project.pk}/{action}/").status_code == 405


def test_ids_out_of_range_are_not_found(instance_a, admin_client):
    huge = "9" * 25
    for path in (f"/gestion/projects/{huge}/", f"/gestion/steps/{huge}/", f"/gestion/projects/{huge}/steps/new/"):
        assert admin_client.get(path).status_code == 404
    assert admin_client.post(f"/gestion/steps/{huge}/move/", {"direction": "up"}).status_code == 404


def test_the_instance_admin_names_the_project_administrators_by_e_mail(instance_a, instance_b, admin_client, participant_a):
    make_user(instance_b, "stranger@b.test")
    project = make_project(instance_a, "parc", is_published=False)
    data = _project_data(title="Parc", slug="parc")
    refused = admin_client.post(f"/gestion/projects/{project.pk}/edit/",
                                {**data, "administrator_emails": "participant@a.test\nstranger@b.test"})
    assert refused.status_code == 400
    assert "No account of this site uses stranger@b.test." in refused.content.decode()
    assert admin_client.post(f"/gestion/projects/{project.pk}/edit/",
                             {**data, "administrator_emails": "not-an-address"}).status_code == 400
    response = admin_client.post(f"/gestion/projects/{project.pk}/edit/",
                                 {**data, "administrator_emails": "Participant@a.test"})
    assert response.status_code == 302
    with in_instance(instance_a):
        assert list(project.administrators.all()) == [participant_a]
    # The project administrator now manages it, but cannot change who administers it.
    client = host_client("a.test", participant_a)
    page = client.get(f"/gestion/projects/{project.pk}/edit/").content.decode()
    assert "administrator_emails" not in page
    client.post(f"/gestion/projects/{project.pk}/edit/", {**data, "administrator_emails": "admin@a.test"})
    with in_instance(instance_a):
        assert list(project.administrators.all()) == [participant_a]
