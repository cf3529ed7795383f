from django.contrib.contenttypes.models import ContentType

from participe.instances.scoping import in_instance
from participe.translations.models import Translation


def translate(obj, field, text, language="en"):
    with in_instance(obj.instance):
        return Translation.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            field=field,
            language=language,
            text=text,
        )


def offer(instance, *languages, default="fr"):
    instance.languages = list(languages)
    instance.default_language = default
    instance.save()
