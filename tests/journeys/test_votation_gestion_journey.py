"""A votation run from the back office, in a real browser: the organiser chooses an electorate by list, imports the
list after its preview, an elector votes with the link of their invitation, then the organiser counts the ballots,
reviews the results and publishes them (nothing public before)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.forms.builders import make_form
from tests.journeys.steps import last_link_sent_to, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def ballot(site):
    from participe.modules.votations.setup import create_votation
    from participe.projects.models import Project, Step

    with in_instance(site):
        project = Project.objects.create(title="Conseil citoyen", slug="conseil-citoyen", is_published=True)
        now = timezone.now()
        step = Step.objects.create(
            project=project, type="votation", title="Élection du bureau", slug="election",
            starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=8),
        )
        votation = create_votation(step)
        form, questions = make_form(
            "Bulletin", [("single_choice", "Présidence", {"choices": ["Alice", "Bruno"], "required": True})]
        )
        votation.form = form
        votation.save(update_fields=["form"])
        choices = {choice.label: choice.pk for choice in questions[0].choices.all()}
    return votation, questions[0], choices


def _leave(journey):
    """Another person at the same browser: the organiser's session is gone."""
    journey.page.context.clear_cookies()


def _move(votation, starts, ends):
    from participe.projects.models import Step

    now = timezone.now()
    with in_instance(votation.instance):
        Step.objects.filter(pk=votation.step_id).update(starts_at=now + starts, ends_at=now + ends)


@pytest.mark.parametrize("mode", ["nojs", "js"])
def test_a_votation_by_list_from_the_electorate_to_the_published_results(journey, site, ballot, mailoutbox):
    from participe.modules.votations.models import Elector, Votation

    votation, presidency, choices = ballot
    step_id = votation.step_id
    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)

    # The electorate: an imported list, checked and previewed before anything is written.
    journey.visit(f"/gestion/steps/{step_id}/", checkpoint="votation-step")
    journey.press(f"main a[href='/gestion/votations/steps/{step_id}/settings/']", checkpoint="votation-settings")
    journey.tick("input[name=electorate][value=list]")
    journey.submit()
    assert "Les réglages de la votation sont enregistrés." in journey.page.content()
    journey.press(f"main nav a[href='/gestion/votations/steps/{step_id}/electorate/']", checkpoint="votation-electorate")
    journey.fill("#id_lines", "electrice@example.org; Camille Martin\npas-une-adresse")
    journey.submit(form="main form[enctype='multipart/form-data']")
    assert "Ligne 2 : aucune adresse e-mail" in journey.page.text_content("main")
    journey.press("main a.button[href$='/electorate/']")
    journey.fill("#id_lines", "electrice@example.org; Camille Martin")
    journey.submit(checkpoint="votation-list-preview", form="main form[enctype='multipart/form-data']")
    assert "Camille Martin" in journey.page.text_content("main table")
    journey.submit(form="main form[action$='/electorate/import/']")
    assert "1 électeurs ajoutés" in journey.page.text_content("main") or "1 électeur" in journey.page.text_content("main")
    with in_instance(site):
        assert Votation.objects.get(pk=votation.pk).electorate == "list"
        assert Elector.objects.get(votation=votation).name == "Camille Martin"
    link = last_link_sent_to("electrice@example.org", "/invitation/")
    _leave(journey)

    # The vote opens; the elector follows the link of her invitation.
    _move(votation, timedelta(hours=-1), timedelta(days=2))
    journey.visit(link, checkpoint="votation-invited")
    journey.tick(f"input[name='{presidency.field_name}'][value='{choices['Alice']}']")
    journey.submit(checkpoint="votation-receipt")
    assert journey.sees("strong.receipt")

    # After the close nothing is public until the organiser publishes the count.
    _move(votation, timedelta(days=-3), timedelta(minutes=-1))
    journey.visit(f"/votations/{votation.pk}/")
    assert "Alice" not in journey.page.text_content("main")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit(f"/gestion/votations/steps/{step_id}/results/", checkpoint="votation-to-count")
    journey.submit(form="main form[action$='/results/count/']")
    assert "Alice" in journey.page.text_content("main")
    journey.screenshot("votation-review")
    journey.submit(form="main form[action$='/results/publish/']")
    assert "Les résultats sont publiés" in journey.page.text_content("main")
    journey.visit(f"/gestion/votations/steps/{step_id}/register/", checkpoint="votation-register")
    assert "Camille Martin" in journey.page.text_content("main table")
    _leave(journey)
    journey.visit(f"/votations/{votation.pk}/", checkpoint="votation-published")
    assert "Alice" in journey.page.text_content("main") and "100" in journey.page.text_content("main")
