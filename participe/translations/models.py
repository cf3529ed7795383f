"""One shared table for every translated text: (instance, object, field, language) → text.

The original field keeps the text in the instance's default language; a row here holds another language's
version of one field of one object. No row means "not translated": the default language's text is shown.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned, scoped_manager


class Translation(InstanceOwned):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["instance", "content_type", "object_id", "field", "language"],
                name="one_translation_per_field",
            )
        ]
        indexes = [
            models.Index(fields=["instance", "content_type", "language"], name="translations_by_model")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} {self.field} [{self.language}]"
