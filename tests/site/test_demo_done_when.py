"""Issue 19's "Done when", checked through the product on the demo itself (`participe demo`'s loading), over HTTP:

- searching the demo for a proposal's, an argument's and a comment's words finds them;
- a hidden argument disappears for anonymous visitors at once: the page they had cached is purged.

(The participant told of a comment, an official answer and the "Retenue" status, on site and by e-mail per
preferences, is tests/notifications/test_sent_by_actions.py; the runtime virtualenv without test tools is
tests/core/test_runtime_dependencies.py.)
"""

import re
from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from participe.accounts.models import User
from participe.comments.models import Comment
from participe.instances import demo
from participe.instances.models import Instance
from participe.instances.scoping import in_instance
from participe.moderation.models import ModerationCase
from participe.modules.consultation.models import Argument
from participe.modules.proposals.models import Proposal
from participe.participation.models import Status
from tests.conftest import host_client

HOST = "localhost"


@pytest.fixture
def demo_instance(db):
    for _line in demo.load(now=timezone.now()):
        pass
    return Instance.objects.get(slug="demo")


def _results(client, word, kind=None):
    response = client.get("/search/", {"q": word, **({"type": kind} if kind else {})})
    assert response.status_code == 200
    return response.content.decode().split('class="tabs"', 1)[-1]


def test_searching_the_demo_finds_a_proposal_an_argument_and_a_comment_by_their_words(demo_instance):
    with in_instance(demo_instance):
        proposal = Proposal.objects.get(title="Un verger partagé au parc des Sources")
        argument = Argument.objects.get(body__contains="transparence")
        comment = Comment.objects.get(body__contains="abeilles")
    visitor = host_client(HOST)
    for word, kind, link in (
        ("verger", "proposals", f'href="{proposal.get_absolute_url()}"'),
        ("transparence", "arguments", f'href="{argument.get_absolute_url()}"'),
        ("abeilles", "comments", f"#comment-{comment.pk}"),
    ):
        assert link in _results(visitor, word), f"“{word}” does not find the demo's {kind}"
        assert link in _results(visitor, word, kind), f"“{word}” is not among the {kind}"
    assert "verger" not in unescape(_results(visitor, "zzzyxw")).lower()  # a word of nothing finds nothing


def test_a_hidden_argument_disappears_for_anonymous_visitors_at_once(
    demo_instance, django_capture_on_commit_callbacks
):
    with in_instance(demo_instance):
        argument = Argument.objects.get(body__contains="transparence")
        page_url, argument_url = argument.opinion.get_absolute_url(), argument.get_absolute_url()
        moderator = User.objects.get(email="moderation@demo.participe.localhost")
        reporter = User.objects.get(email="dominique@demo.participe.localhost")
        content_type = ContentType.objects.get_for_model(Argument)
    visitor = host_client(HOST)
    said = "La transparence renforce la confiance."
    assert said in visitor.get(page_url).content.decode()
    # The page is served from the anonymous page cache: a change no purge follows does not show.
    with in_instance(demo_instance):
        Argument.objects.filter(pk=argument.pk).update(body="Texte changé sans purge.")
    assert said in visitor.get(page_url).content.decode()
    with in_instance(demo_instance):
        Argument.objects.filter(pk=argument.pk).update(body=said)

    # A neighbour reports it, the moderator hides it, both through the site.
    report = host_client(HOST, reporter).post(
        f"/moderation/report/{content_type.pk}/{argument.pk}/", {"reason": "offensive", "text": "Hors charte"}
    )
    assert report.status_code == 302
    with in_instance(demo_instance):
        case = ModerationCase.objects.get(content_type=content_type, object_id=argument.pk)
    with in_instance(demo_instance), django_capture_on_commit_callbacks(execute=True):  # as after the request
        hidden = host_client(HOST, moderator).post(
            f"/gestion/moderation/{case.pk}/hide/", {"reason": "Hors charte"}
        )
    assert hidden.status_code == 302
    with in_instance(demo_instance):
        assert Argument.objects.get(pk=argument.pk).status == Status.HIDDEN

    page = visitor.get(page_url).content.decode()
    assert said not in page  # at once, not after the cache's 30 seconds
    assert f'href="{argument_url}"' not in _results(visitor, "transparence")
    assert not re.search(r"La transparence renforce", _results(visitor, "transparence"))
