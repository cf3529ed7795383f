"""Images: a new upload (judged by content, at most 2400 px a side, metadata dropped), and the Image that
mirrors a row's own image field (see fields.CoverField)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PillowImage

from participe.core.storage import public_storage
from participe.core.uploads import clean_image
from participe.images.models import Image
from participe.images.tasks import make_renditions

MIN_WIDTH, MIN_HEIGHT = 320, 160
MAX_SIDE = 2400


def checked_upload(upload):
    """The re-encoded image, or ValidationError (not an image, too heavy, too many pixels, too small)."""
    cleaned = clean_image(upload, max_side=MAX_SIDE)
    with PillowImage.open(cleaned) as probe:
        width, height = probe.size
    cleaned.seek(0)
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValidationError(
            _("The image is too small (%(width)d × %(height)d pixels at least).")
            % {"width": MIN_WIDTH, "height": MIN_HEIGHT}
        )
    return cleaned


def _queue_renditions(image):
    instance_id, image_id = image.instance_id, image.pk
    transaction.on_commit(lambda: make_renditions.delay(instance_id, image_id))


def store_image(upload, *, alt="", decorative=False):
    """A new Image from an upload; its renditions follow the commit."""
    cleaned = checked_upload(upload)
    image = Image(alt=(alt or "").strip(), decorative=decorative)
    image.clean()
    image.file.save(cleaned.name, cleaned, save=False)
    image.width, image.height = image.file.width, image.file.height
    image.save()
    _queue_renditions(image)
    return image


def mirror(file, alt, image_id, *, instance_id):
    """The Image of a row's image field: unchanged, its description updated, a new one for a new file (the
    old one deleted), or None when the field is empty."""
    image = Image._base_manager.filter(pk=image_id).first() if image_id else None
    name = file.name if file else ""
    if image is not None and image.file.name == name:
        alt = (alt or "").strip()
        if image.alt != alt:
            Image._base_manager.filter(pk=image.pk).update(alt=alt, decorative=not alt)
            image.alt, image.decorative = alt, not alt
        return image
    if image is not None:
        image.delete()
    if not name:
        return None
    try:
        with public_storage().open(name) as handle, PillowImage.open(handle) as probe:
            width, height = probe.size
    except (OSError, ValueError, PillowImage.DecompressionBombError):
        return None  # not readable as an image: the row keeps its file, the page shows the placeholder
    alt = (alt or "").strip()
    image = Image(instance_id=instance_id, alt=alt, decorative=not alt, width=width, height=height)
    image.file.name = name
    image.save()
    _queue_renditions(image)
    return image
