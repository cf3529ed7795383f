"""The settings of each question type as real form fields, read from and written to `Question.config`.

Each type declares its settings here (name: field); `settings_form_for(type_key)` builds the form.
Keys a type does not declare are kept as they are (e.g. set by an import).
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.forms.fields import KIND_LABELS
from participe.forms.question_types import question_types

MAX_FILE_MB = 50


def _random_order():
    return forms.BooleanField(
        label=_("Show the choices in a random order"), required=False,
        help_text=_("Each participant sees their own order, the same on every page."),
    )


def _count(label, help_text=""):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=1000, help_text=help_text)


def _text_settings(longest):
    return {
        "max_length": forms.IntegerField(
            label=_("Maximum length (characters)"), required=False, min_value=1, max_value=longest,
            help_text=_("Leave empty for %(n)s characters.") % {"n": longest},
        ),
    }


def declarations():
    """{question type key: {setting name: form field}}: built on demand so labels follow the language."""
    return {
        "section": {
            "level": forms.TypedChoiceField(
                label=_("Heading level"), coerce=int, initial=1, required=False, empty_value=None,
                choices=[(1, _("Level 1 (page title)")), (2, _("Level 2")), (3, _("Level 3"))],
            ),
            "new_page": forms.BooleanField(
                label=_("Start a new page"), required=False, initial=True,
                help_text=_("Logic jumps go to pages: a jump's destination must start a later page."),
            ),
        },
        "short_text": _text_settings(300),
        "long_text": _text_settings(10000),
        "rich_text": _text_settings(10000),
        "number": {
            "min": forms.DecimalField(label=_("Minimum"), required=False, max_digits=18, decimal_places=6),
            "max": forms.DecimalField(label=_("Maximum"), required=False, max_digits=18, decimal_places=6),
            "integer": forms.BooleanField(label=_("Whole numbers only"), required=False),
            "decimals": forms.IntegerField(
                label=_("Decimal places"), required=False, min_value=0, max_value=6,
                help_text=_("For numbers with decimals; 2 when left empty."),
            ),
        },
        "date": {
            "min": forms.DateField(label=_("Earliest date"), required=False, widget=forms.DateInput(attrs={"type": "date"})),
            "max": forms.DateField(label=_("Latest date"), required=False, widget=forms.DateInput(attrs={"type": "date"})),
        },
        "single_choice": {
            "widget": forms.ChoiceField(
                label=_("Shown as"), initial="radio", required=False,
                choices=[("radio", _("Radio buttons (with descriptions and images)")), ("select", _("A drop-down list"))],
            ),
            "random_order": _random_order(),
        },
        "multiple_choice": {
            "min": _count(_("Minimum number of choices")),
            "max": _count(_("Maximum number of choices")),
            "exact": _count(_("Exact number of choices"), _("Instead of a minimum and a maximum.")),
            "random_order": _random_order(),
        },
        "ranking": {
            "rank_count": _count(_("Number of choices to rank"), _("Leave empty to rank them all.")),
            "random_order": _random_order(),
        },
        "majority_judgment": {
            "levels": forms.TypedChoiceField(
                label=_("Number of grades"), coerce=int, initial=7, required=False, empty_value=None, choices=[(7, "7"), (6, "6")],
            ),
            "grades": forms.CharField(
                label=_("Grade labels"), required=False, widget=forms.Textarea(attrs={"rows": 7}),
                help_text=_("One per line, best first, as many as grades. Leave empty for Excellent … À rejeter."),
            ),
        },
        "file": {
            "kinds": forms.TypedMultipleChoiceField(
                label=_("Kinds of file accepted"), choices=list(KIND_LABELS.items()), initial=["image", "pdf"],
                widget=forms.CheckboxSelectMultiple,
            ),
            "max_mb": forms.IntegerField(
                label=_("Largest file (MB)"), required=False, min_value=1, max_value=MAX_FILE_MB,
                help_text=_("10 MB when left empty."),
            ),
        },
    }


def _to_json(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class SettingsForm(forms.Form):
    question_type = None

    def __init__(self, *args, config=None, **kwargs):
        self.config = dict(config or {})
        initial = {}
        for name, value in self.config.items():
            if name == "grades" and isinstance(value, list):
                value = "\n".join(str(grade) for grade in value)
            elif name in ("min", "max") and self.question_type.key == "date" and value:
                value = date.fromisoformat(value)
            initial[name] = value
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        data = super().clean()
        if not self.errors:
            for message in self.question_type.check_config(self._values(data)):
                self.add_error(None, message)
        return data

    def _values(self, data):
        values = {}
        for name, value in data.items():
            if name == "grades":
                value = [line.strip() for line in (value or "").splitlines() if line.strip()] or None
            if value is None or value == "":
                continue
            values[name] = _to_json(value)
        return values

    def to_config(self):
        """The question's new config: the declared settings as typed, the others kept."""
        kept = {key: value for key, value in self.config.items() if key not in self.fields}
        return {**kept, **self._values(self.cleaned_data)}


def settings_form_for(type_key, declared=None):
    """The settings form class of a question type, or None when it has no settings."""
    fields = (declared or declarations()).get(type_key)
    if not fields:
        return None
    return type(f"{type_key.title()}SettingsForm", (SettingsForm,), {**fields, "question_type": question_types[type_key]})


def settings_summary(question, declared=None):
    """A short line saying the question's settings, for the form's page (`declared`: declarations(), made once)."""
    form_class = settings_form_for(question.type, declared)
    if form_class is None:
        return ""
    fields = form_class.base_fields
    parts = []
    config = question.config or {}
    # In the declaration's order: PostgreSQL's jsonb does not keep the keys' order.
    for name, field in fields.items():
        value = config.get(name)
        if value is None or value is False or value in ("", []):
            continue
        if isinstance(field, forms.BooleanField):
            parts.append(str(field.label))
        elif isinstance(field, forms.ChoiceField) and not isinstance(value, list):
            labels = {str(key): label for key, label in field.choices}
            parts.append(f"{field.label} : {labels.get(str(value), value)}")
        elif isinstance(value, list):
            labels = dict(getattr(field, "choices", []))
            parts.append(f"{field.label} : {', '.join(str(labels.get(v, v)) for v in value)}")
        else:
            parts.append(f"{field.label} : {value}")
    return " · ".join(parts)
