"""The main pages, for each kind of visitor: axe-core (WCAG 2.1 A/AA), 320 px wide, 200 % text.

320 px wide at normal text size is WCAG 1.4.10 (RGAA 10.11); 200 % text in a desktop window is
WCAG 1.4.4 (RGAA 10.4). Both without horizontal scrolling.

One row per page: modules add theirs (project page, each module's list and detail page).
A row is (label, who, path or function(site, people) → path).
"""

import pytest
from django.test import Client

from tests.conftest import make_user
from tests.journeys import accessibility
from tests.journeys.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

def _project(site, people):
    from participe.instances.scoping import in_instance
    from participe.projects.models import Project, Step

    with in_instance(site):
        project = Project.objects.create(
            title="Réaménager le parc des Rives", slug="parc-des-rives", summary="Vos idées pour le parc.",
            body="<p>Le parc sera réaménagé en 2027.</p>", is_published=True,
        )
        Step.objects.create(project=project, type="presentation", title="Présentation", slug="presentation")
    return project.get_absolute_url()


def _world(site, people):
    """The objects of every module on the site (the builders of the security crawler), built once per test."""
    from tests.security.world import build_world

    if "_world" not in people:
        everyone = dict(people)
        everyone["moderator"] = make_user(site, "moderator@example.org", display_name="Modératrice", is_moderator=True)
        everyone["other"] = make_user(site, "other@example.org", display_name="Autre participant")
        people["_world"] = build_world(site, everyone, "parc")
    return people["_world"]


def _at(build):
    """A path built from the world: `_at(lambda w: w.opinion.get_absolute_url())`."""
    return lambda site, people: build(_world(site, people))


def _receipt(world):
    return f"/votations/{world.closed_votation.pk}/ballots/?receipt=ABCD-EFGH-JKLM-NPQR"  # the page shows presence only



MODULE_PAGES = [
    ("consultation-plan", None, _at(lambda w: w.consultation.get_absolute_url())),
    ("consultation-section", None, _at(lambda w: w.section.get_absolute_url())),
    ("consultation-article", "participant", _at(lambda w: w.opinion.get_absolute_url())),
    ("consultation-amendment", "participant", _at(lambda w: w.amendment.get_absolute_url())),
    ("consultation-amend-form", "participant", _at(lambda w: f"/consultation/opinion/{w.opinion.pk}/amend/")),
    ("consultation-debate", "participant", _at(lambda w: w.debate.get_absolute_url())),
    ("consultation-ranking", None, _at(lambda w: f"/consultation/ranking/{w.ranking_step.pk}/")),
    ("proposals-list", None, _at(lambda w: f"/proposals/step/{w.collect_step.pk}/")),
    ("proposals-grid", "participant", _at(lambda w: f"/proposals/step/{w.collect_step.pk}/?view=grid")),
    ("proposals-map", None, _at(lambda w: f"/proposals/step/{w.collect_step.pk}/?view=map")),
    ("proposal", "participant", _at(lambda w: w.proposal.get_absolute_url())),
    ("proposal-form", "participant", _at(lambda w: f"/proposals/step/{w.collect_step.pk}/new/")),
    ("proposals-results", None, _at(lambda w: f"/proposals/step/{w.collect_step.pk}/results/")),
    ("questionnaire", None, _at(lambda w: w.questionnaire.get_absolute_url())),
    ("questionnaire-reply", "admin", _at(lambda w: f"/questionnaires/{w.questionnaire.pk}/reply/")),
    ("questionnaire-results", None, _at(lambda w: f"/questionnaires/{w.questionnaire.pk}/results/")),
    ("votation", "admin", _at(lambda w: w.votation.get_absolute_url())),
    ("votation-receipt-check", None, _at(_receipt)),
    ("blog", None, _at(lambda w: "/news/")),
    ("blog-post", None, _at(lambda w: f"/news/{w.post.slug}/")),
    ("agenda", None, _at(lambda w: "/agenda/")),
    ("event", "participant", _at(lambda w: f"/agenda/{w.event.slug}/")),
    ("content-page", None, _at(lambda w: f"/pages/{w.page.slug}/")),
    ("search", None, _at(lambda w: "/search/?q=parc")),
]

def _gestion(kind):
    """A page of the back office about a project with a questionnaire and a collect step (built once per test)."""

    def path(site, people):
        from participe.instances.scoping import in_instance
        from participe.projects.models import Project
        from participe.projects.registry import step_types

        if "_gestion" not in people:
            from participe.gestion.services import add_step

            with in_instance(site):
                project = Project.objects.create(title="Budget participatif", slug="budget-gestion")
                people["_gestion"] = {
                    "project": project,
                    "questionnaire": add_step(project, step_types["questionnaire"], "Votre avis"),
                    "collect": add_step(project, step_types["collect"], "Vos idées"),
                }
        made = people["_gestion"]
        return {
            "project": f"/gestion/projects/{made['project'].pk}/",
            "project-edit": f"/gestion/projects/{made['project'].pk}/edit/",
            "step-add": f"/gestion/projects/{made['project'].pk}/steps/new/",
            "step": f"/gestion/steps/{made['questionnaire'].pk}/",
            "step-settings": f"/gestion/steps/{made['collect'].pk}/settings/",
        }[kind]

    return path


GESTION_PAGES = [
    ("gestion-dashboard", "admin", "/gestion/"),
    ("gestion-projects", "admin", "/gestion/projects/"),
    ("gestion-project-new", "admin", "/gestion/projects/new/"),
    *[(f"gestion-{kind}", "admin", _gestion(kind)) for kind in ("project", "project-edit", "step-add", "step", "step-settings")],
]

def _choice_question(world):
    """A single choice question (two choices, then a later page) in the questionnaire's form, for the form builder."""
    from participe.forms.models import Choice, Question
    from participe.instances.scoping import in_instance

    with in_instance(world.form.instance):
        question, created = Question.objects.get_or_create(
            form=world.form, type="single_choice", title="Votre quartier", defaults={"position": 2},
        )
        if created:
            for position, label in enumerate(["Nord", "Sud"], start=1):
                Choice.objects.create(question=question, label=label, position=position)
            Question.objects.create(form=world.form, type="section", title="Pour finir", position=3)
            Question.objects.create(form=world.form, type="short_text", title="Commune", position=4)
    return question


def _builder(suffix):
    return _at(lambda w: suffix.format(form=_choice_question(w).form_id, question=_choice_question(w).pk))


FORM_BUILDER_PAGES = [
    ("gestion-forms", "admin", "/gestion/forms/"),
    ("gestion-form", "admin", _builder("/gestion/forms/{form}/")),
    ("gestion-form-preview", "admin", _builder("/gestion/forms/{form}/preview/")),
    ("gestion-question-add", "admin", _builder("/gestion/forms/{form}/questions/new/")),
    ("gestion-question", "admin", _builder("/gestion/questions/{question}/")),
    ("gestion-question-logic", "admin", _builder("/gestion/questions/{question}/logic/")),
    ("gestion-question-delete", "admin", _builder("/gestion/questions/{question}/delete/")),
    ("gestion-ballot-locked", "admin", _at(lambda w: f"/gestion/forms/{w.votation.form_id}/")),
]


def _module_page(step, suffix):
    return _at(lambda w: f"/gestion/{suffix.format(step=getattr(w, step).step_id, reply=w.reply.pk)}")


MODULE_GESTION_PAGES = [
    *((f"gestion-votation-{page}", "admin", _module_page("closed_votation", f"votations/steps/{{step}}/{page}/"))
      for page in ("settings", "electorate", "results", "register")),
    *((f"gestion-questionnaire-{page}", "admin", _module_page("questionnaire", f"questionnaires/steps/{{step}}/{page}/"))
      for page in ("answers", "statistics", "export", "settings")),
    ("gestion-questionnaire-answer", "admin", _module_page("questionnaire", "questionnaires/steps/{step}/answers/{reply}/")),
]

PAGES = [
    ("home", None, "/"),
    ("login", None, "/accounts/login/"),
    ("register", None, "/accounts/register/"),
    ("password-reset", None, "/accounts/password-reset/"),
    ("legal-terms", None, "/legal/terms/"),
    ("legal-accessibility", None, "/legal/accessibility/"),
    ("not-found", None, "/no-such-page/"),
    ("profile", "participant", "/accounts/me/"),
    ("password-change", "participant", "/accounts/me/password/"),
    ("email-change", "participant", "/accounts/me/email/"),
    ("account-delete", "participant", "/accounts/me/delete/"),
    ("home-unconfirmed", "unconfirmed", "/"),
    ("projects", None, "/projects/"),
    ("project", None, _project),
    *MODULE_PAGES,
    *GESTION_PAGES,
    *FORM_BUILDER_PAGES,
    *MODULE_GESTION_PAGES,
]

LARGE_TEXT = "html { font-size: 200% !important; }"


@pytest.fixture
def people(site):
    return {
        "participant": make_user(site, "participant@example.org", display_name="Participant"),
        "unconfirmed": make_user(site, "new@example.org", display_name="Nouvelle", confirmed=False),
        "admin": make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True),
    }


def _log_in(page, live_server, user):
    client = Client(HTTP_HOST=live_server.url.split("//")[1])
    client.force_login(user, backend="participe.accounts.backends.InstanceEmailBackend")
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


@pytest.mark.parametrize(("label", "who", "path"), PAGES, ids=[getattr(row, "values", row)[0] for row in PAGES])
def test_page_is_accessible_and_reflows(label, who, path, site, people, live_server, new_page):
    page = new_page(bypass_csp=True)  # the 200 % text check adds a style sheet
    if who:
        _log_in(page, live_server, people[who])
    url = live_server.url + (path(site, people) if callable(path) else path)
    page.goto(url)

    violations = accessibility.run_axe(page, f"page:{label}")
    assert not violations, f"{url}:\n{accessibility.describe(violations)}"

    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    _assert_no_overflow(page, f"page-{label}-320px", "")

    # WCAG 1.4.4 / RGAA 10.4: text at 200 % in a desktop window (1.4.10 above covers 320 px).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_style_tag(content=LARGE_TEXT)
    _assert_no_overflow(page, f"page-{label}-text200", "200 % text: ")


def _assert_no_overflow(page, name, prefix):
    """No sideways scrolling; when there is, the whole page is kept as a picture next to the report."""
    if accessibility.horizontal_overflow(page) > 0:
        report = prefix + accessibility.overflow_report(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        pytest.fail(report)
