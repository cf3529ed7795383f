"""Publication checklists: what a step or a project lacks before the public can use it."""

from django.utils.translation import gettext_lazy as _

from participe.core.richtext import sanitise
from participe.projects.registry import Missing


def _has_text(html):
    return bool(sanitise(html or "").strip())


def step_checklist(step):
    step_type = step.step_type
    if step_type is None:
        return [Missing(_("The module of this type of step is not installed any more."))]
    missing = list(step_type.missing(step))
    if step_type.view is None and not _has_text(step.body):
        # Steps without a page of their own show their text and nothing else.
        missing.append(Missing(_("The step has no text yet.")))
    if step_type.participatory and not (step.starts_at or step.ends_at):
        missing.append(Missing(_("No dates: the step stays open at all times."), blocking=False))
    return missing


def project_checklist(project, steps):
    missing = []
    if not any(step.is_enabled for step in steps):
        missing.append(Missing(_("No step is published yet.")))
    if not _has_text(project.body) and not project.summary:
        missing.append(Missing(_("The project has no presentation."), blocking=False))
    if not project.cover:
        missing.append(Missing(_("The project has no cover image."), blocking=False))
    return missing


def blocking(missing):
    return [item for item in missing if item.blocking]
