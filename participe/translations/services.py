"""The one writer of translations: the back office's side-by-side page saves through `save_translations`."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from participe.core.richtext import sanitise
from participe.translations.models import Translation
from participe.translations.registry import fields_of


def existing(objects):
    """{(model label, object id, field, language): text} of the translations of `objects` (one query per model)."""
    found = {}
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, ids in by_model.items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        rows = Translation.objects.filter(content_type=content_type, object_id__in=ids)
        for object_id, field, language, text in rows.values_list("object_id", "field", "language", "text"):
            found[(model._meta.label, object_id, field, language)] = text
    return found


@transaction.atomic
def save_translations(obj, texts):
    """`texts`: {(field, language): text}. An empty text deletes the translation (the default one shows)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    declared = {field.name: field for field in fields_of(obj)}
    rows = Translation.objects.filter(content_type=content_type, object_id=obj.pk)
    for (name, language), value in texts.items():
        field = declared[name]
        value = (value or "").strip()
        if field.rich:
            value = sanitise(value, field.contribution)
        if not value:
            rows.filter(field=name, language=language).delete()
            continue
        row = rows.filter(field=name, language=language).first()
        if row is None:
            Translation.objects.create(
                content_type=content_type, object_id=obj.pk, field=name, language=language, text=value
            )
        elif row.text != value:
            row.text = value
            row.save(update_fields=["text", "updated_at"])
