"""Demo covers, drawn with Pillow (nothing downloaded): a landscape in the instance's colours whose hills,
sun and buildings are placed by a hash of the title, so each row gets its own picture, the same every run.
Runs after every other demo loader (core.demo_content.register(last=True)) and covers the first rows left
without one of every model with a CoverField (projects, steps, posts, events, pages, proposals…)."""

import hashlib
import io
import math

from django.apps import apps
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from PIL import ImageColor, ImageDraw

from participe.core import demo_content
from participe.core.colours import mix
from participe.images.receivers import cover_fields

SIZE = (960, 540)
# Rows of each model with a CoverField that get a picture (renditions take a second or two per image); the
# others show their placeholder, which the demo shows too.
PER_MODEL = 6


def _rgb(colour):
    return ImageColor.getrgb(colour)


def illustration(title, primary, secondary, size=SIZE):
    """JPEG bytes of a landscape for `title` in the two colours."""
    width, height = size
    seed = hashlib.sha256(title.encode()).digest()
    picture = PillowImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    top, bottom = _rgb(mix(primary, "#ffffff", 0.75)), _rgb(mix(secondary, "#ffffff", 0.55))
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    sun_x, sun_y = 80 + seed[0] / 255 * (width - 160), 60 + seed[1] / 255 * height * 0.25
    draw.ellipse((sun_x - 45, sun_y - 45, sun_x + 45, sun_y + 45), fill=_rgb(mix(secondary, "#ffffff", 0.2)))
    for index in range(4):  # buildings on the skyline
        x = seed[2 + index] / 255 * (width - 90)
        tall = 120 + seed[6 + index] / 255 * height * 0.35
        draw.rectangle((x, height * 0.72 - tall, x + 70, height), fill=_rgb(mix(primary, "#ffffff", 0.45 + index * 0.08)))
    for layer in range(3):  # rolling hills, darker in front
        phase, amplitude = seed[10 + layer] / 255 * math.tau, 20 + seed[13 + layer] / 255 * 40
        base = height * (0.62 + layer * 0.12)
        points = [(x, base + amplitude * math.sin(x / (140 + layer * 60) + phase)) for x in range(0, width + 20, 20)]
        draw.polygon([*points, (width, height), (0, height)], fill=_rgb(mix(primary, "#000000", 0.1 + layer * 0.15)))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


@demo_content.register(last=True)
def load_demo(instance, accounts, now):
    for model in apps.get_models():
        for field in cover_fields(model):
            for row in model.objects.filter(**{field.source: ""}).order_by("pk")[:PER_MODEL]:
                picture = illustration(str(row), instance.primary_colour, instance.secondary_colour)
                getattr(row, field.source).save(f"{model._meta.model_name}-{row.pk}.jpg", ContentFile(picture), save=False)
                setattr(row, field.alt_source, f"Illustration aux couleurs de la ville : {row}"[:200])
                row.save()
