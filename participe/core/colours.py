"""Colour arithmetic for the instance theme: readable text on any brand colour (WCAG contrast)."""


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
