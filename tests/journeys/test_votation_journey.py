"""Votation, in a real browser: an elector casts a secret ballot, keeps the receipt, checks after the close that it is in the box.

Each journey runs with JavaScript, without it, and with the keyboard only (the `mode` fixture).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.forms.builders import make_form
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def election(site):
    from participe.modules.votations.models import Votation
    from participe.projects.models import Project, Step

    with in_instance(site):
        project = Project.objects.create(
            title="Conseil de quartier", slug="conseil-de-quartier", is_published=True
        )
        now = timezone.now()
        step = Step.objects.create(
            project=project,
            type="votation",
            title="Élection du bureau",
            slug="election",
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=5),
        )
        form, questions = make_form(
            "Bulletin",
            [
                ("single_choice", "Présidence", {"choices": ["Alice", "Bruno"], "required": True}),
                ("majority_judgment", "Projets", {"choices": ["Tram", "Bus"], "required": True}),
            ],
        )
        votation = Votation.objects.create(step=step, form=form, electorate=Votation.Electorate.ACCOUNTS)
        choices = {choice.label: choice.pk for question in questions for choice in question.choices.all()}
    return votation, questions, choices


def _close(votation):
    from participe.projects.models import Step

    with in_instance(votation.instance):
        now = timezone.now()
        Step.objects.filter(pk=votation.step_id).update(
            starts_at=now - timedelta(days=3), ends_at=now - timedelta(minutes=1)
        )


def test_cast_a_secret_ballot_then_find_its_receipt_in_the_box(journey, site, election, mailoutbox):
    from participe.modules.votations.models import Elector, PendingBallot, digest

    votation, (presidency, projects), choices = election
    make_user(site, "electrice@example.org", display_name="Électrice")

    journey.visit("/")
    log_in(journey, "electrice@example.org", PASSWORD)
    journey.visit(f"/votations/{votation.pk}/", checkpoint="votation-open")
    assert journey.sees("main form[method=post] button[type=submit]")

    journey.tick(f"input[name='{presidency.field_name}'][value='{choices['Alice']}']")
    journey.tick(f"input[name='{projects.field_name}_{choices['Tram']}'][value='6']")
    journey.tick(f"input[name='{projects.field_name}_{choices['Bus']}'][value='2']")
    journey.submit(checkpoint="votation-receipt")
    receipt = journey.page.text_content("strong.receipt").strip()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", receipt), receipt
    with in_instance(site):
        assert PendingBallot.objects.get().receipt_digest == digest(receipt)
        assert Elector.objects.get().has_voted

    journey.visit(f"/votations/{votation.pk}/")
    assert not journey.sees("main form[method=post]")  # one ballot per elector

    _close(votation)
    journey.visit(f"/votations/{votation.pk}/", checkpoint="votation-results")
    journey.press(f"main a[href='/votations/{votation.pk}/ballots/']", checkpoint="votation-ballots")
    journey.fill("#receipt", receipt.lower())
    journey.submit(checkpoint="votation-ballot-found", form="main form[role=search]")
    assert "urne" in journey.page.text_content("main p[role=status]")  # « Ce reçu est dans l'urne »
    assert "Alice" not in journey.page.text_content("main")  # the receipt's presence, never its choices
