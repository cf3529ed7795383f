"""The organisers' back office, in a real browser (JS on, JS off, keyboard only): the administrator creates a
project, adds a questionnaire step that the checklist refuses to publish while it has no question, adds a
collect step, publishes it, moves it up, and publishes the project — only through /gestion/."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


def _add_step(journey, type_key, title):
    journey.press("main a[href$='/steps/new/']", checkpoint=f"add-step-{type_key}")
    journey.tick(f"input[name=type][value={type_key}]")
    journey.fill("#id_title", title)
    journey.submit(checkpoint=f"step-{type_key}")


def test_an_administrator_builds_a_project_in_gestion(journey, site):
    from participe.projects.models import Project, Step

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.press("nav.account-nav a[href='/gestion/']", checkpoint="dashboard")
    journey.press("nav.gestion__nav a[href='/gestion/projects/']", checkpoint="projects")
    journey.press("main a[href='/gestion/projects/new/']", checkpoint="project-form")
    journey.fill("#id_title", "Budget participatif 2027")
    journey.fill("#id_body", "Vos idées pour la ville.")
    journey.submit(checkpoint="project")
    with in_instance(site):
        project = Project.objects.get()
    assert journey.path == f"/gestion/projects/{project.pk}/"

    _add_step(journey, "questionnaire", "Votre avis")
    assert "Le questionnaire n'a pas encore de question." in journey.page.content()
    journey.press("main form[action$='/publish/'] button[type=submit]")
    assert "ne peut pas encore être publiée" in journey.page.content()
    with in_instance(site):
        questionnaire_step = Step.objects.get(type="questionnaire")
        assert not questionnaire_step.is_enabled and questionnaire_step.questionnaire.form_id

    journey.press(f"main a[href='/gestion/projects/{project.pk}/']")
    _add_step(journey, "collect", "Déposez vos idées")
    journey.press("main form[action$='/publish/'] button[type=submit]")
    assert "L'étape est publiée." in journey.page.content()
    with in_instance(site):
        collect_step = Step.objects.get(type="collect")
        assert collect_step.is_enabled and collect_step.settings["proposal_form_id"]

    journey.press(f"main a[href='/gestion/projects/{project.pk}/']")
    journey.press(f"#step-{collect_step.pk} form[action$='/move/'] button[type=submit]", checkpoint="reordered")
    with in_instance(site):
        assert list(Step.objects.filter(project=project).order_by("position").values_list("type", flat=True)) == [
            "collect", "questionnaire"
        ]
    journey.press(f"main form[action='/gestion/projects/{project.pk}/publish/'] button[type=submit]")
    assert "Le projet est publié." in journey.page.content()
    with in_instance(site):
        project.refresh_from_db()
        assert project.is_published
