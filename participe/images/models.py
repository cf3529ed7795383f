"""Uploaded images: the re-encoded original in the public storage, its description, and its renditions
(smaller widths in WebP and AVIF, made by a background job, see renditions.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from participe.core.storage import RandomName, public_storage
from participe.instances.scoping import InstanceOwned


class Image(InstanceOwned):
    file = models.ImageField(_("image"), upload_to=RandomName("images"), storage=public_storage)
    alt = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative image"), default=False, help_text=_("It adds nothing to the text: screen readers skip it.")
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    # [{"format": "webp", "width": 640, "height": 427, "name": "images/<instance>/<hex>-640.webp"}, …]
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decorative=True) | ~models.Q(alt=""), name="image_alt_unless_decorative"
            )
        ]

    def __str__(self):
        return self.alt or self.file.name

    def clean(self):
        if not self.decorative and not self.alt.strip():
            raise ValidationError(
                {"alt": _("Describe the image, or mark it as decorative if it adds nothing to the text.")}
            )

    @property
    def text_alternative(self):
        return "" if self.decorative else self.alt

    def sources(self):
        """[(content type, [(url, width), …])] of the renditions, the most compact format first."""
        by_format = {}
        for rendition in self.renditions:
            by_format.setdefault(rendition["format"], []).append(rendition)
        storage = public_storage()
        return [
            (
                f"image/{name}",
                [(storage.url(r["name"]), r["width"]) for r in sorted(by_format[name], key=lambda r: r["width"])],
            )
            for name in ("avif", "webp")
            if name in by_format
        ]
