"""Covers on the public pages: <picture> with srcsets on cards and detail pages, the hero loaded first, a
themed placeholder when there is none, and lists whose query count does not grow with their covers."""

import re

import pytest

from participe.instances.scoping import in_instance
from participe.projects.models import Project
from participe.site.models import HomeSection, Post
from tests.conftest import host_client
from tests.images.test_images import png
from tests.site.helpers import make_event, make_section

pytestmark = pytest.mark.django_db


def _projects(instance, count, capture, with_cover=True):
    with in_instance(instance), capture(execute=True):
        for number in range(count):
            fields = {"cover": png(640, 360), "cover_alt": f"Photo {number}"} if with_cover else {}
            Project.objects.create(title=f"Projet {number}", slug=f"projet-{number}", is_published=True, **fields)


def test_project_cards_and_page_show_responsive_covers(client_a, instance_a, django_capture_on_commit_callbacks):
    _projects(instance_a, 1, django_capture_on_commit_callbacks)
    html = client_a.get("/projects/").content.decode()
    card = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert '<source type="image/avif" srcset="' in card and '<source type="image/webp" srcset="' in card
    assert 'width="640" height="360" alt="Photo 0" loading="lazy"' in card
    page = client_a.get("/projects/projet-0/").content.decode()
    hero = re.search(r"<picture>.*?</picture>", page, re.S).group(0)
    assert 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero


def test_without_a_cover_a_placeholder_in_the_instance_colours(client_a, instance_a, django_capture_on_commit_callbacks):
    instance_a.primary_colour = "#6a1b9a"
    instance_a.save()
    _projects(instance_a, 1, django_capture_on_commit_callbacks, with_cover=False)
    html = client_a.get("/projects/").content.decode()
    assert re.search(r'<svg class="project-card__cover cover--placeholder"[^>]*aria-hidden="true"', html)
    assert 'fill="#6a1b9a"' in html


def _covered_rows(instance, start, count, capture):
    with in_instance(instance), capture(execute=True):
        for number in range(start, start + count):
            photo = {"cover": png(640, 360), "cover_alt": "Photo"}
            Project.objects.create(title=f"Projet {number}", slug=f"projet-{number}", is_published=True, **photo)
            Post.objects.create(title=f"Nouvelle {number}", slug=f"nouvelle-{number}", **photo)
            event = make_event(instance, f"evenement-{number}")
            event.cover, event.cover_alt = photo["cover"], "Photo"
            event.save()


def test_lists_load_covers_with_their_rows(client_a, instance_a, participant_a, django_capture_on_commit_callbacks,
                                           django_assert_max_num_queries):
    for position, kind in enumerate((HomeSection.Kind.CURRENT_PROJECTS, HomeSection.Kind.LATEST_NEWS,
                                     HomeSection.Kind.UPCOMING_EVENTS)):
        make_section(instance_a, kind, position=position)
    client = host_client("a.test", participant_a)  # signed in: pages are not served from the page cache
    _covered_rows(instance_a, 0, 1, django_capture_on_commit_callbacks)
    counts = {}
    for url in ("/", "/projects/", "/news/", "/agenda/"):
        client.get(url)
        with django_assert_max_num_queries(100) as queries:
            client.get(url)
        counts[url] = len(queries.captured_queries)
    _covered_rows(instance_a, 1, 5, django_capture_on_commit_callbacks)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            html = client.get(url).content.decode()
        assert html.count("<picture>") >= 3, url


def test_a_proposal_image_is_shown_with_its_renditions(instance_a, participant_a, django_capture_on_commit_callbacks):
    from tests.proposals.conftest import make_proposal, make_step

    step = make_step(instance_a)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = make_proposal(step, "Un jardin", author=participant_a, image=png(800, 600), image_alt="Un potager")
    html = host_client("a.test", participant_a).get(proposal.get_absolute_url()).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert "-800.webp 800w" in picture and 'alt="Un potager"' in picture


def test_a_cover_saved_before_the_images_app_is_still_shown(client_a, instance_a):
    with in_instance(instance_a):
        project = Project.objects.create(title="Ancien", slug="ancien", is_published=True, cover=png(), cover_alt="Vue")
        Project.objects.filter(pk=project.pk).update(cover_image=None)  # as rows saved before the migration
    html = client_a.get("/projects/").content.decode()
    assert f'<img class="project-card__cover" src="/media/{project.cover.name}" alt="Vue" loading="lazy">' in html


def test_a_step_page_shows_the_steps_cover_or_else_the_projects(client_a, instance_a, django_capture_on_commit_callbacks):
    from participe.projects.models import Step

    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        project = Project.objects.create(title="Parc", slug="parc", is_published=True, cover=png(), cover_alt="Le parc")
        plain = Step.objects.create(project=project, type="presentation", title="Présentation", slug="presentation")
        covered = Step.objects.create(project=project, type="presentation", title="Bilan", slug="bilan", position=1,
                                      cover=png(800, 450), cover_alt="La fête du parc")
    for step, alt in ((plain, "Le parc"), (covered, "La fête du parc")):
        html = client_a.get(step.get_absolute_url()).content.decode()
        hero = re.search(r'<header class="step-hero step-hero--cover">.*?</picture>', html, re.S).group(0)
        assert f'alt="{alt}" fetchpriority="high"' in hero, step.slug


def test_the_proposals_grid_shows_their_images_without_a_query_per_card(
    instance_a, participant_a, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from tests.proposals.conftest import make_proposal, make_step

    step = make_step(instance_a)
    client = host_client("a.test", participant_a)
    url = f"/proposals/step/{step.pk}/?view=grid"

    def add(start, count):
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(start, start + count):
                make_proposal(step, f"Idée {number}", author=participant_a, image=png(640, 360), image_alt=f"Photo {number}")

    add(0, 1)
    client.get(url)
    with django_assert_max_num_queries(100) as first:
        client.get(url)
    add(1, 4)
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('class="proposal-card__image"') == 5
