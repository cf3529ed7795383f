"""Per-instance theming: every derived shade keeps AA contrast, the typeface is self-hosted or absent."""

import pytest
from django.test import RequestFactory

from participe.core.colours import contrast_ratio, palette
from participe.core.typefaces import TYPEFACES, typeface
from participe.core.views import theme_css

COLOURS = ["#1d4e89", "#ffd700", "#777777", "#00ff00", "#ff0000", "#ffffff", "#000000", "#7f7f7f", "#e4007c", "#0b6e69"]
# (text, background) pairs the components draw.
PAIRS = [
    ("on_primary", "primary"),
    ("on_primary", "primary_strong"),
    ("on_primary_soft", "primary_soft"),
    ("link", "#ffffff"),
    ("link", "#f3f4f6"),
    ("link_hover", "#ffffff"),
    ("link_hover", "#f3f4f6"),
    ("on_secondary", "secondary"),
]


@pytest.mark.parametrize("primary", COLOURS)
@pytest.mark.parametrize("secondary", ["#f4b400", "#000000", "#777777"])
def test_every_pair_of_the_palette_meets_aa(primary, secondary):
    colours = palette(primary, secondary)
    for text, background in PAIRS:
        text_colour = colours.get(text, text)
        background_colour = colours.get(background, background)
        assert contrast_ratio(text_colour, background_colour) >= 4.5, (primary, text, background, colours)


def test_a_malformed_colour_falls_back_to_the_default():
    assert palette("red; } body { display: none", "#12")["primary"] == "#1d4e89"


@pytest.mark.django_db
def test_theme_css_writes_the_derived_shades(client_a, instance_a):
    instance_a.primary_colour = "#0b6e69"
    instance_a.save()
    body = client_a.get("/theme.css").content.decode()
    expected = palette("#0b6e69", instance_a.secondary_colour)
    for name in ("primary-strong", "primary-soft", "on-primary-soft", "link-hover", "secondary-soft"):
        assert f"--colour-{name}: {expected[name.replace('-', '_')]};" in body
    assert "@font-face" not in body and "--font-body" not in body


@pytest.mark.django_db
def test_a_chosen_typeface_is_served_from_static_files(instance_a):
    face = typeface("atkinson-hyperlegible")
    if face is None:
        pytest.skip("make fonts has not installed the typefaces (no npm)")
    request = RequestFactory().get("/theme.css")
    instance_a.typeface = "atkinson-hyperlegible"  # H6's Instance.typeface field, or the attribute until it lands
    request.instance = instance_a
    body = theme_css(request).content.decode()
    assert body.count("@font-face") == 3 and "font-display: swap" in body
    assert 'src: url("/static/fonts/atkinson-hyperlegible-latin-400-normal.woff2")' in body
    assert '--font-body: "Atkinson Hyperlegible", system-ui, sans-serif;' in body
    assert "http" not in body  # never a font from another site


def test_an_unknown_or_missing_typeface_means_system_fonts():
    assert typeface("") is None and typeface("luciole") is None and typeface("comic") is None
    assert set(TYPEFACES) == {"atkinson-hyperlegible", "source-sans-3", "inter"}
