"""What the back office does to projects and steps: one function per action, each in a transaction."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from participe.gestion.checklist import blocking, project_checklist, step_checklist
from participe.projects.models import Project, Step


class NotReady(Exception):
    """Publishing refused; `missing` lists what the organiser must add first."""

    def __init__(self, missing):
        super().__init__(", ".join(str(item.message) for item in missing))
        self.missing = missing


def unique_slug(queryset, title, fallback):
    base = slugify(title)[:200] or fallback
    slug, number = base, 2
    while queryset.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def add_step(project, step_type, title):
    position = (project.steps.aggregate(last=Max("position"))["last"] or 0) + 1
    step = Step.objects.create(
        project=project,
        type=step_type.key,
        title=title,
        slug=unique_slug(project.steps.all(), title, "etape"),
        position=position,
        # A new step stays unpublished until its checklist is complete.
        is_enabled=False,
    )
    step_type.create_content(step)
    return step


@transaction.atomic
def move_step(step, direction):
    steps = list(Step.objects.filter(project_id=step.project_id).select_for_update().order_by("position", "pk"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
    for number, each in enumerate(steps, start=1):
        if each.position != number:
            each.position = number
            each.save(update_fields=["position"])


@transaction.atomic
def publish_step(step):
    missing = blocking(step_checklist(step))
    if missing:
        raise NotReady(missing)
    step.is_enabled = True
    step.save(update_fields=["is_enabled"])


@transaction.atomic
def unpublish_step(step):
    step.is_enabled = False
    step.save(update_fields=["is_enabled"])


@transaction.atomic
def publish_project(project):
    missing = blocking(project_checklist(project, list(project.steps.all())))
    if missing:
        raise NotReady(missing)
    project.is_published = True
    project.save(update_fields=["is_published", "published_at", "updated_at"])


@transaction.atomic
def unpublish_project(project):
    project.is_published = False
    project.save(update_fields=["is_published", "updated_at"])


@transaction.atomic
def set_archived(project, archived):
    project.is_archived = archived
    project.save(update_fields=["is_archived", "updated_at"])


@transaction.atomic
def duplicate_project(project):
    """A copy of the project and its steps, unpublished; each copied step gets fresh content from its type."""
    title = _("Copy of %(title)s") % {"title": project.title}
    copy = Project.objects.create(
        title=title[:200],
        slug=unique_slug(Project.objects.all(), title, "projet"),
        cover=project.cover,
        cover_alt=project.cover_alt,
        summary=project.summary,
        body=project.body,
        type_label=project.type_label,
        visibility=project.visibility,
        position=project.position,
        is_published=False,
    )
    copy.themes.set(project.themes.all())
    copy.districts.set(project.districts.all())
    copy.allowed_groups.set(project.allowed_groups.all())
    copy.administrators.set(project.administrators.all())
    for step in project.steps.order_by("position", "pk"):
        new = Step.objects.create(
            project=copy,
            type=step.type,
            title=step.title,
            slug=step.slug,
            body=step.body,
            starts_at=step.starts_at,
            ends_at=step.ends_at,
            is_enabled=False,
            position=step.position,
            settings={k: v for k, v in (step.settings or {}).items() if not k.endswith("_form_id")},
            requirements=step.requirements,
        )
        if new.step_type is not None:
            new.step_type.create_content(new)
    return copy

