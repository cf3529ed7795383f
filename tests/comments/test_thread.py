"""The {% comment_thread %} tag: what each visitor sees, in a constant number of queries."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from participe.comments import services
from participe.comments.models import Comment
from participe.participation.models import Status
from participe.votes.services import cast_vote
from tests.conftest import make_user


def render_thread(user, target, instance, query=""):
    request = RequestFactory().get(f"/page/{query}", HTTP_HOST="a.test")
    request.user = user
    request.instance = instance
    html = Template("{% load comments %}{% comment_thread target %}").render(
        Context({"request": request, "target": target})
    )
    return html


def make_threads(target, authors, count, replies=2):
    for n in range(count):
        root = services.post_comment(target, f"Fil {n}", author=authors[n % len(authors)])
        for r in range(replies):
            reply = services.post_comment(target, f"Réponse {n}.{r}", author=authors[r % len(authors)], parent=root)
            cast_vote(authors[0], reply, 1)
        cast_vote(authors[0], root, 1)


def test_a_page_of_threads_costs_the_same_queries_for_5_or_20_threads(
    scope_a, participant_a, make_target, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    authors = [participant_a, make_user(scope_a, "b@a.test"), make_user(scope_a, "c@a.test")]
    small, large = make_target(scope_a), make_target(scope_a)
    make_threads(small, authors, 5)
    make_threads(large, authors, 20)
    counts = []
    for target in (small, large):
        with CaptureQueriesContext(connection) as queries:
            html = render_thread(participant_a, target, scope_a)
        counts.append(len(queries))
    print(f"queries for a page of 5 and of 20 threads (60 comments): {counts}")
    assert counts[0] == counts[1], counts
    assert counts[1] <= 6
    assert html.count('class="comment ') + html.count('class="comment"') == 60
    assert 'aria-pressed="true"' in html  # my likes, from one query


def test_threads_are_paginated(scope_a, participant_a, target):
    make_threads(target, [participant_a], 25, replies=0)
    first = render_thread(participant_a, target, scope_a)
    second = render_thread(participant_a, target, scope_a, "?comments_page=2")
    assert "Fil 24" in first and "Fil 4" not in first.replace("Fil 24", "")
    assert "comments_page=2" in first
    assert "Fil 4" in second and "Fil 24" not in second


def test_pending_comments_are_shown_to_their_author_only(scope_a, participant_a, target):
    scope_a.features["comments_premoderation"] = True
    scope_a.save()
    other = make_user(scope_a, "other@a.test")
    services.post_comment(target, "En attente", author=participant_a)
    assert "En attente" in render_thread(participant_a, target, scope_a)
    assert "En attente" not in render_thread(other, target, scope_a)


def test_hidden_comments_show_a_placeholder_with_the_reason(scope_a, participant_a, target):
    comment = services.post_comment(target, "Propos injurieux", author=participant_a)
    Comment.objects.filter(pk=comment.pk).update(status=Status.HIDDEN, moderation_reason="Insultes")
    html = render_thread(make_user(scope_a, "other@a.test"), target, scope_a)
    assert "Propos injurieux" not in html
    assert "Insultes" in html


def test_official_answers_are_shown_as_the_institutions(scope_a, admin_a, target):
    services.post_comment(target, "Nous étudions la demande.", author=admin_a, official=True)
    from django.contrib.auth.models import AnonymousUser

    html = render_thread(AnonymousUser(), target, scope_a)
    assert "Ville A" in html and "comment--official" in html


@pytest.mark.parametrize("state", ["closed", "future"])
def test_no_form_when_the_step_is_not_open(scope_a, participant_a, make_target, state):
    html = render_thread(participant_a, make_target(scope_a, state), scope_a)
    assert "<textarea" not in html


def test_anonymous_visitors_are_invited_to_log_in(scope_a, target):
    from django.contrib.auth.models import AnonymousUser

    html = render_thread(AnonymousUser(), target, scope_a)
    assert "/accounts/login/" in html and "<textarea" not in html


def test_the_form_has_labels_and_no_inline_script(scope_a, participant_a, target):
    services.post_comment(target, "Premier", author=participant_a)
    html = render_thread(participant_a, target, scope_a)
    assert '<label for="id_new_comment_body"' in html
    assert "<script>" not in html and 'style="' not in html
