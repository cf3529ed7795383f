"""Anonymous pages purged at once when what visitors may see changes (participe/core/generations.py):
the same visitor's next request shows the change, with no wait and no cache cleared by the test."""

from django.contrib.contenttypes.models import ContentType

from participe.instances.scoping import in_instance
from participe.moderation.models import ModerationCase
from participe.modules.consultation.models import Argument
from participe.modules.proposals.models import Proposal
from participe.projects.models import Project, Visibility
from tests.conftest import host_client
from tests.search.builders import build


def test_an_argument_hidden_by_a_moderator_disappears_for_anonymous_visitors_at_once(
    instance_a, participant_a, moderator_a
):
    argument = build(Argument, instance_a, "arceaux", author=participant_a)
    visitor = host_client("a.test")
    page = argument.opinion.get_absolute_url()
    assert "Le arceaux aide." in visitor.get(page).content.decode()
    assert "Le arceaux aide." in visitor.get(page).content.decode()  # now served from the page cache
    reporter = host_client("a.test", participant_a)
    content_type = ContentType.objects.get_for_model(Argument)
    assert reporter.post(f"/moderation/report/{content_type.pk}/{argument.pk}/", {"reason": "spam"}).status_code == 302
    with in_instance(instance_a):
        case = ModerationCase.objects.get(object_id=argument.pk, content_type=content_type)
    moderator = host_client("a.test", moderator_a)
    assert moderator.post(f"/gestion/moderation/{case.pk}/hide/", {"reason": "Publicité"}).status_code == 302
    html = visitor.get(page).content.decode()
    assert "Le arceaux aide." not in html and "Publicité" in html


def test_a_project_made_private_closes_its_cached_lists_at_once(instance_a):
    proposal = build(Proposal, instance_a, "verger")
    visitor = host_client("a.test")
    page = proposal.step.get_absolute_url()
    assert visitor.get(page).status_code == 200
    assert visitor.get(page).status_code == 200  # the step is remembered for two seconds, the list cached
    with in_instance(instance_a):
        project = Project.objects.get(pk=proposal.step.project_id)
        project.visibility = Visibility.ADMINS
        project.save()
    assert visitor.get(page).status_code == 404


def test_a_new_logo_shows_on_the_cached_home_page_at_once(instance_a):
    visitor = host_client("a.test")
    assert "site-brand__logo" not in visitor.get("/").content.decode()
    visitor.get("/")
    instance_a.logo = "instances/logos/nouveau.png"
    instance_a.save()
    assert "instances/logos/nouveau.png" in visitor.get("/").content.decode()


def test_a_news_post_unpublished_leaves_the_cached_home_page_at_once(instance_a):
    from tests.site.helpers import make_post
    from tests.site.test_home import _all_sections

    _all_sections(instance_a)
    post = make_post(instance_a, "bilan", title="Bilan de la concertation")
    visitor = host_client("a.test")
    assert "Bilan de la concertation" in visitor.get("/").content.decode()
    assert "Bilan de la concertation" in visitor.get("/").content.decode()  # from the page cache
    with in_instance(instance_a):
        post.is_published = False
        post.save()
    assert "Bilan de la concertation" not in visitor.get("/").content.decode()


def test_the_generation_moves_on_each_purge_in_a_stamp_file_or_in_the_shared_cache(monkeypatch, instance_a, instance_b):
    from participe.core import generations

    for shared in (False, True):
        monkeypatch.setattr(generations, "_local", lambda shared=shared: not shared)
        seen = [generations.generation(instance_a.pk)]
        for _ in range(2):
            other = generations.generation(instance_b.pk)
            generations.purge(instance_a.pk)
            seen.append(generations.generation(instance_a.pk))
            assert generations.generation(instance_b.pk) == other  # one instance's purge leaves the others cached
        assert len(set(seen)) == 3, seen
