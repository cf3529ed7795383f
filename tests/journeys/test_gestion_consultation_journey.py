"""The consultation's back office in a real browser (JS off, and on with axe): the administrator adds a
consultation step, which the checklist refuses to publish while its document is empty, imports a Markdown text
with 3 sections, checks the preview, confirms, and publishes the step — only through /gestion/."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.consultation.gestion_helpers import MARKDOWN
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("mode", ["nojs", "js"], indirect=True)
def test_an_administrator_imports_a_text_and_publishes_the_consultation(journey, site, tmp_path):
    from participe.modules.consultation.models import Opinion, Section
    from participe.projects.models import Project, Step

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    with in_instance(site):
        project = Project.objects.create(title="Loi pour une ville numérique", slug="ville-numerique")
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit(f"/gestion/projects/{project.pk}/", checkpoint="project")
    journey.press("main a[href$='/steps/new/']", checkpoint="add-step")
    journey.tick("input[name=type][value=consultation]")
    journey.fill("#id_title", "Consultation sur le projet de loi")
    journey.submit(checkpoint="step")
    assert "Le texte n'a pas encore de section" in journey.page.content()
    with in_instance(site):
        step = Step.objects.get(type="consultation")
        consultation = step.consultations.get()

    journey.press(f"main a[href='/gestion/consultation/{consultation.pk}/']", checkpoint="document")
    journey.press(f"main a[href='/gestion/consultation/{consultation.pk}/import/']", checkpoint="import")
    text = tmp_path / "projet-de-loi.md"
    text.write_text(MARKDOWN, encoding="utf-8")
    journey.page.set_input_files("#id_document", str(text))
    journey.submit(checkpoint="import-preview")
    content = journey.page.content()
    assert "3 sections" in content and "4 articles" in content and "Titre II — Le savoir" in content
    with in_instance(site):
        assert not Section.objects.filter(consultation=consultation).exists()
    journey.press("main form[action$='/import/confirm/'] button[type=submit]", checkpoint="imported")
    assert journey.path == f"/gestion/consultation/{consultation.pk}/"
    assert "Le texte est importé" in journey.page.content()
    with in_instance(site):
        assert Section.objects.filter(consultation=consultation).count() == 3
        assert Opinion.objects.filter(consultation=consultation, is_official=True).count() == 4

    with in_instance(site):
        first = Section.objects.filter(consultation=consultation).order_by("path").first()
    journey.press(f"#section-{first.pk} a[href='/gestion/consultation/sections/{first.pk}/']", checkpoint="section")
    journey.fill("#id_subtitle", "Ouvrir les données publiques")
    journey.submit(checkpoint="section-saved")
    with in_instance(site):
        assert Section.objects.get(pk=first.pk).subtitle == "Ouvrir les données publiques"
    for editor in ("participation", "answers", "final"):
        journey.visit(f"/gestion/consultation/{consultation.pk}/{editor}/", checkpoint=editor)

    journey.visit(f"/gestion/steps/{step.pk}/", checkpoint="step-ready")
    journey.press("main form[action$='/publish/'] button[type=submit]", checkpoint="published")
    assert "L'étape est publiée." in journey.page.content()
    with in_instance(site):
        assert Step.objects.get(pk=step.pk).is_enabled
