"""`CoverField`: the link from a row to the `Image` (renditions, size, text alternative) of one of its own
image fields. The row keeps its upload field (`source`) and its description (`alt_source`), which forms edit;
`receivers.py` keeps the Image in step with them on every save and deletes it with the row."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoverField(models.ForeignKey):
    def __init__(self, to="images.Image", *, source="cover", alt_source="cover_alt", **kwargs):
        self.source, self.alt_source = source, alt_source
        kwargs.setdefault("on_delete", models.SET_NULL)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("related_name", "+")
        kwargs.setdefault("verbose_name", _("responsive image"))
        super().__init__(to, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"], kwargs["alt_source"] = self.source, self.alt_source
        return name, path, args, kwargs
