import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.storage import RandomName, private_storage
from participe.instances.scoping import InstanceOwned, scoped_manager


class Kind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


def stored_path(attachment, filename):
    """Named by the first migration only: files now take a RandomName (the participant's name is `original_name`)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{attachment.instance_id}/{uuid.uuid4().hex}.{extension}"


class AttachmentQuerySet(models.QuerySet):
    def of(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=obj.pk)


class Attachment(InstanceOwned):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=RandomName("attachments"), storage=private_storage, max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    original_name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    mime_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager(queryset_class=AttachmentQuerySet)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_target")]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("attachments:file", args=[self.pk, self.original_name])
