"""A budget vote per district set up and its results published from the back office, in a real browser (with and
without JavaScript): the administrator chooses the step's districts, sets the vote and one envelope per district,
computes the results, reviews and publishes them; only then does the public see them."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def collect(site):
    from participe.modules.proposals.models import Proposal
    from participe.projects.models import Project, Step
    from participe.site.models import District

    with in_instance(site):
        project = Project.objects.create(title="Budget participatif", slug="budget", is_published=True)
        step = Step.objects.create(project=project, type="collect", title="Vote", slug="vote", is_enabled=True,
                                   settings={"visibility": "public", "vote": {"type": "none"}})
        north = District.objects.create(name="Nord", slug="nord", position=1)
        south = District.objects.create(name="Sud", slug="sud", position=2)
        District.objects.create(name="Port", slug="port", position=3)
        garden = Proposal.objects.create(step=step, title="Un jardin partagé", estimated_cost=60000, district=north,
                                         status="published")
        square = Proposal.objects.create(step=step, title="Une place ombragée", estimated_cost=25000, district=south,
                                         status="published")
    return step, north, south, garden, square


@pytest.mark.parametrize("mode", ["nojs", "js"], indirect=True)
def test_an_administrator_sets_a_budget_per_district_and_publishes_its_results(journey, site, collect, new_page):
    from participe.modules.proposals import ballots
    from participe.projects.models import Step

    step, north, south, garden, square = collect
    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit(f"/gestion/steps/{step.pk}/", checkpoint="budget-step")

    journey.press(f"main a[href='/gestion/proposals/steps/{step.pk}/categories/']", checkpoint="budget-districts")
    journey.tick(f"input[name=districts][value='{north.pk}']")
    journey.tick(f"input[name=districts][value='{south.pk}']")
    journey.press("main form:has(input[name=form][value=districts]) button[type=submit]")
    assert "Les quartiers de l'étape sont enregistrés." in journey.page.content()

    journey.press(f"main a[href='/gestion/steps/{step.pk}/']")
    journey.press(f"main a[href='/gestion/proposals/steps/{step.pk}/vote/']", checkpoint="budget-vote")
    assert journey.page.locator("input[name^=envelope_]").count() == 2  # the port is not a district of this step
    journey.page.select_option("#id_vote_type", "budget")
    journey.fill(f"#id_envelope_{north.pk}", "70000")
    journey.fill(f"#id_envelope_{south.pk}", "30000")
    journey.fill("#id_max_choices", "2")
    journey.submit(checkpoint="budget-vote-saved")
    assert "Le vote de l'étape est enregistré." in journey.page.content()
    with in_instance(site):
        step = Step.objects.get(pk=step.pk)
        assert step.settings["vote"]["district_budgets"] == {str(north.pk): "70000", str(south.pk): "30000"}
        for n in range(2):
            ballots.add(make_user(site, f"voisin{n}@example.org"), step, garden)
        ballots.add(make_user(site, "voisine@example.org"), step, square)

    journey.visit(f"/gestion/proposals/steps/{step.pk}/proposals/", checkpoint="budget-proposals")
    journey.press("nav.gestion__nav a[href='/gestion/proposals/analysis/']", checkpoint="analysis")
    journey.visit(f"/gestion/steps/{step.pk}/")
    journey.press(f"main a[href='/gestion/proposals/steps/{step.pk}/results/']", checkpoint="budget-results-empty")
    journey.press("main button[name=action][value=compute]")
    text = journey.page.text_content("main").replace("\xa0", " ").replace("\u202f", " ")
    assert "Non publiés" in text and "3 bulletins" not in text  # one ballot per voter and district
    assert "Un jardin partagé" in text.split("Nord", 1)[1] and "Une place ombragée" in text.split("Sud", 1)[1]
    assert "Enveloppe de 70 000 €" in text and "Enveloppe de 30 000 €" in text
    # A visitor, in another browser: nothing public before publication.
    visitor = new_page(mode=journey.mode)
    results_url = f"{journey.base_url}/proposals/step/{step.pk}/results/"
    visitor.goto(results_url)
    assert "Un jardin partagé" not in visitor.text_content("main")

    journey.press("main button[name=action][value=publish]", checkpoint="budget-results-published")
    assert "Les résultats sont publiés." in journey.page.content()
    visitor.goto(results_url)
    assert "Un jardin partagé" in visitor.text_content("main") and "Une place ombragée" in visitor.text_content("main")
