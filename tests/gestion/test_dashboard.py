from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from participe.exports.models import Job, JobStatus
from participe.instances.scoping import in_instance
from participe.moderation.models import ModerationCase
from participe.modules.proposals.models import Proposal
from participe.projects.models import Step
from participe.votes.models import Vote
from tests.conftest import host_client, make_user
from tests.projects.conftest import make_project
from tests.proposals.conftest import make_proposal, make_step


def _fill(instance, author, n):
    """`n` proposals with a vote each, one report per proposal, a step opening soon, a failed export."""
    step = make_step(instance)
    soon = timezone.now() + timedelta(days=2)
    with in_instance(instance):
        Step.objects.filter(pk=step.pk).update(starts_at=soon)
        for number in range(n):
            proposal = make_proposal(step, title=f"Proposition {number}", author=author)
            Vote.objects.create(voter=author, target=proposal, step=step, value=1)
            ModerationCase.objects.create(content_type=ContentType.objects.get_for_model(Proposal), object_id=proposal.pk)
        Job.objects.create(title="Export des votes", task="x", status=JobStatus.FAILED)
    return step


def test_the_dashboard_shows_what_needs_the_admin_now(instance_a, admin_a, participant_a):
    _fill(instance_a, participant_a, 3)
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "en"
    page = client.get("/gestion/").content.decode()
    assert "3 contents are waiting for a decision." in page and 'href="/gestion/moderation/"' in page
    assert "3 proposals assigned to you or to nobody are waiting for their analysis." in page
    assert "Dépôt" in page and "opens" in page  # the step opening in 2 days
    assert "Export des votes" in page
    assert "Budget participatif" in page  # open projects with their counters
    # The chart: one bar per day, its data table and a summary.
    assert page.count('class="chart__bar"') == 30
    assert "3 contributions and 3 votes in 30 days." in page
    assert "<summary>The data of the chart</summary>" in page


def test_the_dashboard_costs_a_constant_number_of_queries(instance_a, admin_a, participant_a, django_assert_max_num_queries):
    client = host_client("a.test", admin_a)
    client.get("/gestion/")  # sessions, content types and caches warmed up
    _fill(instance_a, participant_a, 1)
    with django_assert_max_num_queries(20) as small:
        client.get("/gestion/")
    more = make_user(instance_a, "more@a.test")
    make_project(instance_a, "deuxieme", title="Deuxième")
    with in_instance(instance_a):
        step = Step.objects.filter(type="collect").first()
        for number in range(20):
            proposal = make_proposal(step, title=f"Autre {number}", author=more)
            Vote.objects.create(voter=more, target=proposal, step=step, value=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/gestion/")


def test_each_role_sees_the_sections_it_may_use(instance_a, moderator_a, participant_a):
    _fill(instance_a, participant_a, 1)
    analyst = make_user(instance_a, "analyst@a.test", is_analyst=True)
    moderator = host_client("a.test", moderator_a)
    moderator.cookies["django_language"] = "en"
    page = moderator.get("/gestion/").content.decode()
    assert "Reports to moderate" in page
    assert "Proposals to analyse" not in page and "Failed exports" not in page and "chart__bar" not in page
    analyst_client = host_client("a.test", analyst)
    analyst_client.cookies["django_language"] = "en"
    page = analyst_client.get("/gestion/").content.decode()
    assert "Proposals to analyse" in page and "Reports to moderate" not in page and "Open projects" not in page


def test_a_project_administrator_sees_only_their_projects_on_the_dashboard(instance_a, participant_a):
    make_project(instance_a, "mien", title="Mon projet", administrators=[participant_a])
    make_project(instance_a, "autre", title="Projet des autres")
    client = host_client("a.test", participant_a)
    page = client.get("/gestion/").content.decode()
    assert "Mon projet" in page and "Projet des autres" not in page


def test_proposals_assigned_to_someone_else_are_not_counted(instance_a, participant_a):
    analyst = make_user(instance_a, "analyst@a.test", is_analyst=True)
    other = make_user(instance_a, "other@a.test", is_analyst=True)
    step = make_step(instance_a)
    mine = make_proposal(step, title="A moi", author=participant_a)
    theirs = make_proposal(step, title="A l'autre", author=participant_a)
    make_proposal(step, title="A personne", author=participant_a)
    with in_instance(instance_a):
        mine.analysts.add(analyst)
        theirs.analysts.add(other)
    client = host_client("a.test", analyst)
    client.cookies["django_language"] = "en"
    assert "2 proposals assigned to you or to nobody" in client.get("/gestion/").content.decode()
