"""Which fields of which models can be translated.

Each entry names a model by its label and its translatable fields, in the order the back office shows them.
The content apps' models are named here by label (never imported), so this app stays low in the layers;
a module adds its own with `register("app_label.Model", ["field", …])` from its `AppConfig.ready()`.
A field that is a `RichTextField` is edited with the rich-text editor and sanitised like the original.
"""

from dataclasses import dataclass

from django.apps import apps

from participe.core.richtext import RichTextField

_declared = {
    "projects.Project": ["title", "summary", "body"],
    "projects.Step": ["title", "body"],
    "website.Page": ["title", "summary", "body"],
    "website.Post": ["title", "summary", "body"],
    "website.Event": ["title", "description"],
    "website.HomeSection": ["title", "body"],
    "forms.Question": ["title", "description", "help_text"],
    "forms.Choice": ["label", "description"],
}


@dataclass(frozen=True)
class TranslatableField:
    name: str
    label: str
    rich: bool
    contribution: bool
    max_length: int | None


_registered_hooks = []


def register(label, fields):
    _declared[label] = list(fields)
    for hook in _registered_hooks:
        hook(label)


def on_register(hook):
    """Call `hook(label)` for every declared model, now and when one is registered later."""
    _registered_hooks.append(hook)
    for label in _declared:
        hook(label)


def labels():
    """The labels of the declared models whose app is installed."""
    return [label for label in _declared if _model(label) is not None]


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:  # a module removed from INSTALLED_APPS
        return None


def model_for(label):
    return _model(label) if label in _declared else None


def label_of(model):
    meta = getattr(model, "_meta", None)
    return meta.label if meta is not None else None


def is_translatable(obj, field=None):
    names = _declared.get(label_of(obj if isinstance(obj, type) else type(obj)))
    return names is not None and (field is None or field in names)


def fields_of(model):
    """The translatable fields of `model` (a class or an instance), [] if it has none."""
    if not isinstance(model, type):
        model = type(model)
    result = []
    for name in _declared.get(label_of(model), ()):
        field = model._meta.get_field(name)
        rich = isinstance(field, RichTextField)
        result.append(
            TranslatableField(
                name=name,
                label=str(field.verbose_name),
                rich=rich,
                contribution=rich and field.contribution,
                max_length=field.max_length,
            )
        )
    return result
