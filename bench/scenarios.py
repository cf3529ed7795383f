"""What the benchmark runner can measure: a registry modules add their scenarios to.

    from bench.scenarios import Scenario, register

    register(Scenario(
        "proposals-list", "GET", "/projets/budget/propositions/",
        prepare=lambda setup: setup.ensure_proposals(500),   # runs once, in the runner, before the server
    ))

A scenario is compared with the baseline of its kind, measured in the same run, interleaved:
reads with `hello` (a bare view), writes with `raw-insert` (one SQL INSERT). A write needs a wrk Lua
script (`lua`), formatted with the values `prepare` returns (e.g. the sessions of logged-in users).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    description: str = ""
    baseline: str = "hello"  # the scenario it is divided by: "hello" (reads) or "raw-insert" (writes)
    lua: str | None = None  # wrk script; `{path}`, `{host}` and the values of `prepare` are substituted
    prepare: Callable | None = None  # function(setup) → dict, run once before serving


SCENARIOS = {}


def register(scenario):
    SCENARIOS[scenario.name] = scenario
    return scenario


POST_LUA = """
wrk.method = "POST"
wrk.body = "value=1"
wrk.headers["Host"] = "{host}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
"""

# Each request is a form POSTed by the next of 200 signed-in participants (sessions and CSRF tokens made by
# `prepare`); `{form}` is the Lua expression of the form's fields before the token (ending with "&", or "").
SIGNED_IN_POST_LUA = """
local sessions = {{{sessions}}}
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7919) end
function init(args) counter = tonumber(offset) or 0 end
function request()
  counter = counter + 1
  local session = sessions[(counter % #sessions) + 1]
  return wrk.format("POST", "{path}", {{
    ["Host"] = "{host}",
    ["Cookie"] = "sessionid=" .. session[1] .. "; csrftoken=" .. session[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }}, {form} .. "csrfmiddlewaretoken=" .. session[2])
end
"""


def lua_sessions(sessions):
    """(session key, CSRF token) pairs as the body of a Lua table of tables."""
    return ", ".join(f'{{"{key}", "{csrf}"}}' for key, csrf in sessions)


def _signed_in(form):
    def prepare(setup):
        return {"sessions": lua_sessions(setup.logged_in_participants(200)), "form": form}

    return prepare


# Baselines -----------------------------------------------------------------------------------------
register(Scenario("hello", "GET", "/bench/hello/", "a bare Django view (baseline of reads)"))
register(Scenario("raw-insert", "POST", "/bench/raw-insert/", "one SQL INSERT (baseline of writes)", lua=POST_LUA))

# Context for signed-in writes, never a goal's baseline: the same INSERT by 200 signed-in participants in
# turn (session, account, CSRF check), i.e. what any member's write costs before its own work.
register(
    Scenario(
        "raw-insert-member", "POST", "/bench/raw-insert/member/", "one SQL INSERT by signed-in participants (context)",
        baseline="raw-insert", lua=SIGNED_IN_POST_LUA, prepare=_signed_in('""'),
    )
)

# The platform ------------------------------------------------------------------------------------------
register(Scenario("home", "GET", "/", "home page, anonymous"))
register(Scenario("login-page", "GET", "/accounts/login/", "login form, anonymous"))
register(
    Scenario(
        "profile-update",
        "POST",
        "/accounts/me/",
        "profile form saved by 200 logged-in participants in turn",
        baseline="raw-insert",
        lua=SIGNED_IN_POST_LUA,
        # A realistic small write: form validation, one UPDATE, the session read, a redirect.
        prepare=_signed_in('"display_name=Participant+" .. counter .. "&bio=Habitant+du+quartier&zip_code=75011&"'),
    )
)

# The modules ---------------------------------------------------------------------------------------------
# One project holding a consultation (20 articles with votes and amendments), an idea box with support
# votes (200 proposals) and a 30-question questionnaire, built once by `module_data` (idempotent).

PAGE_LUA = 'wrk.headers["Host"] = "{host}"\nwrk.path = "{page_path}"\n'

# Each request is the vote of the next of N logged-in participants, as the enhanced page sends it (JSON):
# agree3 cycles agree → mitigated → disagree (always a change), support alternates vote and withdrawal.
VOTE_LUA = """
local sessions = {{{sessions}}}
local targets = {{{targets}}}
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7919) end
function init(args) counter = tonumber(offset) or 0 end
function request()
  counter = counter + 1
  local who = (counter % #sessions) + 1
  local session = sessions[who]
  local turn = math.floor(counter / #sessions)
  local choice = "{choices}"
  local body
  if choice == "agree3" then
    body = "value=" .. ((turn % 3) - 1)
  elseif turn % 2 == 0 then
    body = "value=1"
  else
    body = "withdraw=1"
  end
  return wrk.format("POST", "/votes/{content_type}/" .. targets[(who % #targets) + 1] .. "/", {{
    ["Host"] = "{host}",
    ["Cookie"] = "sessionid=" .. session[1] .. "; csrftoken=" .. session[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }}, body .. "&csrfmiddlewaretoken=" .. session[2])
end
"""

BENCH_PROJECT = "bench-modules"


def module_data(setup):
    """The project with one step per module (built on the first call, found afterwards): {name: object}."""
    from datetime import timedelta

    from django.utils import timezone

    from participe.instances.scoping import in_instance
    from participe.projects.models import Project, Step

    if getattr(setup, "module_objects", None):
        return setup.module_objects
    with in_instance(setup.instance):
        project, created = Project.objects.get_or_create(
            slug=BENCH_PROJECT,
            defaults={"title": "Projet de banc d'essai", "summary": "Un projet avec un module de chaque sorte.",
                      "body": "<p>Consultation, boîte à idées et questionnaire.</p>", "is_published": True},
        )
        now = timezone.now()
        steps = {}
        for position, (kind, slug, extra) in enumerate(
            [("consultation", "texte", {}), ("collect", "idees", {"settings": {"vote": {"type": "support"}}}),
             ("questionnaire", "enquete", {})], start=1,
        ):
            steps[kind], _ = Step.objects.get_or_create(
                project=project, slug=slug,
                defaults={"type": kind, "title": slug.capitalize(), "position": position,
                          "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=365), **extra},
            )
            Step.objects.filter(pk=steps[kind].pk).update(ends_at=now + timedelta(days=365))
        if created:
            _consultation(steps["consultation"])
            _proposals(steps["collect"])
            _questionnaire(steps["questionnaire"])
        from participe.modules.consultation.models import Consultation, Opinion
        from participe.modules.proposals.models import Proposal
        from participe.modules.questionnaires.models import Questionnaire

        text = Consultation.objects.get(step=steps["consultation"])
        setup.module_objects = {
            "project": project,
            "consultation": text,
            "articles": list(Opinion.objects.filter(consultation=text).order_by("position")),
            "collect_step": steps["collect"],
            "proposals": list(Proposal.objects.filter(step=steps["collect"]).order_by("pk")),
            "questionnaire": Questionnaire.objects.get(step=steps["questionnaire"]),
        }
    return setup.module_objects


def _consultation(step):
    from participe.modules.consultation.models import Amendment, Argument, Consultation, Opinion, Section

    text = Consultation.objects.create(step=step, title="Projet de loi", body="<p>Un texte en 20 articles.</p>")
    for chapter in range(1, 5):
        section = Section.objects.create(consultation=text, title=f"Chapitre {chapter}", position=chapter)
        for number in range(1, 6):
            article = Opinion.objects.create(
                step=step, consultation=text, section=section, is_official=True, position=number,
                title=f"Article {chapter}.{number}",
                body="<p>" + "Les collectivités publient leurs données dans un format ouvert. " * 8 + "</p>",
                votes_agree=40, votes_mitigated=10, votes_disagree=12, votes_total=62,
            )
            for amendment in range(3):
                Amendment.objects.create(
                    step=step, opinion=article, title=f"Amendement {amendment + 1}",
                    body=article.body.replace("ouvert", f"ouvert et libre ({amendment})"), explanation="Plus clair.",
                )
            for side in ("for", "against", "for"):
                Argument.objects.create(step=step, opinion=article, side=side, body="Parce que la transparence compte.")
            Opinion.objects.filter(pk=article.pk).update(amendments_count=3, arguments_for_count=2, arguments_against_count=1)
        Section.objects.filter(pk=section.pk).update(opinions_count=5, amendments_count=15, arguments_count=15)


def _proposals(step):
    from participe.modules.proposals.models import Category, Proposal

    categories = [Category.objects.create(step=step, name=name) for name in ("Nature", "Mobilités", "Culture")]
    Proposal.objects.bulk_create(
        Proposal(
            instance_id=step.instance_id, step=step, title=f"Proposition numéro {number}",
            summary="Des bancs et des arbres dans la rue.", body="<p>Planter des arbres, installer des bancs.</p>",
            category=categories[number % 3], estimated_cost=1000 + number * 50,
            latitude=43.60 + number / 10000, longitude=1.44 + number / 10000, published_at=step.starts_at,
        )
        for number in range(1, 201)
    )


def _questionnaire(step):
    from participe.forms.models import Choice, Form, Question
    from participe.modules.questionnaires.models import Questionnaire

    form = Form.objects.create(title="Enquête")
    for number in range(1, 31):
        kind = ("single_choice", "short_text", "long_text")[number % 3]
        question = Question.objects.create(form=form, type=kind, title=f"Question {number}", position=number)
        if kind == "single_choice":
            for index, label in enumerate(("Oui", "Non", "Sans avis"), start=1):
                Choice.objects.create(question=question, label=label, position=index)
    Questionnaire.objects.create(step=step, form=form, allow_anonymous=True, results_public=True)


def _page(build):
    def prepare(setup):
        return {"page_path": build(module_data(setup))}

    return prepare


def _votes(targets_of, choices):
    def prepare(setup):
        from django.contrib.contenttypes.models import ContentType

        targets = targets_of(module_data(setup))
        sessions = setup.logged_in_participants(200)
        return {
            "sessions": lua_sessions(sessions),
            "targets": ", ".join(str(target.pk) for target in targets),
            "content_type": ContentType.objects.get_for_model(targets[0]).pk,
            "choices": choices,
        }

    return prepare


for name, description, build in [
    ("project", "project page with three steps, anonymous", lambda data: data["project"].get_absolute_url()),
    ("consultation-plan", "plan of a 20-article consultation", lambda data: data["consultation"].get_absolute_url()),
    ("consultation-article", "article page: votes, 3 amendments, 3 arguments", lambda data: data["articles"][0].get_absolute_url()),
    ("proposals-index", "idea box list of 200 proposals (first page)", lambda data: f"/proposals/step/{data['collect_step'].pk}/"),
    ("proposal", "proposal page", lambda data: data["proposals"][0].get_absolute_url()),
    ("questionnaire", "first page of a 30-question questionnaire, anonymous", lambda data: f"/questionnaires/{data['questionnaire'].pk}/reply/"),
]:
    register(Scenario(name, "GET", "/", description, lua=PAGE_LUA, prepare=_page(build)))

register(
    Scenario(
        "consultation-vote", "POST", "/", "agree/mitigated/disagree on 20 articles by 200 participants in turn (JSON)",
        baseline="raw-insert", lua=VOTE_LUA, prepare=_votes(lambda data: data["articles"], "agree3"),
    )
)
register(
    Scenario(
        "proposal-support", "POST", "/", "support and withdraw on 200 proposals by 200 participants in turn (JSON)",
        baseline="raw-insert", lua=VOTE_LUA, prepare=_votes(lambda data: data["proposals"], "support"),
    )
)

BASELINES = ("hello", "raw-insert")
