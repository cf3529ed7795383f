"""Image uploads: type checked by content, size limited, re-encoded (which drops metadata)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
GIF_AS = "PNG"


def clean_image(upload, max_side=2400):
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is too large (5 MB at most)."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValidationError(_("The image has too many pixels."))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not an image we accept (JPEG, PNG, WebP or GIF).")) from exc
    source_format = image.format if image.format in FORMATS else GIF_AS if image.format == "GIF" else None
    if source_format is None:
        raise ValidationError(_("This file is not an image we accept (JPEG, PNG, WebP or GIF)."))
    image.thumbnail((max_side, max_side))
    if source_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode == "P":
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format=source_format, quality=85) if source_format != "PNG" else image.save(out, format="PNG")
    extension, content_type = FORMATS[source_format]
    stem = (upload.name or "image").rsplit(".", 1)[0][:80] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", out.getvalue(), content_type=content_type)
