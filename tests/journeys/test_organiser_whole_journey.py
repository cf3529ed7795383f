"""An organiser's whole participation, in a real browser (JS off, and on with axe), only through /gestion/:
from an empty instance, the administrator creates a project, adds a consultation imported from a Markdown text
with 3 sections, a 10-question questionnaire with a logic jump and two questions with settings, an idea box with
two categories and a votation with a list electorate, publishes the consultation and the project.

With SCREENSHOTS=1 (`make screenshots`), the JS run pictures each screen into docs/organisers/img/ for the
organisers' guide. What this journey does not cover yet is listed in docs/organisers/README.md ("Parcours complet").
"""

import os
from pathlib import Path

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.consultation.gestion_helpers import MARKDOWN
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser

PICTURES_DIR = Path(__file__).resolve().parents[2] / "docs" / "organisers" / "img"


def _picture(journey, name):
    if os.environ.get("SCREENSHOTS") == "1" and journey.mode == "js":
        PICTURES_DIR.mkdir(parents=True, exist_ok=True)
        journey.page.screenshot(path=PICTURES_DIR / f"parcours-{name}.png")


def _add_step(journey, project, type_key, title):
    journey.visit(f"/gestion/projects/{project.pk}/")
    journey.press("main a[href$='/steps/new/']", checkpoint=f"add-step-{type_key}")
    journey.tick(f"input[name=type][value={type_key}]")
    journey.fill("#id_title", title)
    if type_key == "collect":
        _picture(journey, "ajout-etape")
    journey.submit(checkpoint=f"step-{type_key}")


def _add_question(journey, type_key, title):
    journey.press("main a[href$='/questions/new/']")
    journey.tick(f"input[name=type][value={type_key}]")
    journey.fill("#id_title", title)
    journey.submit()


@pytest.mark.parametrize("mode", ["nojs", "js"], indirect=True)
def test_an_organiser_builds_a_whole_participation_in_gestion(journey, site, tmp_path):
    from participe.forms.models import LogicJump, Question
    from participe.modules.consultation.models import Section
    from participe.projects.models import Project, Step

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.press("nav.account-nav a[href='/gestion/']", checkpoint="dashboard")
    journey.press("nav.gestion__nav a[href='/gestion/projects/']", checkpoint="projects")
    journey.press("main a[href='/gestion/projects/new/']", checkpoint="project-form")
    journey.fill("#id_title", "Ville numérique 2027")
    journey.fill("#id_body", "Un texte à amender, un questionnaire, des idées et une votation.")
    _picture(journey, "nouveau-projet")
    journey.submit(checkpoint="project")
    with in_instance(site):
        project = Project.objects.get()

    # A consultation from a Markdown text with 3 sections.
    _add_step(journey, project, "consultation", "Le texte en consultation")
    with in_instance(site):
        consultation = Step.objects.get(type="consultation").consultations.get()
    journey.visit(f"/gestion/consultation/{consultation.pk}/import/", checkpoint="import")
    text = tmp_path / "texte.md"
    text.write_text(MARKDOWN, encoding="utf-8")
    journey.page.set_input_files("#id_document", str(text))
    journey.submit(checkpoint="import-preview")
    _picture(journey, "import-markdown")
    journey.press("main form[action$='/import/confirm/'] button[type=submit]", checkpoint="imported")
    with in_instance(site):
        assert Section.objects.filter(consultation=consultation).count() == 3
        consultation_step = Step.objects.get(type="consultation")
    journey.visit(f"/gestion/steps/{consultation_step.pk}/", checkpoint="consultation-step")
    journey.press("main form[action$='/publish/'] button[type=submit]", checkpoint="consultation-published")
    assert "L'étape est publiée." in journey.page.content()

    # A questionnaire of 10 questions, two of them with settings, and a logic jump.
    _add_step(journey, project, "questionnaire", "Votre avis sur le numérique")
    with in_instance(site):
        form_id = Step.objects.get(type="questionnaire").questionnaire.form_id
    journey.press(f"main a[href='/gestion/forms/{form_id}/']", checkpoint="form")
    _add_question(journey, "single_choice", "Utilisez-vous les services en ligne de la ville ?")
    journey.fill("#id_choices-0-label", "Souvent")
    journey.fill("#id_choices-1-label", "Jamais")
    journey.tick("#id_settings-random_order")
    journey.submit(checkpoint="form-with-choice")
    _add_question(journey, "short_text", "Le service qui vous manque")
    journey.fill("#id_settings-max_length", "120")
    journey.submit(checkpoint="form-with-text")
    for number in range(3, 11):
        _add_question(journey, "short_text", f"Question {number}")
        journey.submit()  # its settings page, left as it is
    with in_instance(site):
        choice_question = Question.objects.get(form_id=form_id, title__startswith="Utilisez-vous")
        assert Question.objects.filter(form_id=form_id).count() == 10
    journey.press(f"main a[href='/gestion/questions/{choice_question.pk}/logic/']", checkpoint="logic")
    journey.page.select_option("#id_jumps-0-choice", label="Jamais")
    journey.page.select_option("#id_jumps-0-destination", label="La fin du formulaire")
    journey.submit(checkpoint="form-with-jump")
    _picture(journey, "questionnaire-saut-logique")
    with in_instance(site):
        assert LogicJump.objects.get(question=choice_question).choice.label == "Jamais"
        assert choice_question.config["random_order"] is True

    # An idea box and a votation: their steps and the editors they list.
    _add_step(journey, project, "collect", "Boîte à idées")
    with in_instance(site):
        collect = Step.objects.get(type="collect")
    journey.visit(f"/gestion/proposals/steps/{collect.pk}/categories/", checkpoint="categories")
    for name, colour in (("Mobilités", "#225588"), ("Nature en ville", "#2a7a4f")):
        journey.fill("#id_new-name", name)
        journey.page.fill("#id_new-colour", colour)
        journey.press("main form:has(input[name=form][value=add]) button[type=submit]")
    _picture(journey, "boite-a-idees-categories")
    with in_instance(site):
        assert set(collect.proposal_categories.values_list("name", flat=True)) == {"Mobilités", "Nature en ville"}
    _add_step(journey, project, "votation", "Votation sur la charte")
    from participe.modules.votations.models import Elector, Votation

    with in_instance(site):
        votation_step = Step.objects.get(type="votation")
    journey.visit(f"/gestion/votations/steps/{votation_step.pk}/settings/", checkpoint="votation-settings")
    journey.fill("#id_starts_at", "2030-03-01T08:00")
    journey.fill("#id_ends_at", "2030-03-15T20:00")
    journey.tick("input[name=electorate][value=list]")
    journey.submit()
    assert "Les réglages de la votation sont enregistrés." in journey.page.content()
    journey.visit(f"/gestion/votations/steps/{votation_step.pk}/electorate/", checkpoint="votation-electorate")
    journey.fill("#id_lines", "electrice@example.org; Camille Martin")
    journey.submit(checkpoint="votation-list-preview", form="main form[enctype='multipart/form-data']")
    _picture(journey, "votation-liste-electorale")
    journey.submit(form="main form[action$='/electorate/import/']")
    with in_instance(site):
        votation = Votation.objects.get(step=votation_step)
        assert votation.electorate == "list"
        assert Elector.objects.get(votation=votation).name == "Camille Martin"
    with in_instance(site):
        assert set(Step.objects.filter(project=project).values_list("type", flat=True)) == {
            "consultation", "questionnaire", "collect", "votation"
        }
    journey.visit(f"/gestion/projects/{project.pk}/", checkpoint="project-steps")
    _picture(journey, "projet-et-etapes")
    journey.press(f"main form[action='/gestion/projects/{project.pk}/publish/'] button[type=submit]")
    assert "Le projet est publié." in journey.page.content()
    with in_instance(site):
        project.refresh_from_db()
        assert project.is_published
    assert "/admin/" not in journey.page.url
