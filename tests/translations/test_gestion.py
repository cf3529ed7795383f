"""The back office: the instance's languages, and translations side by side with the edit pages' roles."""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.forms.models import Choice, Form, Question
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.translations.models import Translation
from tests.conftest import host_client, make_user
from tests.projects.conftest import make_project
from tests.site.helpers import make_page
from tests.translations.helpers import offer, translate

pytestmark = pytest.mark.django_db


def _translations(obj):
    with in_instance(obj.instance):
        content_type = ContentType.objects.get_for_model(obj)
        rows = Translation.objects.filter(content_type=content_type, object_id=obj.pk)
        return {(row.field, row.language): row.text for row in rows}


def test_the_page_shows_the_french_text_beside_an_input_and_saves(instance_a, admin_a):
    project = make_project(instance_a, "verger", title="Le verger", body="<p>Des pommiers</p>")
    client = host_client("a.test", admin_a)
    url = f"/gestion/website/translations/project/{project.pk}/"
    edit_page = client.get(f"/gestion/projects/{project.pk}/edit/").content.decode()
    assert url in edit_page

    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Le verger" in body and "<p>Des pommiers</p>" in body
    assert f'name="project-{project.pk}-title-en"' in body and 'lang="en"' in body
    assert (
        'data-richtext="full"' in body
    )  # the body is edited with the rich-text editor, as in the original form

    saved = client.post(
        url,
        {
            f"project-{project.pk}-title-en": "The orchard",
            f"project-{project.pk}-body-en": "Apple trees\n\nAnd pears<script>x</script>",
        },
    )
    assert saved.status_code == 302
    texts = _translations(project)
    assert texts[("title", "en")] == "The orchard"
    assert texts[("body", "en")].startswith("<p>Apple trees</p>") and "<script>" not in texts[("body", "en")]
    assert ("summary", "en") not in texts

    # Emptying a translation deletes it: the French text shows again.
    client.post(
        url, {f"project-{project.pk}-title-en": "", f"project-{project.pk}-body-en": "<p>Apple trees</p>"}
    )
    assert ("title", "en") not in _translations(project)
    assert "Le verger" in host_client("a.test").get("/projects/verger/?lang=en").content.decode()


def test_roles_are_those_of_the_edit_page(instance_a, admin_a, participant_a):
    managed = make_project(instance_a, "gere", title="Géré")
    other = make_project(instance_a, "autre", title="Autre")
    project_admin = make_user(instance_a, "chef@a.test")
    with in_instance(instance_a):
        managed.administrators.add(project_admin)
    page = make_page(instance_a, "a-propos", title="À propos")

    assert (
        host_client("a.test").get(f"/gestion/website/translations/project/{managed.pk}/").status_code == 302
    )
    assert (
        host_client("a.test", participant_a)
        .get(f"/gestion/website/translations/project/{managed.pk}/")
        .status_code
        == 403
    )
    chief = host_client("a.test", project_admin)
    assert chief.get(f"/gestion/website/translations/project/{managed.pk}/").status_code == 200
    assert chief.get(f"/gestion/website/translations/project/{other.pk}/").status_code == 404
    assert (
        chief.post(
            f"/gestion/website/translations/project/{other.pk}/", {f"project-{other.pk}-title-en": "X"}
        ).status_code
        == 404
    )
    assert _translations(other) == {}
    # A project administrator does not manage the website's pages.
    assert chief.get(f"/gestion/website/translations/pages/{page.pk}/").status_code == 403
    admin = host_client("a.test", admin_a)
    assert admin.get(f"/gestion/website/translations/pages/{page.pk}/").status_code == 200
    assert admin.get(f"/gestion/website/translations/unknown/{page.pk}/").status_code == 404
    assert admin.get("/gestion/website/translations/menus/1/").status_code == 404


def test_another_instance_s_objects_are_not_found(instance_a, instance_b, admin_a, admin_b):
    project_b = make_project(instance_b, "parc", title="Parc B")
    page_b = make_page(instance_b, "page-b", title="Page B")
    client = host_client("a.test", admin_a)
    assert client.get(f"/gestion/website/translations/project/{project_b.pk}/").status_code == 404
    assert (
        client.post(
            f"/gestion/website/translations/pages/{page_b.pk}/", {f"page-{page_b.pk}-title-en": "X"}
        ).status_code
        == 404
    )
    assert _translations(page_b) == {}
    # B's administrator, signed in on A's address, is nobody there.
    assert (
        host_client("a.test", admin_b).get(f"/gestion/website/translations/pages/{page_b.pk}/").status_code
        == 302
    )


def test_a_question_is_translated_with_its_choices(instance_a, admin_a):
    with in_instance(instance_a):
        form = Form.objects.create(title="Enquête")
        question = Question.objects.create(
            form=form, type="single_choice", title="Votre quartier ?", position=1
        )
        choice = Choice.objects.create(question=question, label="Centre", position=1)
    client = host_client("a.test", admin_a)
    url = f"/gestion/website/translations/question/{question.pk}/"
    body = client.get(url).content.decode()
    assert "Centre" in body and f'name="choice-{choice.pk}-label-en"' in body
    client.post(
        url,
        {
            f"question-{question.pk}-title-en": "Your district?",
            f"choice-{choice.pk}-label-en": "Centre (town)",
        },
    )
    assert _translations(question)[("title", "en")] == "Your district?"
    assert _translations(choice)[("label", "en")] == "Centre (town)"


def test_one_language_hides_the_link_and_the_languages_page_sets_them(instance_a, admin_a):
    project = make_project(instance_a, "ecole", title="L'école")
    offer(instance_a, "fr")
    client = host_client("a.test", admin_a)
    assert (
        "/gestion/website/translations/"
        not in client.get(f"/gestion/projects/{project.pk}/edit/").content.decode()
    )
    assert (
        "one language only"
        in client.get(
            f"/gestion/website/translations/project/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        or "une seule langue"
        in client.get(f"/gestion/website/translations/project/{project.pk}/").content.decode()
    )

    page = client.get("/gestion/website/languages/")
    assert page.status_code == 200
    response = client.post("/gestion/website/languages/", {"default_language": "fr", "languages": ["en"]})
    assert response.status_code == 302
    assert Instance.objects.get(pk=instance_a.pk).languages == [
        "fr",
        "en",
    ]  # the default one is always offered
    assert (
        "/gestion/website/translations/"
        in client.get(f"/gestion/projects/{project.pk}/edit/").content.decode()
    )
    assert client.post("/gestion/website/languages/", {"default_language": "xx"}).status_code == 400
    # A participant may not change the site's languages.
    participant = host_client("a.test", make_user(instance_a, "p@a.test"))
    assert participant.post("/gestion/website/languages/", {"default_language": "en"}).status_code == 403
    assert Instance.objects.get(pk=instance_a.pk).default_language == "fr"


def test_deleting_an_object_deletes_its_translations(instance_a):
    page = make_page(instance_a, "temp", title="Temporaire")
    translate(page, "title", "Temporary")
    with in_instance(instance_a):
        page.delete()
        assert not Translation.objects.filter(text="Temporary").exists()
