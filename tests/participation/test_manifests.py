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
