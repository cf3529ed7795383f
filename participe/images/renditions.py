"""Renditions: the original narrowed to the widths a `srcset` offers, in AVIF (when this Pillow has it) and
WebP, stored next to it in the public storage. Made by a background job after the upload's commit."""

import io
import os

from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from PIL import features

from participe.core.storage import public_storage

WIDTHS = (320, 640, 960, 1280, 1920)
QUALITY = {"webp": 80, "avif": 60}


def formats():
    """The formats this Pillow can write, the most compact first."""
    return [name for name in ("avif", "webp") if features.check(name)]


def widths_for(original_width):
    """The standard widths narrower than the original, and the original's own (at most the largest)."""
    largest = min(original_width, WIDTHS[-1])
    return [width for width in WIDTHS if width < largest] + [largest]


def _encode(picture, image_format):
    out = io.BytesIO()
    options = {"quality": QUALITY[image_format]}
    if image_format == "avif":
        options["speed"] = 8  # encoding time matters more than the last percent of size
    picture.save(out, format=image_format.upper(), **options)
    return out.getvalue()


def make(image):
    """Write every rendition of `image` (an images.Image) and return their descriptions."""
    storage = public_storage()
    stem = os.path.splitext(image.file.name)[0]
    with storage.open(image.file.name) as handle, PillowImage.open(handle) as source:
        source.load()
        if source.mode not in ("RGB", "RGBA"):
            source = source.convert("RGBA" if "A" in source.getbands() else "RGB")
        made = []
        for width in widths_for(source.width):
            height = max(1, round(source.height * width / source.width))
            picture = source if width == source.width else source.resize((width, height), PillowImage.LANCZOS)
            for image_format in formats():
                name = storage.save(f"{stem}-{width}.{image_format}", ContentFile(_encode(picture, image_format)))
                made.append({"format": image_format, "width": width, "height": height, "name": name})
    return made


def delete_files(names):
    storage = public_storage()
    for name in names:
        if name:
            storage.delete(name)
