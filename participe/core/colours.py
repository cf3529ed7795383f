"""Colour arithmetic for the instance theme: readable text on any brand colour (WCAG contrast)."""

import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT_PRIMARY, DEFAULT_SECONDARY = "#1d4e89", "#f4b400"
SURFACE = "#f3f4f6"  # tokens.css --colour-surface, the darkest background links sit on


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background):
    """Black or white, whichever contrasts more with `background`."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") else "#ffffff"


def darken_until_readable(colour, on="#ffffff", ratio=4.5):
    """The brand colour, darkened step by step until text of it on `on` meets `ratio` (for links)."""
    hex_colour = colour.lstrip("#")
    rgb = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    for _ in range(40):
        current = "#" + "".join(f"{c:02x}" for c in rgb)
        if contrast_ratio(current, on) >= ratio:
            return current
        rgb = [int(c * 0.9) for c in rgb]
    return "#000000"


def _rgb(colour):
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]


def _hex(rgb):
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def mix(colour, other, amount):
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    return _hex(a + (b - a) * amount for a, b in zip(_rgb(colour), _rgb(other), strict=True))


def shift_until_readable(colour, on, ratio=4.5, towards="#000000"):
    """`colour` moved towards `towards` in small steps until it contrasts `ratio` with `on` (black or white last)."""
    for step in range(21):
        candidate = mix(colour, towards, step / 20)
        if contrast_ratio(candidate, on) >= ratio:
            return candidate
    return readable_on(on)


def palette(primary, secondary):
    """The brand custom properties of /theme.css, each text/background pair at least 4.5:1 (WCAG AA); a value that is not #rrggbb
    gives the default colour (the CSS is written unescaped).

    Text on the brand colour is black or white; the hover shade moves away from that text so it stays readable;
    links are the brand colour darkened until readable on the grey surface (so on white too); a soft tint of the brand colour carries
    a darker text of the same hue.
    """
    primary = primary.lower() if HEX_COLOUR.fullmatch(primary or "") else DEFAULT_PRIMARY
    secondary = secondary.lower() if HEX_COLOUR.fullmatch(secondary or "") else DEFAULT_SECONDARY
    on_primary = readable_on(primary)
    away_from_text = "#000000" if on_primary == "#ffffff" else "#ffffff"
    soft = mix(primary, "#ffffff", 0.88)
    link = darken_until_readable(primary, on=SURFACE)
    on_secondary = readable_on(secondary)
    return {
        "primary": primary,
        "on_primary": on_primary,
        "primary_strong": shift_until_readable(mix(primary, away_from_text, 0.2), on_primary, 4.5, away_from_text),
        "primary_soft": soft,
        "on_primary_soft": shift_until_readable(primary, soft, 4.5),
        "link": link,
        "link_hover": shift_until_readable(mix(link, "#000000", 0.25), SURFACE, 4.5),
        "secondary": secondary,
        "on_secondary": on_secondary,
        "secondary_soft": mix(secondary, "#ffffff", 0.85),
    }
