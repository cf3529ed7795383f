"""Form fields the question types ask with: phone numbers, counted ticks, grids of ranks or grades, checked uploads."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from participe.core import uploads

PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")


class PhoneField(forms.CharField):
    default_error_messages = {
        "invalid": _("Enter a phone number, e.g. 06 12 34 56 78 or +33 6 12 34 56 78."),
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        compact = PHONE_SEPARATORS.sub("", value)
        if compact.startswith("00"):
            compact = "+" + compact[2:]
        if compact.startswith("+"):
            ok = compact[1:].isdigit() and 8 <= len(compact) - 1 <= 15
        else:
            ok = compact.isdigit() and len(compact) == 10 and compact.startswith("0")
        if not ok:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return compact


class CountedMultipleChoiceField(forms.MultipleChoiceField):
    def __init__(self, *, min_count=None, max_count=None, exact=None, **kwargs):
        self.min_count, self.max_count, self.exact = min_count, max_count, exact
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        count = len(value)
        if self.exact and count != self.exact:
            raise ValidationError(
                ngettext("Tick exactly %(n)d choice.", "Tick exactly %(n)d choices.", self.exact) % {"n": self.exact}
            )
        if self.min_count and count < self.min_count:
            raise ValidationError(
                ngettext("Tick at least %(n)d choice.", "Tick at least %(n)d choices.", self.min_count)
                % {"n": self.min_count}
            )
        if self.max_count and count > self.max_count:
            raise ValidationError(
                ngettext("Tick at most %(n)d choice.", "Tick at most %(n)d choices.", self.max_count)
                % {"n": self.max_count}
            )


class GridField(forms.MultiValueField):
    def __init__(self, fields, keys, **kwargs):
        self.keys = keys
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = False


class RankingField(GridField):
    def __init__(self, fields, keys, rank_count, **kwargs):
        self.rank_count = rank_count
        super().__init__(fields, keys, **kwargs)

    def compress(self, data_list):
        ranks = {key: int(rank) for key, rank in zip(self.keys, data_list or [], strict=False) if rank}
        if not ranks:
            return []
        wanted = list(range(1, self.rank_count + 1))
        if sorted(ranks.values()) != wanted:
            raise ValidationError(
                ngettext(
                    "Give rank 1 to one choice (and no other rank).",
                    "Give each rank from 1 to %(n)d to exactly one choice.",
                    self.rank_count,
                )
                % {"n": self.rank_count},
                code="ranks",
            )
        return [key for key, _rank in sorted(ranks.items(), key=lambda item: item[1])]


class GradesField(GridField):
    def compress(self, data_list):
        grades = {str(key): int(g) for key, g in zip(self.keys, data_list or [], strict=False) if g not in (None, "")}
        if grades and len(grades) != len(self.keys):
            raise ValidationError(_("Give a grade to every option."), code="incomplete")
        return grades


KIND_LABELS = {kind: uploads.KIND_LABELS[kind] for kind in ("image", "pdf", "office")}


class UploadField(forms.FileField):
    """A file judged by its content (participe.core.uploads): images come back re-encoded, and the name
    and type of any file follow what it is, not what the browser said."""

    def __init__(self, kinds, max_mb, **kwargs):
        self.kinds, self.max_mb = kinds, max_mb
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return upload
        return uploads.check_file(upload, self.kinds, max_bytes=self.max_mb * 1024 * 1024).upload
