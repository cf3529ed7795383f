"""Tests of the contract test (test_manifests.py): removing one capability for one kind makes it fail."""

import copy
from pathlib import Path

import pytest

from participe.comments.models import Comment
from tests.participation import test_manifests as contract

COMMENT_TEMPLATE = Path(__file__).resolve().parents[2] / "participe/comments/templates/comments/comment.html"


def test_comments_without_their_report_link_fail_the_contract(
    settings, tmp_path, instance_a, participant_a, moderator_a
):
    without_link = COMMENT_TEMPLATE.read_text().replace("{% report_link comment %}", "")
    assert without_link != COMMENT_TEMPLATE.read_text()
    (tmp_path / "comments").mkdir()
    (tmp_path / "comments" / "comment.html").write_text(without_link)
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [str(tmp_path), *templates[0].get("DIRS", [])]
    settings.TEMPLATES = templates
    with pytest.raises(AssertionError, match="no report link for comments.Comment"):
        contract.test_each_reportable_contribution_shows_a_working_report_form_on_its_page(
            Comment, instance_a, participant_a, moderator_a
        )


def test_a_declared_notification_nobody_sends_fails_the_contract(
    monkeypatch, instance_a, participant_a, admin_a, django_capture_on_commit_callbacks
):
    from participe.modules.proposals import analysis

    monkeypatch.setattr(analysis, "announce_status", lambda *args, **kwargs: None)
    with pytest.raises(AssertionError):
        contract.test_each_declared_notification_is_sent_by_a_real_action(
            ("proposals", "followed_status_changed"), instance_a, participant_a, admin_a,
            django_capture_on_commit_callbacks,
        )
