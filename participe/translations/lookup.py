"""A field's text in the active language, falling back to the instance's default language.

Nothing is read when the page is in the default language (the original field is that text). Otherwise the
first lookup of a model in a request reads every translation of that model into the active language in one
query (the instance's rows only: the scoped manager), kept on the request: a list of fifty projects costs one
query, not fifty. `prefetch(objects, language)` does the same for code that has no request (or wants only some
rows); both fill the same per-object cache, so templates never query per row.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language

from participe.core.richtext import render
from participe.instances.scoping import current_instance
from participe.translations.models import Translation
from participe.translations.registry import fields_of, is_translatable

_ATTRIBUTE = "_translations_cache"  # on an object: {language: {field: text}}


def _default_language():
    instance = current_instance()
    return instance.default_language if instance is not None else None


def _language(language):
    return (language or get_language() or "").split("-")[0]


def needs_translation(language=None):
    language = _language(language)
    return bool(language) and language != _default_language()


def _model_translations(request, model, language):
    """{(object_id, field): text} of every translation of `model` into `language`, read once per request."""
    cache = request.__dict__.setdefault("_translations_by_model", {})
    key = (model._meta.label, language)
    if key not in cache:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        rows = Translation.objects.filter(content_type=content_type, language=language)
        cache[key] = {
            (object_id, field): text
            for object_id, field, text in rows.values_list("object_id", "field", "text")
        }
    return cache[key]


def prefetch(objects, language=None):
    """Load the translations of `objects` (one model) into `language` in one query; returns `objects`."""
    objects = list(objects)
    language = _language(language)
    if not objects or not needs_translation(language):
        return objects
    model = type(objects[0])
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    found = {}
    rows = Translation.objects.filter(
        content_type=content_type, language=language, object_id__in=[obj.pk for obj in objects]
    ).values_list("object_id", "field", "text")
    for object_id, field, text in rows:
        found.setdefault(object_id, {})[field] = text
    for obj in objects:
        obj.__dict__.setdefault(_ATTRIBUTE, {})[language] = found.get(obj.pk, {})
    return objects


def text(obj, field, request=None, language=None):
    """The raw text of `obj.field` in `language` (the active one by default), else the original."""
    if obj is None:
        return ""
    original = getattr(obj, field)
    if not is_translatable(obj, field):
        return original
    language = _language(language)
    if not needs_translation(language):
        return original
    cached = obj.__dict__.get(_ATTRIBUTE, {}).get(language)
    if cached is None:
        if request is not None:
            found = _model_translations(request, type(obj), language).get((obj.pk, field))
            return found or original
        prefetch([obj], language)
        cached = obj.__dict__[_ATTRIBUTE][language]
    return cached.get(field) or original


def display(obj, field, request=None, language=None):
    """What a template shows: rich text sanitised again (as `|rich` does), plain text as it is (escaped later)."""
    value = text(obj, field, request, language)
    for declared in fields_of(obj):
        if declared.name == field and declared.rich:
            return render(value, contribution=declared.contribution)
    return value
