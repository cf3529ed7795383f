"""The side-by-side form: per translatable field, one input per language the instance offers besides its default."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.core.richtext_widget import RichTextFormField, clean_rich_text
from participe.translations.registry import fields_of


class TranslationsForm(forms.Form):
    def __init__(self, obj, languages, initial_texts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj = obj
        self.rows = []  # [(field, original, [(language code, name, bound field)])]
        for field in fields_of(obj):
            inputs = []
            for code, name in languages:
                key = f"{field.name}__{code}"
                label = _("%(field)s in %(language)s") % {"field": field.label, "language": name}
                if field.rich:
                    self.fields[key] = RichTextFormField(
                        label=label, required=False, contribution=field.contribution
                    )
                else:
                    widget = forms.Textarea(attrs={"rows": 3}) if not field.max_length else forms.TextInput
                    self.fields[key] = forms.CharField(
                        label=label, required=False, max_length=field.max_length, widget=widget, strip=True
                    )
                self.fields[key].widget.attrs["lang"] = code
                self.initial[key] = initial_texts.get((field.name, code), "")
                inputs.append((code, name, key))
            self.rows.append((field, getattr(obj, field.name), inputs))

    def bound_rows(self):
        return [
            (field, original, [(code, name, self[key]) for code, name, key in inputs])
            for field, original, inputs in self.rows
        ]

    def texts(self):
        texts = {}
        for field, _original, inputs in self.rows:
            for code, _name, key in inputs:
                value = self.cleaned_data.get(key) or ""
                texts[(field.name, code)] = (
                    clean_rich_text(value, field.contribution) if field.rich else value
                )
        return texts
