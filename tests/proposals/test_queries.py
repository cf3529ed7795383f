"""The list page (50 per page) and the map data cost the same number of queries for 100 or 10,000 proposals."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Category, Proposal
from participe.site.models import District
from participe.votes import tallies
from tests.conftest import host_client
from tests.proposals.conftest import make_step


def _fill(step, count):
    with in_instance(step.instance):
        category = Category.objects.create(step=step, name="Nature")
        district = District.objects.create(name="Centre", slug=f"centre-{step.pk}")
        Proposal.objects.bulk_create(
            [
                Proposal(
                    instance=step.instance, step=step, title=f"Proposition {n}", estimated_cost=n,
                    category=category, district=district, latitude=43.6, longitude=1.44,
                )
                for n in range(count)
            ],
            batch_size=2000,
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("vote", ["support", "budget"])
def test_list_and_map_queries_do_not_grow_with_the_number_of_proposals(instance_a, participant_a, vote):
    small = make_step(instance_a, slug="petit", vote={"type": vote, "budget": "1000"})
    large = make_step(instance_a, slug="grand", vote={"type": vote, "budget": "1000"})
    _fill(small, 100)
    _fill(large, 10_000)
    client = host_client("a.test", participant_a)
    client.get(f"/proposals/step/{small.pk}/")  # warm the per-process caches (content types, site settings)
    for suffix in ("", "?view=grid&sort=votes", "?view=map", "map.json"):
        counts = [_count(client, f"/proposals/step/{step.pk}/{suffix}") for step in (small, large)]
        assert counts[0] == counts[1], (suffix, counts)
    assert _count(client, f"/proposals/step/{large.pk}/") <= 20
    page = client.get(f"/proposals/step/{large.pk}/?sort=newest")
    assert page.content.count(b'class="proposal-card"') == 50


@pytest.mark.django_db
def test_anonymous_list_of_a_ballot_step_is_cached_until_a_counter_moves(instance_a, client_a, later):
    from django.db.models import F

    from participe.projects.models import Step

    step = make_step(instance_a, vote={"type": "budget", "budget": "1000"})
    _fill(step, 60)
    url = f"/proposals/step/{step.pk}/?sort=newest&seed=1"
    first = _count(client_a, url)
    cached = _count(client_a, url)
    assert cached < first
    assert client_a.get(url).content.count(b'class="proposal-card"') == 50
    with in_instance(instance_a):
        Proposal.objects.filter(title="Proposition 59").update(title="Titre changé")
        Step.objects.filter(pk=step.pk).update(contributions_count=F("contributions_count") + 1)
    assert "Titre changé".encode() not in client_a.get(url).content  # the step as it was two seconds ago at most
    later(2.1)
    assert "Titre changé".encode() in client_a.get(url).content


@pytest.mark.django_db
def test_a_cached_list_page_keeps_each_visitor_token_and_costs_only_the_step_lookup(instance_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "1000"})
    _fill(step, 5)
    url = f"/proposals/step/{step.pk}/?sort=newest"
    first, second = host_client("a.test"), host_client("a.test")
    first_page = first.get(url).content.decode()
    assert _count(second, url) == 0  # the step remembered by the process, the page from the cache
    second_page = second.get(url).content.decode()
    assert "\x00" not in second_page and "Proposition 4" in second_page
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page) for page in (first_page, second_page)]
    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1])  # each visitor's own


def test_anonymous_visitors_share_a_few_random_orders_and_keep_theirs(rf):
    from django.contrib.auth.models import AnonymousUser

    from participe.modules.proposals.views.lists import VISITOR_ORDERS, visitor_seed

    def seed(ip, agent="Firefox"):
        request = rf.get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)
        request.user = AnonymousUser()
        return visitor_seed(request)

    seeds = {seed(f"10.0.0.{n}") for n in range(200)}
    assert seeds <= set(range(1, VISITOR_ORDERS + 1)) and len(seeds) > VISITOR_ORDERS // 2
    assert seed("10.0.0.7") == seed("10.0.0.7")


@pytest.mark.django_db
def test_a_cached_support_list_shows_a_new_vote_to_its_voter_at_once_and_to_visitors_once_recounted(
    instance_a, participant_a, later
):
    from django.contrib.contenttypes.models import ContentType

    step = make_step(instance_a, vote={"type": "support"})
    _fill(step, 3)
    with in_instance(instance_a):
        proposal = Proposal.objects.get(title="Proposition 1")
    url = f"/proposals/step/{step.pk}/?sort=newest"
    visitor = host_client("a.test")
    visitor.get(url)
    assert _count(visitor, url) == 0  # served from the cache
    vote = f"/votes/{ContentType.objects.get_for_model(Proposal).pk}/{proposal.pk}/"
    voter = host_client("a.test", participant_a)
    assert voter.post(vote, {"value": "1"}).status_code == 302

    def counts(client):
        return sorted(int(n) for n in re.findall(rb'class="vote-button__count">(\d+)<', client.get(url).content))

    assert counts(voter) == [0, 0, 1]  # signed in: never from what the process remembers
    # Visitors see it once the step's total is recounted (the minute's job; or once the cached page expires).
    tallies.recount()
    later(2.1)
    assert counts(visitor) == [0, 0, 1]


@pytest.mark.django_db
def test_a_hidden_project_leaves_anonymous_lists_within_two_seconds(instance_a, admin_a, later):
    from participe.projects.models import Project, Visibility

    step = make_step(instance_a, vote={"type": "support"})
    _fill(step, 3)
    url = f"/proposals/step/{step.pk}/"
    visitor = host_client("a.test")
    assert visitor.get(url).status_code == 200
    with in_instance(instance_a):
        Project.objects.filter(pk=step.project_id).update(visibility=Visibility.ADMINS)
    assert host_client("a.test").get(url).status_code == 200  # remembered for two seconds at most
    later(2.1)
    assert visitor.get(url).status_code == 404
    assert host_client("a.test", admin_a).get(url).status_code == 200
    assert visitor.get(f"/proposals/step/{step.pk}/map.json").status_code == 404
