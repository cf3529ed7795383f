"""The evaluation form built with the form engine: analysts fill it, the supervisor and decision maker read it."""

import re

import pytest
from django.db import IntegrityError, transaction

from participe.forms.models import Choice, Form, Question, Reply
from participe.instances.scoping import in_instance
from participe.modules.proposals import analysis
from participe.modules.proposals.forms import CollectSettingsForm
from participe.modules.proposals.models import Evaluation
from participe.projects.models import Step
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


@pytest.fixture
def evaluation_form(instance_a):
    with in_instance(instance_a):
        form = Form.objects.create(title="Grille d'instruction")
        feasible = Question.objects.create(form=form, position=1, type="single_choice", title="Faisable ?", required=True)
        yes = Choice.objects.create(question=feasible, position=1, label="Oui")
        Choice.objects.create(question=feasible, position=2, label="Non")
        opinion = Question.objects.create(form=form, position=2, type="long_text", title="Avis technique", required=True)
        return form, feasible, yes, opinion


@pytest.fixture
def people(instance_a, make_account):
    return (
        make_account(instance_a, "ana@a.test", is_analyst=True),
        make_account(instance_a, "lyse@a.test", is_analyst=True),
        make_account(instance_a, "chef@a.test", is_analyst=True),
    )


def _step_with_form(instance, form):
    step = make_step(instance, visibility="private")
    with in_instance(instance):
        Step.objects.filter(pk=step.pk).update(settings={**step.settings, "evaluation_form_id": form.pk})
        step.refresh_from_db()
    return step


@pytest.mark.django_db
def test_analysts_fill_the_designed_evaluation_form_and_the_supervisor_reads_it(instance_a, evaluation_form, people):
    form, feasible, yes, opinion = evaluation_form
    analyst, other_analyst, supervisor = people
    step = _step_with_form(instance_a, form)
    proposal = make_proposal(step, cost=1000)
    with in_instance(instance_a):
        analysis.assign(proposal, analysts=[analyst, other_analyst], supervisor=supervisor)
    url = f"/proposals/{proposal.pk}/analysis/"
    client = host_client("a.test", analyst)
    page = client.get(url).content.decode()
    assert "Faisable ?" in page and "Avis technique" in page
    # A missing required answer: refused, and what was typed stays in the page.
    response = client.post(url, {
        "form": "evaluate", "state": "favourable", "revised_cost": "800", "note": "Note gardée",
        f"evaluation-{feasible.field_name}": str(yes.pk),
    })
    assert response.status_code == 400
    body = response.content.decode()
    chosen = re.search(rf'<input[^>]*name="evaluation-{feasible.field_name}"[^>]*value="{yes.pk}"[^>]*>', body)
    assert "Note gardée" in body and chosen and "checked" in chosen.group(0)
    with in_instance(instance_a):
        assert not Evaluation.objects.filter(proposal=proposal).exists()
    # Complete: saved with the answers; saving again updates the same evaluation and reply.
    answers = {f"evaluation-{feasible.field_name}": str(yes.pk), f"evaluation-{opinion.field_name}": "Réalisable en 2027"}
    base = {"form": "evaluate", "state": "favourable", "revised_cost": "800", "note": "Bien"}
    assert client.post(url, {**base, **answers}).status_code == 302
    answers[f"evaluation-{opinion.field_name}"] = "Réalisable dès 2026"
    assert client.post(url, {**base, **answers}).status_code == 302
    with in_instance(instance_a):
        evaluation = Evaluation.objects.select_related("reply").get(proposal=proposal, analyst=analyst)
        assert evaluation.reply.answers[str(opinion.pk)] == "Réalisable dès 2026"
        assert evaluation.reply.answers[str(feasible.pk)]["choice"] == yes.pk
        assert Reply.objects.filter(form=form).count() == 1
        proposal.refresh_from_db()
        assert proposal.revised_cost == 800
        # One evaluation per analyst and proposal, guaranteed by the database.
        with pytest.raises(IntegrityError), transaction.atomic():
            Evaluation.objects.create(instance=instance_a, proposal=proposal, analyst=analyst)
    # The form shows the analyst's own earlier answers.
    assert "Réalisable dès 2026" in client.get(url).content.decode()
    # The supervisor reads every analyst's answers; another analyst does not read them.
    supervised = host_client("a.test", supervisor).get(url).content.decode()
    assert "Réalisable dès 2026" in supervised and "Oui" in supervised
    assert "Réalisable dès 2026" not in host_client("a.test", other_analyst).get(url).content.decode()


@pytest.mark.django_db
def test_without_a_designed_form_the_simple_evaluation_still_works(instance_a, people):
    analyst = people[0]
    proposal = make_proposal(make_step(instance_a), cost=1000)
    with in_instance(instance_a):
        analysis.assign(proposal, analysts=[analyst])
    client = host_client("a.test", analyst)
    response = client.post(f"/proposals/{proposal.pk}/analysis/", {"form": "evaluate", "state": "unfavourable", "note": "Non"})
    assert response.status_code == 302
    with in_instance(instance_a):
        evaluation = Evaluation.objects.get(proposal=proposal)
        assert evaluation.state == "unfavourable" and evaluation.reply_id is None


@pytest.mark.django_db
def test_the_step_settings_choose_the_proposal_and_evaluation_forms(instance_a, instance_b, evaluation_form):
    from participe.forms.models import Form

    form = evaluation_form[0]
    with in_instance(instance_b):
        elsewhere = Form.objects.create(title="Formulaire de B")
    with in_instance(instance_a):
        questions = Form.objects.create(title="Questions du dépôt")
        data = {"visibility": "private", "vote_type": "none", "rule": "greedy", "evaluation_form": form.pk}
        settings_form = CollectSettingsForm({**data, "proposal_form": questions.pk}, initial={"source": "import"})
        assert settings_form.is_valid(), settings_form.errors
        settings = settings_form.to_settings()
        assert (settings["evaluation_form_id"], settings["proposal_form_id"]) == (form.pk, questions.pk)
        assert settings["source"] == "import"
        again = CollectSettingsForm(initial=settings).initial
        assert (again["evaluation_form"], again["proposal_form"]) == (form.pk, questions.pk)
        assert not CollectSettingsForm({**data, "proposal_form": elsewhere.pk}).is_valid()  # another instance's form
