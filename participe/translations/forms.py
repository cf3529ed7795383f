"""The back office's forms: the instance's languages, and the side-by-side translations of one object."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from participe.core.richtext_widget import RichTextFormField, clean_rich_text
from participe.instances.models import Instance
from participe.translations.registry import fields_of


class LanguagesForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Visitors may switch to these languages; the default language is always offered."),
    )

    class Meta:
        model = Instance
        fields = ["default_language", "languages"]

    def clean(self):
        cleaned = super().clean()
        default = cleaned.get("default_language")
        chosen = set(cleaned.get("languages") or ())
        if default:
            chosen.add(default)
        cleaned["languages"] = [code for code, _name in settings.LANGUAGES if code in chosen]
        return cleaned


class TranslationsForm(forms.Form):
    """One block per object (a question and its choices are several), one row per field, one input per language."""

    def __init__(self, objects, languages, initial_texts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = []  # [(obj, [(field, original, [(code, name, key)])])]
        for obj in objects:
            rows = []
            for field in fields_of(obj):
                inputs = []
                for code, name in languages:
                    key = f"{obj._meta.model_name}-{obj.pk}-{field.name}-{code}"
                    label = _("%(field)s in %(language)s") % {"field": field.label, "language": name}
                    if field.rich:
                        self.fields[key] = RichTextFormField(
                            label=label, required=False, contribution=field.contribution
                        )
                    else:
                        widget = forms.TextInput if field.max_length else forms.Textarea(attrs={"rows": 3})
                        self.fields[key] = forms.CharField(
                            label=label, required=False, max_length=field.max_length, widget=widget
                        )
                    self.fields[key].widget.attrs["lang"] = code
                    self.initial[key] = initial_texts.get((obj._meta.label, obj.pk, field.name, code), "")
                    inputs.append((code, name, key))
                rows.append((field, getattr(obj, field.name), inputs))
            self.blocks.append((obj, rows))

    def bound_blocks(self):
        return [
            (
                obj,
                [
                    (field, original, [(code, name, self[key]) for code, name, key in inputs])
                    for field, original, inputs in rows
                ],
            )
            for obj, rows in self.blocks
        ]

    def texts(self):
        """{obj: {(field, language): text}}, empty texts included (they delete)."""
        result = {}
        for obj, rows in self.blocks:
            texts = result.setdefault(obj, {})
            for field, _original, inputs in rows:
                for code, _name, key in inputs:
                    value = self.cleaned_data.get(key) or ""
                    texts[(field.name, code)] = (
                        clean_rich_text(value, field.contribution) if field.rich else value.strip()
                    )
        return result
