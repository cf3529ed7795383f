"""Switching the site to English in a real browser, with and without JavaScript: the translated project shows,
the choice is kept from page to page, and the French text stands in for what is not translated."""

import pytest

from tests.conftest import PASSWORD, host_client, make_user
from tests.journeys.steps import log_in
from tests.site.helpers import make_project
from tests.translations.helpers import translate

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("mode", ["nojs", "keyboard"])
def test_switch_to_english_and_see_a_translated_project(journey, site, mode):
    project = make_project(
        site, "verger", title="Le verger partagé", summary="Des arbres fruitiers pour tous"
    )
    translate(project, "title", "The shared orchard")
    # The live server runs in this process: a first request here compiles the templates before the browser
    # asks (under load, a cold first page took longer than the browser's 15 s).
    assert host_client("localhost").get("/projects/verger/").status_code == 200

    journey.visit("/projects/verger/", checkpoint="french")
    assert journey.page.get_attribute("html", "lang") == "fr"
    assert journey.sees("h1:has-text('Le verger partagé')")
    journey.press("button[name=language][value=en]", checkpoint="english")
    assert journey.path == "/projects/verger/"
    assert journey.page.get_attribute("html", "lang") == "en"
    assert journey.sees("h1:has-text('The shared orchard')")
    assert journey.sees("text=Des arbres fruitiers pour tous")  # not translated: the French text

    journey.visit("/projects/")
    assert journey.sees("text=The shared orchard") and not journey.sees("text=Le verger partagé")
    journey.press("button[name=language][value=fr]")
    assert journey.sees("text=Le verger partagé")


@pytest.mark.parametrize("mode", ["keyboard"])
def test_translate_a_project_side_by_side_in_the_back_office(journey, site, mode):
    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    project = make_project(site, "lavoir", title="Le lavoir", body="<p>Restaurer le lavoir</p>")
    url = f"/gestion/website/translations/project/{project.pk}/"
    assert host_client("localhost").get("/").status_code == 200  # warm the in-process server (see above)

    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit(f"/gestion/projects/{project.pk}/edit/")
    journey.press(f"a[href='{url}']", checkpoint="translations")  # axe checks the side-by-side page
    assert journey.sees("text=Restaurer le lavoir")
    journey.fill(f"#id_project-{project.pk}-title-en", "The wash house")
    journey.submit()
    assert journey.path == url
    journey.visit("/projects/lavoir/?lang=en")
    assert journey.sees("h1:has-text('The wash house')")
