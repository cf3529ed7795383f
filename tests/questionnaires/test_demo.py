"""Demo content of the questionnaire and votation modules: loaded by `participe demo`, twice without change."""

import pytest
from django.utils import timezone

from participe.core import demo_content
from participe.forms.models import Form, LogicJump, Question, Reply
from participe.instances.scoping import in_instance
from participe.modules.questionnaires.demo import load_demo as load_questionnaire
from participe.modules.questionnaires.models import Questionnaire
from participe.modules.votations.demo import load_demo as load_votation
from participe.modules.votations.models import AuditEntry, Votation
from tests.conftest import host_client, make_user

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Form.objects.count(), Question.objects.count(), LogicJump.objects.count(), Reply.objects.count(),
        Questionnaire.objects.count(), Votation.objects.count(), AuditEntry.objects.count(),
    )


def test_both_loaders_are_registered():
    assert load_questionnaire in demo_content.loaders and load_votation in demo_content.loaders


def test_demo_loads_twice_without_change_and_shows_its_pages(instance_a, admin_a):
    citizen = make_user(instance_a, "camille@example.org", password=None)
    accounts = {"admin": admin_a, "citizen": citizen}
    counts = []
    for _ in range(2):
        with in_instance(instance_a):
            load_questionnaire(instance_a, accounts, timezone.now())
            load_votation(instance_a, accounts, timezone.now())
            counts.append(snapshot())
    # Forms: the survey, the open election's ballot, the closed vote's ballot; the closed vote's audit: created,
    # results published.
    assert counts[0] == counts[1] == (3, 18, 1, 5, 1, 2, 3)
    with in_instance(instance_a):
        questionnaire = Questionnaire.objects.select_related("form").get()
        definition = questionnaire.form.definition()
        definition.check_logic()
        assert len(definition.all_questions) == 15 and len(definition.pages) == 3
        assert len({q.type for q in definition.input_questions}) >= 10
        # Residents replied, the demo citizen has yet to: the questionnaire stays something to do.
        assert Reply.objects.filter(author=citizen).count() == 0
        assert Reply.objects.filter(is_draft=False).exclude(author=None).count() == 3
        votation = Votation.objects.get(step__slug="election-du-bureau")
    client = host_client("a.test")
    results = client.get(f"/questionnaires/{questionnaire.pk}/results/").content.decode()
    assert "Tramway vers les Rives" in results and "Vélo" in results
    assert client.get(f"/questionnaires/{questionnaire.pk}/reply/").status_code == 200  # anonymous replies allowed
    assert "Élection du bureau" in client.get(f"/votations/{votation.pk}/").content.decode()
