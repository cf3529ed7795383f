"""The short list of free typefaces an instance may choose, self-hosted from static files.

`make fonts` (part of `make install`) unpacks their Latin files from the npm registry's Fontsource packages into
participe/static/fonts/; a typeface whose files are missing is not offered and pages use the system fonts.
Nothing is ever fetched at run time.
"""

from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.templatetags.static import static


@dataclass(frozen=True)
class Typeface:
    key: str
    family: str
    fallback: str = "system-ui, sans-serif"
    files: tuple = (("400", "normal"), ("400", "italic"), ("700", "normal"))

    def path(self, weight, style):
        return f"fonts/{self.key}-latin-{weight}-{style}.woff2"

    @property
    def installed(self):
        return all(finders.find(self.path(weight, style)) for weight, style in self.files)

    def font_faces(self):
        """The @font-face rules, one per file (font-display: swap, so text never waits for a font)."""
        return [
            {"family": self.family, "weight": weight, "style": style, "url": static(self.path(weight, style))}
            for weight, style in self.files
        ]

    @property
    def stack(self):
        return f'"{self.family}", {self.fallback}'


TYPEFACES = {
    face.key: face
    for face in (
        Typeface("atkinson-hyperlegible", "Atkinson Hyperlegible"),
        Typeface("source-sans-3", "Source Sans 3"),
        Typeface("inter", "Inter"),
    )
}

# Names an instance's field may hold for the same faces.
ALIASES = {"atkinson": "atkinson-hyperlegible", "source-sans": "source-sans-3", "source_sans_3": "source-sans-3"}


def typeface(key):
    """The installed typeface of that key, or None (system fonts)."""
    face = TYPEFACES.get(ALIASES.get(key or "", key or ""))
    return face if face is not None and face.installed else None
