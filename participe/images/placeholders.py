"""Placeholder illustrations for a row with no cover: an SVG drawn from the instance's colours and the row's
title and kind, the same each time (shapes placed by a hash of the title). Decorative: hidden from screen readers."""

import hashlib

from django.utils.html import format_html, format_html_join

from participe.core.colours import mix

WIDTH, HEIGHT = 640, 360

# One simple pictogram per kind, drawn in a 48 × 48 box centred on the picture.
GLYPHS = {
    "project": "M8 40V20L24 8l16 12v20H30V28H18v12z",
    "step": "M6 36h10V26h10V16h10V6h6v36H6z",
    "proposal": "M24 4a13 13 0 0 0-7 24v6h14v-6a13 13 0 0 0-7-24zM18 38h12v4H18z",
    "post": "M8 6h32v36H8zM13 12v4h22v-4zM13 20v3h22v-3zM13 27v3h22v-3zM13 34v3h14v-3z",
    "event": "M6 10h36v32H6zM6 10v8h36v-8zM14 4h4v10h-4zM30 4h4v10h-4zM12 24h6v6h-6zM21 24h6v6h-6zM30 24h6v6h-6z",
    "page": "M10 4h20l10 10v30H10zM30 4v10h10",
}


def placeholder_svg(title, kind, primary, secondary, css_class="cover cover--placeholder"):
    numbers = hashlib.sha256(f"{kind}\n{title}".encode()).digest()
    background = mix(primary, "#ffffff", 0.82)
    colours = [primary, secondary, mix(primary, secondary, 0.5), mix(secondary, "#ffffff", 0.4)]
    circles = []
    for index in range(6):
        a, b, c, d = numbers[index * 4 : index * 4 + 4]
        circles.append(
            (
                round(a / 255 * WIDTH),
                round(b / 255 * HEIGHT),
                40 + round(c / 255 * 140),
                colours[d % len(colours)],
                f"{0.25 + (d % 5) / 10:.2f}",
            )
        )
    shapes = format_html_join(
        "", '<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="{}"/>', circles
    )
    glyph = GLYPHS.get(kind, GLYPHS["page"])
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" width="{}" height="{}" preserveAspectRatio="xMidYMid slice" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<rect width="{}" height="{}" fill="{}"/>{}'
        '<circle cx="{}" cy="{}" r="52" fill="#ffffff" fill-opacity="0.9"/>'
        '<path transform="translate({} {})" d="{}" fill="{}" fill-rule="evenodd"/></svg>',
        css_class, WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT, background, shapes,
        WIDTH // 2, HEIGHT // 2, WIDTH // 2 - 24, HEIGHT // 2 - 24, glyph, primary,
    )
