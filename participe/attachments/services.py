from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from participe.attachments.models import Attachment, Kind
from participe.attachments.registry import attachments
from participe.attachments.validation import check_upload


def attach(target, upload, user):
    """Check the file by its content, re-encode images, store it on `target`. Raises ValidationError."""
    rules = attachments.rules_for(target)
    if rules is None:
        raise ValidationError(_("Files cannot be attached here."))
    checked = check_upload(upload, images=rules.images, documents=rules.documents)
    stem = (upload.name or "file").rsplit(".", 1)[0]
    name = get_valid_filename(f"{stem[:80]}.{checked.extension}") or f"file.{checked.extension}"
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    with transaction.atomic():
        # Lock the target's row so that two uploads at once cannot exceed the limit.
        type(target)._default_manager.select_for_update().filter(pk=target.pk).exists()
        if Attachment.objects.filter(content_type=content_type, object_id=target.pk).count() >= rules.max_files:
            raise ValidationError(_("At most %(count)d files can be attached.") % {"count": rules.max_files})
        attachment = Attachment(
            instance_id=target.instance_id,
            content_type=content_type,
            object_id=target.pk,
            kind=Kind.IMAGE if checked.is_image else Kind.DOCUMENT,
            original_name=name,
            size=checked.upload.size,
            mime_type=checked.content_type,
            uploaded_by=user if user is not None and user.is_authenticated else None,
        )
        attachment.file.save(name, checked.upload, save=False)
        attachment.save()
    return attachment


def remove(attachment):
    attachment.file.delete(save=False)
    attachment.delete()
