from django import forms
from django.utils.translation import gettext_lazy as _


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Images (JPEG, PNG, WebP, 5 MB at most) or documents (PDF, ODT, ODS, DOCX, XLSX, text or CSV, 10 MB at most)."
        ),
    )
