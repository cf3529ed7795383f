"""The demo tells the truth and has something to do (issue 19): the whole demo (`participe demo`'s loading) in the
test database, then, through HTTP,

- every counter the public site and the back office show equals a recount from the rows (participants, contributions
  and votes of each project and of the home page's key figures, proposals' votes and comments, a consultation's
  items, a questionnaire's replies, a votation's ballots);
- every open participation step offers the demo citizen something to do on its page (a form, a vote, a ballot);
- each module shows its best case: published budget results with each voter's share, a realisation followed up
  with dates, a photo, a percentage and the budget spent, an idea box on a map with pictures, a consultation with
  amendments, arguments and sources, a questionnaire's and a votation's results.
"""

import re
from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from participe.accounts.models import User
from participe.comments.models import Comment
from participe.forms.models import Reply
from participe.instances import demo
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Argument, Consultation, Opinion, Source
from participe.modules.proposals.models import Ballot, BallotItem, ProgressStep, Proposal, ResultRun
from participe.modules.questionnaires.models import Questionnaire
from participe.modules.votations.models import Ballot as VotationBallot
from participe.modules.votations.models import Elector, Votation
from participe.participation.models import Status
from participe.participation.services import contribution_models
from participe.projects.models import Project, Step, Visibility
from participe.projects.registry import StepState
from participe.votes import tallies
from participe.votes.models import Vote
from tests.conftest import host_client

HOST = "localhost"
CITIZEN = "camille@demo.participe.localhost"
ADMIN = "admin@demo.participe.localhost"
TAG = re.compile(r"<[^>]+>")


def text(html):
    return re.sub(r"\s+", " ", unescape(TAG.sub(" ", html))).strip()


def figure(html, label):
    """The number of a `<dt>label</dt><dd>N</dd>` pair."""
    found = re.search(rf"<dt>\s*{label}\s*</dt>\s*<dd>\s*([\d\s\u202f\xa0]+)\s*</dd>", html, re.IGNORECASE)
    assert found, f"no figure {label!r}"
    return int(re.sub(r"\D", "", found[1]))


@pytest.fixture
def demo_site(db):
    for _line in demo.load(now=timezone.now()):
        pass
    main = Instance.objects.get(slug="demo")
    with in_instance(main):
        citizen, admin = User.objects.get(email=CITIZEN), User.objects.get(email=ADMIN)
    return main, citizen, admin


def _french(user=None):
    client = host_client(HOST, user)
    client.cookies["django_language"] = "fr"
    return client


# The recount, from the rows ------------------------------------------------------------------------------------------


def recount(project):
    """{participants, contributions, votes} of `project` from its rows.

    Contributions: the published contributions of its steps, neither comments (they count on what they comment) nor
    the organisers' own text (a consultation's official articles). Participants: the people who contributed,
    commented, voted (votes, counted ballots), replied to a questionnaire or voted in a votation. Votes: counted
    ballot-kind votes and counted budget ballots (what votes.tallies documents)."""
    steps = list(project.steps.all())
    step_ids = [step.pk for step in steps]
    people, contributions = set(), 0
    for model in contribution_models():
        rows = model.objects.filter(step__in=step_ids, status=Status.PUBLISHED)
        if "is_official" in {field.name for field in model._meta.concrete_fields}:
            rows = rows.filter(is_official=False)
        people |= set(rows.exclude(author=None).values_list("author_id", flat=True))
        if model is not Comment:
            contributions += rows.count()
    people |= set(Vote.objects.filter(step__in=step_ids, is_counted=True).values_list("voter_id", flat=True))
    people |= set(
        Ballot.objects.filter(step__in=step_ids, is_counted=True).values_list("voter_id", flat=True)
    )
    people |= set(
        Reply.objects.filter(questionnaire_reply__questionnaire__step__in=step_ids, is_draft=False)
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )
    people |= set(
        Elector.objects.filter(votation__step__in=step_ids, has_voted=True)
        .exclude(account=None)
        .values_list("account_id", flat=True)
    )
    votes = sum(tallies.tally(steps).values())
    return {"participants": len(people), "contributions": contributions, "votes": votes}


def test_every_counter_shown_equals_the_recount_of_the_rows(demo_site):
    main, _citizen, admin = demo_site
    public, staff = _french(), _french(admin)
    totals = {"participants": 0, "contributions": 0, "votes": 0}
    with in_instance(main):
        projects = list(
            Project.objects.filter(is_published=True, visibility=Visibility.PUBLIC).order_by("position")
        )
        expected = {project.slug: recount(project) for project in projects}
    assert len(projects) >= 6
    dashboard = staff.get("/gestion/").content.decode()
    for project in projects:
        page = public.get(f"/projects/{project.slug}/")
        assert page.status_code == 200, project.slug
        html = page.content.decode()
        shown = {
            "participants": figure(html, "Participants"),
            "contributions": figure(html, "Contributions"),
            "votes": figure(html, "Votes"),
        }
        assert shown == expected[project.slug], project.slug
        for key in totals:
            totals[key] += shown[key]
        # The back office's dashboard table: the same three figures on the project's row.
        row = re.search(rf">{re.escape(project.title)}</a></th>(.*?)</tr>", dashboard, re.DOTALL)
        if row:
            cells = [int(cell) for cell in re.findall(r"<td>\s*(\d+)\s*</td>", row[1])]
            assert cells == [expected[project.slug][k] for k in ("participants", "contributions", "votes")], (
                project.slug
            )
    # Every project with participation shows some: no "0 participant" next to rows of contributions or votes.
    assert all(e["participants"] > 0 for e in expected.values() if e["contributions"] or e["votes"])
    assert sum(1 for e in expected.values() if e["participants"]) >= 5

    home = public.get("/").content.decode()
    for key, label in (
        ("participants", "participant·es"),
        ("contributions", "contributions"),
        ("votes", "votes"),
    ):
        assert figure(home, label) == totals[key], key  # the home page's key figures add up the projects'


def test_proposals_consultation_questionnaire_and_votation_counts_are_the_rows(demo_site):
    main, citizen, _admin = demo_site
    public = _french()
    with in_instance(main):
        collect_steps = list(Step.objects.filter(type="collect", project__is_published=True))
        proposal_type = ContentType.objects.get_for_model(Proposal)
        cards = {}
        for step in collect_steps:
            for proposal in Proposal.objects.filter(step=step, status=Status.PUBLISHED):
                ballots = BallotItem.objects.filter(proposal=proposal, ballot__is_counted=True).count()
                comments = Comment.objects.filter(
                    content_type=proposal_type, object_id=proposal.pk, status=Status.PUBLISHED
                ).count()
                cards[proposal.pk] = (step.pk, proposal.title, ballots, comments)
        consultation = Consultation.objects.select_related("step").get(step__project__slug="charte-numerique")
        items = {
            "propositions": Opinion.objects.filter(
                consultation=consultation, status=Status.PUBLISHED
            ).count(),
            "amendements?": Amendment.objects.filter(
                opinion__consultation=consultation, status=Status.PUBLISHED
            ).count(),
            "arguments?": Argument.objects.filter(step=consultation.step, status=Status.PUBLISHED).count(),
            "sources?": Source.objects.filter(step=consultation.step, status=Status.PUBLISHED).count(),
        }
        questionnaire = Questionnaire.objects.get(step__project__slug="mobilites-2026")
        replies = Reply.objects.filter(form=questionnaire.form, is_draft=False).count()
        votations = [
            (v.pk, VotationBallot.objects.filter(votation=v).count())
            for v in Votation.objects.exclude(results=None)
        ]
    assert any(ballots for _s, _t, ballots, _c in cards.values()) and any(c for *_rest, c in cards.values())
    pages = {
        step.pk: public.get(f"/proposals/step/{step.pk}/?view=list").content.decode()
        for step in collect_steps
    }
    for pk, (step_id, title, ballots, comments) in cards.items():
        card = re.search(rf'id="proposal-{pk}-title".*?</article>', pages[step_id], re.DOTALL)
        assert card, title
        counts = text(card[0])
        assert re.search(rf"\b{comments} commentaires?\b", counts), (title, counts)
        if "vote" in counts and re.search(r"\d+ votes?\b", counts):
            assert re.search(rf"\b{ballots} votes?\b", counts), (title, counts)

    plan = text(public.get(f"/projects/charte-numerique/{consultation.step.slug}/").content.decode())
    for word, number in items.items():
        assert re.search(rf"\b{number} {word}\b", plan), (word, number, plan[:600])
    assert items["sources?"] >= 1 and items["amendements?"] >= 1 and items["arguments?"] >= 2

    results = text(public.get(f"/questionnaires/{questionnaire.pk}/results/").content.decode())
    assert re.search(rf"\b{replies} réponses\b", results), results[:600]
    assert votations, "no votation with results in the demo"
    for pk, ballots in votations:
        page = text(public.get(f"/votations/{pk}/").content.decode())
        assert f"{ballots} bulletins" in page, page[:800]


# Something to do on every open step ----------------------------------------------------------------------------------

ACTION = re.compile(r"""<form\b[^>]*method=["']post["'][^>]*>""", re.IGNORECASE)
NOT_AN_ACTION = re.compile(r"""action=["'][^"']*(/follows?/|/logout|/i18n/|/language)""", re.IGNORECASE)


def actions(html):
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    return [form for form in ACTION.findall(main) if not NOT_AN_ACTION.search(form)]


def test_every_open_step_offers_the_citizen_something_to_do(demo_site):
    main, citizen, _admin = demo_site
    client = _french(citizen)
    with in_instance(main):
        open_steps = [
            step
            for step in Step.objects.select_related("project").filter(
                project__is_published=True, project__visibility=Visibility.PUBLIC, project__is_archived=False
            )
            if step.is_open and step.step_type is not None and step.step_type.participatory
        ]
        open_projects = {
            p.slug
            for p in Project.objects.filter(
                is_published=True, visibility=Visibility.PUBLIC, is_archived=False
            )
            if p.phase() == StepState.OPEN
        }
    assert len(open_steps) >= 6
    # Each project in its open phase has an open step to take part in (the plan vélo's is its idea box).
    assert open_projects <= {step.project.slug for step in open_steps}, open_projects
    idle = []
    for step in open_steps:
        url = f"/projects/{step.project.slug}/{step.slug}/"
        html = client.get(url).content.decode()
        found = actions(html)
        if (
            not found
        ):  # a consultation lists its texts, a questionnaire links to its form: the action is one link away
            links = re.findall(
                r'href="(/consultation/(?:section|opinion)/\d+/|/questionnaires/\d+/reply/)"', html
            )
            found = [form for link in links[:3] for form in actions(client.get(link).content.decode())]
        if not found:
            idle.append(url)
    assert not idle, f"open steps with nothing to do for the demo citizen: {idle}"


# Each module's best case ---------------------------------------------------------------------------------------------


def test_each_module_shows_its_best_case(demo_site):
    main, citizen, _admin = demo_site
    public, own = _french(), _french(citizen)
    with in_instance(main):
        closed = Step.objects.get(project__slug="budget-participatif-2026")
        assert closed.state() == StepState.CLOSED
        run = ResultRun.objects.get(step=closed, published_at__isnull=False)
        assert (
            run.rule == "mes"
            and run.ballots_counted == Ballot.objects.filter(step=closed, is_counted=True).count()
        )
        winner = Proposal.objects.get(pk=run.payload["districts"][0]["winners"][0]["id"])
        progress = list(ProgressStep.objects.filter(proposal=winner).order_by("position"))
        ideas = Step.objects.get(project__slug="plan-velo", type="collect")
        idea_rows = list(Proposal.objects.filter(step=ideas))
    # Budget results, published, and how the citizen's share was spent.
    results = text(public.get(f"/proposals/step/{closed.pk}/results/").content.decode())
    assert winner.title in results
    share = text(own.get(f"/proposals/step/{closed.pk}/my-ballot/").content.decode())
    assert "part" in share and "Payé sur ma part" in share, share[:1000]
    # The realisation followed up: dated progress steps, a photo, a percentage, the budget spent.
    assert (
        len(progress) >= 3
        and all(item.starts_on for item in progress)
        and any(item.photo for item in progress)
    )
    follow_up = text(public.get(f"/proposals/step/{closed.pk}/realisation/").content.decode())
    assert winner.title in follow_up and progress[1].title in follow_up
    assert re.search(r"\b\d+ %", follow_up) and re.search(r"\d €", follow_up)  # percentage, budget spent
    timeline = public.get(f"/proposals/{winner.pk}/").content.decode()
    assert progress[1].photo.url in timeline and all(item.title in unescape(timeline) for item in progress)
    # The idea box: on the map, with pictures.
    assert len(idea_rows) >= 3 and all(p.latitude and p.longitude and p.image for p in idea_rows)
    listing = public.get(f"/proposals/step/{ideas.pk}/").content.decode()
    assert "map" in listing and all(p.title in unescape(listing) for p in idea_rows)
    # Questionnaire and votation results are public.
    with in_instance(main):
        questionnaire = Questionnaire.objects.get(step__project__slug="mobilites-2026")
        votation = Votation.objects.exclude(results_published_at=None).get()
    assert (
        "Tramway vers les Rives"
        in public.get(f"/questionnaires/{questionnaire.pk}/results/").content.decode()
    )
    assert "Jardin Olympe-de-Gouges" in public.get(f"/votations/{votation.pk}/").content.decode()
