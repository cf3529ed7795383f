"""Demo covers, drawn with Pillow (nothing downloaded): a landscape in the instance's colours whose hills,
sun and buildings are placed by a hash of the title, so each row gets its own picture, the same every run.
Runs after every other demo loader (core.demo_content.register(last=True)) and covers the rows left without one."""

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


def _rgb(colour):
    return ImageColor.getrgb(colour)

# The demo's rows that get a cover, at most so many of each (renditions take a second or two per image).
COVERED = {"projects.Project": 12, "projects.Step": 3, "website.Post": 4, "website.Event": 4, "website.Page": 1}


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
    for label, limit in COVERED.items():
        model = apps.get_model(label)
        if not cover_fields(model):
            continue
        for row in model.objects.filter(cover="").order_by("pk")[:limit]:
            row.cover.save(
                f"{row.slug}.jpg",
                ContentFile(illustration(str(row), instance.primary_colour, instance.secondary_colour)),
                save=False,
            )
            row.cover_alt = f"Illustration aux couleurs de la ville : {row}"
            row.save()
