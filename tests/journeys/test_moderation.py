"""Moderation, in a real browser: a participant reports a comment, a moderator hides it.

The comment is created directly (the project page does not show comments yet); the report and the
decision go through the pages, in the three modes.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in, log_out

pytestmark = pytest.mark.browser


@pytest.fixture
def offensive_comment(site):
    from participe.comments.models import Comment
    from participe.projects.models import Project

    author = make_user(site, "auteur@example.org", display_name="Auteur")
    with in_instance(site):
        project = Project.objects.create(title="Parc des Rives", slug="parc-des-rives", is_published=True)
        return Comment.objects.create(target=project, author=author, body="Vous êtes tous des imbéciles.")


def test_report_a_comment_then_hide_it(journey, site, offensive_comment):
    from participe.moderation.models import ModerationCase, Report

    make_user(site, "camille@example.org", display_name="Camille")
    make_user(site, "moderation@example.org", display_name="Modération", is_moderator=True)
    content_type = ContentType.objects.get_for_model(offensive_comment)

    journey.visit("/")
    log_in(journey, "camille@example.org", PASSWORD)
    journey.visit(f"/moderation/report/{content_type.pk}/{offensive_comment.pk}/", checkpoint="report")
    journey.tick("input[name=reason][value=other]")
    journey.submit(checkpoint="report-errors")  # "other" needs a few words
    assert journey.sees("#error-summary")
    journey.tick("input[name=reason][value=offensive]")
    journey.fill("#id_text", "Insulte envers les autres participants.")
    journey.submit()
    with in_instance(site):
        assert Report.objects.filter(reason="offensive").count() == 1
        case = ModerationCase.objects.get()
    log_out(journey)

    log_in(journey, "moderation@example.org", PASSWORD)
    journey.visit("/gestion/moderation/", checkpoint="moderation-queue")
    journey.press(f"main a[href='/gestion/moderation/{case.pk}/']", checkpoint="moderation-case")
    hide_form = f"form[action='/gestion/moderation/{case.pk}/hide/']"
    journey.fill(f"{hide_form} input[name=reason]", "Propos insultants envers les autres participants.")
    journey.press(f"{hide_form} button[type=submit]", checkpoint="moderation-decided")
    offensive_comment.refresh_from_db()
    assert offensive_comment.status != "published", offensive_comment.status
