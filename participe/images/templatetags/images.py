"""`{% picture image sizes="…" %}`: an uploaded image as <picture> with its AVIF and WebP srcsets, width and
height (no layout shift) and lazy loading unless `eager` (the first, hero image). `css_class` goes on the <img>.
`{% cover obj "project" %}`: the row's cover (its `cover_image`, which lists load with select_related), or its
placeholder illustration in the instance's colours."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.template.loader import render_to_string
from django.utils.html import format_html

from participe.images.placeholders import placeholder_svg

register = template.Library()

DEFAULT_SIZES = "(min-width: 64rem) 60rem, 100vw"


@register.simple_tag
def picture(image, sizes=DEFAULT_SIZES, eager=False, css_class="cover"):
    if image is None:
        return ""
    context = {"image": image, "sources": image.sources(), "sizes": sizes, "eager": eager, "css_class": css_class}
    return render_to_string("images/picture.html", context)


@register.simple_tag(takes_context=True)
def cover(context, obj, kind, sizes=DEFAULT_SIZES, eager=False, css_class="cover", placeholder=True):
    if getattr(obj, "cover_image_id", None):
        return picture(obj.cover_image, sizes=sizes, eager=eager, css_class=css_class)
    if legacy := _unmirrored_file(obj):
        # Saved before the images app (no Image yet): the original as it is, until the row is saved again.
        file, alt = legacy
        return format_html(
            '<img class="{}" src="{}" alt="{}" loading="{}">', css_class, file.url, alt, "eager" if eager else "lazy"
        )
    if not placeholder:
        return ""
    instance = getattr(context.get("request"), "instance", None)
    primary = getattr(instance, "primary_colour", None) or "#1d4e89"
    secondary = getattr(instance, "secondary_colour", None) or "#f4b400"
    return placeholder_svg(str(obj), kind, primary, secondary, css_class=f"{css_class} cover--placeholder")


def _unmirrored_file(obj):
    try:
        field = obj._meta.get_field("cover_image")
    except (AttributeError, FieldDoesNotExist):
        return None
    file = getattr(obj, field.source, None)
    return (file, getattr(obj, field.alt_source, "")) if file else None
