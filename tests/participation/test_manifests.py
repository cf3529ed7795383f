"""The contract every module's manifest keeps (participe/participation/manifest.py), checked for each registered module."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participe.accounts import personal_data
from participe.core import demo_content, importers
from participe.instances.scoping import in_instance
from participe.participation.manifest import modules
from participe.participation.models import Contribution as AuthoredContribution
from participe.participation.registry import participation
from participe.projects.models import Project, Step
from participe.projects.registry import step_types
from participe.search.registry import sources
from tests.conftest import host_client

STEP_TYPES = [(module.key, step_type) for module in modules for step_type in module.step_types]
CONTRIBUTIONS = [(module.key, contribution) for module in modules for contribution in module.contributions]


def test_the_four_modules_and_the_toy_one_are_registered():
    assert {"consultation", "proposals", "questionnaires", "votations", "toy_petition"} <= {m.key for m in modules}


@pytest.mark.parametrize("step_type", [t for _, t in STEP_TYPES], ids=[f"{m}:{t.key}" for m, t in STEP_TYPES])
def test_each_step_type_is_registered_and_its_page_answers_for_a_public_open_step(step_type, instance_a, participant_a):
    assert step_types.get(step_type.key) is step_type
    now = timezone.now()
    with in_instance(instance_a):
        project = Project.objects.create(instance=instance_a, slug="p", title="P", is_published=True)
        step = Step.objects.create(
            instance=instance_a, project=project, type=step_type.key, title="Step", slug="step",
            starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1),
        )
        step_type.create_content(step)
    for client in (host_client("a.test"), host_client("a.test", participant_a)):
        assert client.get(step.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("step_type", [t for _, t in STEP_TYPES], ids=[f"{m}:{t.key}" for m, t in STEP_TYPES])
def test_each_step_type_hook_resolves(step_type):
    assert step_type.get_view() is not None
    for name in ("settings_form", "exporters", "creates"):
        if getattr(step_type, name):
            assert step_type.get_hook(name) is not None
    for states in step_type.actions.values():
        assert states, "an action allowed in no state is a mistake"


@pytest.mark.parametrize("contribution", [c for _, c in CONTRIBUTIONS], ids=[f"{m}:{c.model.__name__}" for m, c in CONTRIBUTIONS])
def test_each_contribution_is_declared_searchable_and_in_the_personal_data_export(contribution):
    features = participation.features(contribution.model)
    for name in ("commentable", "votable", "followable", "reportable"):
        assert getattr(features, name) == contribution.features[name]
    if contribution.searchable is not None:
        assert sources.get(contribution.searchable.key) is contribution.searchable
    if issubclass(contribution.model, AuthoredContribution):  # written by participants: theirs to export
        assert contribution.personal_data, f"{contribution!r} has no personal-data section"
        provider = personal_data._providers.get(contribution.personal_data)
        assert provider is not None


@pytest.mark.parametrize("module", list(modules), ids=[m.key for m in modules])
def test_each_module_declaration_reaches_its_registry(module):
    from celery import current_app

    for name, provider in module.personal_data.items():
        assert personal_data._providers[name] is provider
    for kind, importer in module.importers.items():
        assert importers.get(kind).run is importer.run
    for name, entry in module.schedules.items():
        assert current_app.conf.beat_schedule[name] == entry
    if module.demo is not None:
        assert module.demo in demo_content.loaders


def test_a_module_key_is_registered_once():
    with pytest.raises(ValueError):
        modules.register(modules.get("consultation"))


@pytest.mark.parametrize("step_type", ["questionnaire", "votation"])
def test_the_back_office_adds_a_step_with_the_content_its_type_creates(step_type, instance_a, admin_a):
    from tests.projects.test_backoffice import _post_data

    client = host_client("a.test", admin_a)
    response = client.post("/admin/projects/project/add/", _post_data(**{"steps-0-type": step_type}))
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(instance_a):
        step = Step.objects.get()
        content = step.questionnaire if step_type == "questionnaire" else step.votation
        assert content.form.title == step.title


def test_a_module_form_lock_is_read_by_the_form_engine(instance_a):
    from participe.forms.locks import locked_reason

    now = timezone.now()
    with in_instance(instance_a):
        project = Project.objects.create(instance=instance_a, slug="p", title="P", is_published=True)
        step = Step.objects.create(
            instance=instance_a, project=project, type="votation", title="Vote", slug="vote",
            starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2),
        )
        step_types["votation"].create_content(step)
        form = step.votation.form
        assert locked_reason(form) is None  # a future votation's ballot may still change
        step.starts_at = now - timedelta(days=1)
        step.save()
        assert locked_reason(form)


# Notifications: each kind a manifest declares is sent by a real action, over HTTP, to the person concerned.


def _proposal_of(instance, author):
    from tests.proposals.conftest import make_proposal, make_step

    return make_proposal(make_step(instance), "Un verger partagé", author=author, status="published")


def _proposal_decided(instance, author, staff):
    proposal = _proposal_of(instance, author)
    return host_client("a.test", staff).post(
        f"/proposals/{proposal.pk}/analysis/",
        {"form": "decide", "decision": "accepted", "official_answer": "Le verger sera planté."},
    )


def _amendment_answered(instance, author, staff):
    from participe.modules.consultation.models import Amendment
    from tests.consultation.conftest import build_consultation

    built = build_consultation(instance, author=staff)
    with in_instance(instance):
        amendment = Amendment.objects.create(
            step=built["step"], opinion=built["opinions"][0], author=author, title="Deux langues",
            body="<p>Deux langues.</p>", status="published",
        )
    return host_client("a.test", staff).post(
        f"/consultation/amendment/{amendment.pk}/answer/", {"answer_status": "taken", "official_answer": "Retenu."}
    )


def _progress_step_added(instance, follower, staff):
    """A progress step added in the back office: news for the proposal's followers."""
    from participe.follows.services import follow

    proposal = _proposal_of(instance, None)
    with in_instance(instance):
        proposal.decision = "accepted"
        proposal.save(update_fields=["decision"])
        follow(follower, proposal)
    return host_client("a.test", staff).post(
        f"/gestion/proposals/steps/{proposal.step_id}/realisation/{proposal.pk}/",
        {"title": "Travaux lancés", "percentage": "40", "position": "1"},
    )


NOTIFICATION_TRIGGERS = {
    ("consultation", "contribution_answered"): _amendment_answered,
    ("proposals", "contribution_answered"): _proposal_decided,
    ("proposals", "followed_status_changed"): _proposal_decided,
    ("proposals", "realisation_progress"): _progress_step_added,
}
DECLARED_NOTIFICATIONS = [(module.key, kind) for module in modules for kind in module.notifications]


def test_every_declared_notification_kind_exists_and_has_a_trigger_here():
    from participe.notifications.kinds import KINDS

    for module_key, kind in DECLARED_NOTIFICATIONS:
        assert kind in KINDS, f"{module_key} declares the unknown notification kind {kind!r}"
        assert (module_key, kind) in NOTIFICATION_TRIGGERS, f"no action of this test sends {module_key}:{kind}"


@pytest.mark.parametrize("declared", DECLARED_NOTIFICATIONS, ids=[f"{m}:{k}" for m, k in DECLARED_NOTIFICATIONS])
def test_each_declared_notification_is_sent_by_a_real_action(
    declared, instance_a, participant_a, admin_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    from participe.notifications.models import Notification

    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        response = NOTIFICATION_TRIGGERS[declared](instance_a, participant_a, admin_a)
    assert response.status_code < 400
    with in_instance(instance_a):
        assert Notification.objects.filter(user=participant_a, kind=declared[1]).exists()
        assert not Notification.objects.filter(user=admin_a).exists()  # never the author of the action
    assert any(message.to == [participant_a.email] for message in mail.outbox)


# Reporting: every contribution declared reportable shows a report link on its page, and the form it leads to works.

REPORTABLE = participation.models_with("reportable")


def _written_through_the_module(model, instance, author):
    """Arguments, sources and debate arguments through the consultation's services, which keep the counters
    their pages read; every other kind from the search builders."""
    from participe.modules.consultation import services
    from participe.modules.consultation.models import Argument, Debate, DebateArgument, Opinion, Source
    from tests.search.builders import build

    if model in (Argument, Source):
        opinion = build(Opinion, instance, "texte", author)
        with in_instance(instance):
            if model is Argument:
                return services.submit_argument(author, opinion, "for", "Le verger aide.")
            return services.submit_source(author, opinion, "Étude du verger", "report", link="https://example.org/")
    if model is DebateArgument:
        debate = build(Debate, instance, "verger", author)
        with in_instance(instance):
            return services.submit_debate_argument(author, debate, "for", "Le verger !")
    return build(model, instance, "verger", author)


@pytest.mark.parametrize("model", REPORTABLE, ids=[m._meta.label for m in REPORTABLE])
def test_each_reportable_contribution_shows_a_working_report_form_on_its_page(
    model, instance_a, participant_a, moderator_a
):
    from django.contrib.contenttypes.models import ContentType

    from participe.moderation.models import ModerationCase
    from participe.participation.targets import url_of
    from tests.conftest import make_user

    author = make_user(instance_a, "auteur@a.test", display_name="Autrice")
    target = _written_through_the_module(model, instance_a, author)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    report_url = f"/moderation/report/{content_type.pk}/{target.pk}/"
    client = host_client("a.test", participant_a)
    with in_instance(instance_a):
        page_url = url_of(target)
    page = client.get(page_url)
    assert page.status_code == 200
    assert f'href="{report_url}"' in page.content.decode(), f"no report link for {model._meta.label} on {page_url}"
    assert client.get(report_url).status_code == 200
    assert client.post(report_url, {"reason": "spam"}).status_code == 302
    with in_instance(instance_a):
        case = ModerationCase.objects.get(content_type=content_type, object_id=target.pk)
    queue = host_client("a.test", moderator_a).get("/gestion/moderation/").content.decode()
    assert f"/gestion/moderation/{case.pk}/" in queue


# Search: every contribution declared searchable is found by its words, and not once hidden or its project private.

SEARCHABLE = [contribution for contribution in modules.contributions() if contribution.searchable is not None]


def _found(client, target, word="verger"):
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    results = response.content.decode().split('class="tabs"', 1)[-1]
    return f'href="{target.get_absolute_url()}"' in results


@pytest.mark.parametrize("contribution", SEARCHABLE, ids=[c.model._meta.label for c in SEARCHABLE])
def test_each_searchable_contribution_is_found_and_not_once_hidden(contribution, instance_a, participant_a, moderator_a):
    from participe.moderation import services
    from tests.search.builders import BUILDERS, build

    model = contribution.model
    assert model._meta.label_lower in BUILDERS, f"add a builder of {model._meta.label} to tests/search/builders.py"
    target = build(model, instance_a, "verger", participant_a)
    visitor = host_client("a.test")
    assert _found(visitor, target), f"a search does not find {model._meta.label}"
    assert _found(host_client("a.test", participant_a), target)
    if issubclass(model, AuthoredContribution):
        with in_instance(instance_a):
            services.hide(target, "Hors sujet", moderator_a)
        assert not _found(visitor, target), f"a hidden {model._meta.label} is still found"


@pytest.mark.parametrize("contribution", SEARCHABLE, ids=[c.model._meta.label for c in SEARCHABLE])
def test_each_searchable_contribution_of_a_private_project_is_not_found(contribution, instance_a, participant_a):
    from participe.projects.models import Visibility
    from tests.search.builders import build

    target = build(contribution.model, instance_a, "verger", participant_a)
    with in_instance(instance_a):
        Project.objects.filter(pk=target.step.project_id).update(visibility=Visibility.ADMINS)
    for client in (host_client("a.test"), host_client("a.test", participant_a)):
        assert not _found(client, target), f"{contribution.model._meta.label} of a private project is found"


def test_every_contribution_written_by_participants_is_searchable():
    for contribution in modules.contributions():
        if issubclass(contribution.model, AuthoredContribution):
            assert contribution.searchable is not None, f"{contribution!r} is not declared searchable"
