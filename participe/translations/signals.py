"""Keep the table in step: a saved or deleted translation purges the instance's cached pages; an object that is
deleted takes its translations with it. At login, the account's language is applied."""

from django.contrib.auth.signals import user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from participe.core.generations import purge
from participe.instances.scoping import platform_wide
from participe.translations import registry
from participe.translations.models import Translation


def _purge(sender, instance, **kwargs):
    purge(instance.instance_id)


def _forget_translations(sender, instance, **kwargs):
    content_type = ContentType.objects.get_for_model(sender, for_concrete_model=True)
    # Also when an instance is deleted with no scope active: the row's own instance bounds the delete.
    with platform_wide():
        Translation.objects.filter(
            instance_id=instance.instance_id, content_type=content_type, object_id=instance.pk
        ).delete()


def connect():
    post_save.connect(_purge, sender=Translation, dispatch_uid="translations-purge-save")
    post_delete.connect(_purge, sender=Translation, dispatch_uid="translations-purge-delete")
    # Connected to the translatable models only: a receiver on every model would make each delete (a vote's
    # withdrawal) read its rows before deleting them.
    registry.on_register(
        lambda label: post_delete.connect(_forget_translations, sender=label, dispatch_uid=f"translations-forget-{label}")
    )
    user_logged_in.connect(_apply_account_language, dispatch_uid="translations-account-language")


def _apply_account_language(sender, request, user, **kwargs):
    """At login, the account's language (chosen with the switch earlier) becomes the visitor's, if offered."""
    instance = getattr(request, "instance", None) if request is not None else None
    code = getattr(user, "language", "")
    if instance is not None and code and code in instance.offered_languages():
        request.remember_language = code
        translation.activate(code)
        request.LANGUAGE_CODE = code
