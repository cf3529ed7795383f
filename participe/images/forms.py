"""`DescribedImagesMixin` for ModelForms with image fields: each image gets its description field and a
"decorative" checkbox next to it; a new or kept image needs a description unless it is marked decorative (then
its description is emptied: `alt=""`). Uploads are judged by content (images.services.checked_upload)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participe.images.services import checked_upload

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class DescribedImagesMixin:
    described_images = {"cover": "cover_alt"}  # image field -> its description field
    check_uploads = True  # False when the form checks its uploads itself (other size rules)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = list(self.fields)
        for image, alt in self.described_images.items():
            if image not in self.fields or alt not in self.fields:
                continue
            self.fields[image].widget.attrs.setdefault("accept", ACCEPT)
            self.fields[alt].help_text = _("What the image shows, for people who cannot see it.")
            name = f"{image}_decorative"
            current = getattr(self.instance, image, None)
            self.fields[name] = forms.BooleanField(
                label=_("This image is decorative"),
                required=False,
                initial=bool(current) and not getattr(self.instance, alt, ""),
                help_text=_("It adds nothing to the text: screen readers skip it, no description needed."),
            )
            order.insert(order.index(alt) + 1, name)
        self.order_fields(order)

    def clean(self):
        data = super().clean()
        for image, alt in self.described_images.items():
            if image not in self.fields or alt not in self.fields:
                continue
            upload = data.get(image)
            if upload and image in self.changed_data and self.check_uploads:
                try:
                    data[image] = checked_upload(upload)
                except ValidationError as error:
                    self.add_error(image, error)
                    continue
            if data.get(f"{image}_decorative"):
                data[alt] = ""
            elif data.get(image) and not (data.get(alt) or "").strip():
                self.add_error(
                    alt, _("Describe the image, or mark it as decorative if it adds nothing to the text.")
                )
        return data
