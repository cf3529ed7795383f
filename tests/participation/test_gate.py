"""The participation gate as a matrix: action × step state × role × requirement, for every step type of every module,
then through HTTP where the citizen reads the refusal and follows its link."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.participation import gate
from participe.participation.manifest import modules
from participe.projects.models import Project, Step, Visibility
from participe.projects.registry import StepState
from tests.conftest import host_client, make_user

ACTIONS = [(step_type, action) for module in modules for step_type in module.step_types for action in step_type.actions]
ROLES = ["anonymous", "participant", "admin", "banned", "other_instance"]


def _dates(state):
    now = timezone.now()
    return {
        StepState.OPEN: (now - timedelta(days=1), now + timedelta(days=1)),
        StepState.FUTURE: (now + timedelta(days=1), now + timedelta(days=2)),
        StepState.CLOSED: (now - timedelta(days=2), now - timedelta(days=1)),
    }[state]


def make_step(instance, type_key, state, requirements=(), visibility=Visibility.PUBLIC, slug=None):
    starts_at, ends_at = _dates(state)
    slug = slug or f"{type_key}-{state}-{len(requirements)}"
    with in_instance(instance):
        project, _ = Project.objects.get_or_create(
            slug=f"project-{visibility}", defaults={"title": "P", "is_published": True, "visibility": visibility}
        )
        return Step.objects.create(
            project=project, type=type_key, title=slug, slug=slug, starts_at=starts_at, ends_at=ends_at,
            requirements=list(requirements),
        )


def expected(step_type, action, state, role, requirement):
    if state not in step_type.actions[action]:
        return gate.Reason.STEP_NOT_OPEN
    if role == "anonymous":
        return gate.Reason.SIGN_IN
    if role in ("banned", "other_instance"):
        return gate.Reason.FORBIDDEN
    if requirement:
        return gate.Reason.REQUIREMENTS
    return None


@pytest.mark.parametrize(("step_type", "action"), ACTIONS, ids=[f"{t.key}:{a}" for t, a in ACTIONS])
def test_the_gate_matrix(step_type, action, instance_a, instance_b):
    users = {
        "anonymous": AnonymousUser(),
        "participant": make_user(instance_a, "participant@a.test"),
        "admin": make_user(instance_a, "admin@a.test", is_instance_admin=True),
        "banned": make_user(instance_a, "banned@a.test", is_banned=True),
        "other_instance": make_user(instance_b, "participant@b.test"),
    }
    for state in StepState:
        for requirement in (False, True):
            step = make_step(instance_a, step_type.key, state, ["zip_code"] if requirement else [])
            with in_instance(instance_a):
                for role in ROLES:
                    decision = gate.check(users[role], action, step, next_url="/back/")
                    want = expected(step_type, action, state, role, requirement)
                    assert (decision.reason if not decision else None) == want, (state, role, requirement)
                    if want == gate.Reason.SIGN_IN:
                        assert decision.link == "/accounts/login/?next=%2Fback%2F"
                    if want == gate.Reason.REQUIREMENTS:
                        assert decision.link.endswith("/requirements/?next=%2Fback%2F")


def test_met_requirements_open_the_gate(instance_a):
    step = make_step(instance_a, "collect", StepState.OPEN, ["zip_code"])
    user = make_user(instance_a, "p@a.test")
    with in_instance(instance_a):
        assert gate.check(user, "contribute", step).reason == gate.Reason.REQUIREMENTS
        user.zip_code = "31000"
        assert gate.check(user, "contribute", step)


def test_what_the_visitor_may_not_see_is_not_found(instance_a, instance_b):
    hidden = make_step(instance_a, "collect", StepState.OPEN, visibility=Visibility.ADMINS)
    elsewhere = make_step(instance_b, "collect", StepState.OPEN)
    participant = make_user(instance_a, "p@a.test")
    with in_instance(instance_a):
        assert gate.check(participant, "contribute", hidden).reason == gate.Reason.NOT_FOUND
        assert gate.check(participant, "contribute", elsewhere).reason == gate.Reason.NOT_FOUND
        assert gate.check(make_user(instance_a, "a@a.test", is_instance_admin=True), "contribute", hidden)


def test_anonymous_participation_skips_sign_in_but_not_the_step_state(instance_a):
    open_step = make_step(instance_a, "questionnaire", StepState.OPEN, ["zip_code"])
    closed = make_step(instance_a, "questionnaire", StepState.CLOSED)
    with in_instance(instance_a):
        assert gate.check(AnonymousUser(), "reply", open_step, anonymous=True)
        assert gate.check(AnonymousUser(), "reply", closed, anonymous=True).reason == gate.Reason.STEP_NOT_OPEN


def test_the_rule_is_the_gate(instance_a):
    step = make_step(instance_a, "collect", StepState.OPEN)
    closed = make_step(instance_a, "collect", StepState.CLOSED)
    with in_instance(instance_a):
        user = make_user(instance_a, "p@a.test")
        assert user.has_perm("participation.participate_in_step", step)
        assert not user.has_perm("participation.participate_in_step", closed)
        assert not make_user(instance_a, "b@a.test", is_banned=True).has_perm("participation.participate_in_step", step)


# Through HTTP: the refusal reaches the citizen, with its link ---------------------------------------------------


@pytest.mark.usefixtures("english")
def test_a_proposal_form_sends_a_participant_missing_a_requirement_to_fill_it(instance_a, participant_a):
    step = make_step(instance_a, "collect", StepState.OPEN, ["zip_code"])
    response = host_client("a.test", participant_a).post(f"/proposals/step/{step.pk}/new/", {"title": "Trees"})
    assert response.status_code == 302 and "/requirements/?next=" in response["Location"]


@pytest.mark.usefixtures("english")
def test_consultation_writing_asks_the_requirements_too(instance_a, participant_a):
    from participe.modules.consultation.models import Consultation, Section

    step = make_step(instance_a, "consultation", StepState.OPEN, ["zip_code"])
    with in_instance(instance_a):
        consultation = Consultation.objects.create(step=step, title="Text")
        section = Section.objects.create(consultation=consultation, title="Article 1")
    client = host_client("a.test", participant_a)
    response = client.post(f"/consultation/section/{section.pk}/propose/", {"title": "An idea", "body": "<p>Because.</p>"})
    assert response.status_code == 302 and "/requirements/?next=" in response["Location"]
    # Back from the requirements page, the text typed is still there.
    assert 'value="An idea"' in client.get(f"/consultation/section/{section.pk}/propose/").content.decode()


def test_a_questionnaire_page_shows_the_refusal_with_its_link_in_french(instance_a, participant_a):
    step = make_step(instance_a, "questionnaire", StepState.OPEN, ["zip_code"])
    with in_instance(instance_a):
        step.step_type.create_content(step)
    html = host_client("a.test", participant_a).get(step.get_absolute_url()).content.decode()
    assert "Veuillez d’abord remplir les conditions de participation." in html
    assert "Compléter mes informations de participation</a>" in html and "/requirements/?next=" in html
    anonymous = host_client("a.test").get(step.get_absolute_url()).content.decode()
    assert "Connectez-vous pour participer." in anonymous and "/accounts/login/?next=" in anonymous
