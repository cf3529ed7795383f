"""The question types: each one says how it is asked (a Django form field), checked, stored, counted and exported.

A type is a small class registered in `question_types`. Stored values are plain JSON:
text types a string, number a number, date an ISO string, single choice {"choice": id, "other": text?},
multiple choice {"choices": [ids], "other": text?}, ranking [ids best first], majority judgment
{"<choice id>": grade} (0 = worst grade … levels-1 = best), file {"file": AnswerFile id, "name": name}.
The fields and widgets the types ask with live in `fields.py` and `widgets.py`.
"""

import random
import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import sanitise
from participe.forms import identifiers
from participe.forms.fields import (
    KIND_LABELS,
    CountedMultipleChoiceField,
    GradesField,
    PhoneField,
    RankingField,
    UploadField,
)
from participe.forms.widgets import (
    DateInput,
    IllustratedCheckboxes,
    IllustratedRadioSelect,
    LabelledMultiWidget,
)

DEFAULT_GRADES = ["Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter"]
WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
STOP_WORDS = frozenset(
    "avec dans pour sont mais plus tout tous toute toutes cette cela ceci elle elles nous vous leur leurs "
    "être avoir fait faire comme aussi sans sous entre donc alors très moins même autre autres encore "
    "with that this from have they them their there what when which would about into than then were will your".split()
)


def choice_list(question):
    """The question's choices, prefetched by FormDefinition as `choice_list` (queried otherwise)."""
    cached = getattr(question, "choice_list", None)
    if cached is None:
        cached = list(question.choices.all())
        question.choice_list = cached
    return cached


def ordered_choices(question, seed):
    choices = list(choice_list(question))
    if question.config.get("random_order") and seed:
        # Same seed (the reply's token), same order: a participant sees a stable list page after page.
        random.Random(f"{seed}:{question.pk}").shuffle(choices)
    return choices


class QuestionType:
    key = ""
    label = ""
    is_input = True
    has_choices = False
    counts_words = False

    # Definition ------------------------------------------------------------
    def check_config(self, config):
        """Messages about a wrong `config`, or an empty list."""
        return []

    # Asking ----------------------------------------------------------------
    def form_field(self, question, seed=None):
        raise NotImplementedError

    def extra_fields(self, question):
        """Other fields this question needs in the form (e.g. the "other" text), by name."""
        return {}

    def clean_together(self, question, cleaned_data, form):
        """Checks across this question's fields; add errors with form.add_error()."""

    def to_storage(self, value, question, cleaned_data=None):
        return value

    def to_initial(self, stored, question):
        """Initial values for the form, by field name."""
        return {question.field_name: stored}

    # Reading ---------------------------------------------------------------
    def is_empty(self, value):
        return value in (None, "", [], {}, ())

    def chosen_ids(self, stored):
        return set()

    def export_text(self, stored, question):
        return "" if stored is None else str(stored)

    def cell_writer(self, question):
        """A one-argument function turning a stored value (never None) into its export text.

        Exports call it once per cell (14 million times for 140 questions × 100,000 replies):
        types override it with a closure over precomputed labels.
        """
        def write(stored):
            return self.export_text(stored, question)

        return write

    def stat_keys(self, stored, question):
        """Keys counted in the aggregated results; "" counts answered questions."""
        return [""]

    def from_text(self, text, question):
        """Stored value from an imported CSV cell (the inverse of export_text); raises ValidationError."""
        field = self.form_field(question)
        return self.to_storage(field.clean(text), question)


class SectionHeader(QuestionType):
    key = "section"
    label = _("Section header")
    is_input = False

    def check_config(self, config):
        if config.get("level", 1) not in (1, 2, 3):
            return [_("The level of a section is 1, 2 or 3.")]
        return []

    def form_field(self, question, seed=None):
        return None

    def stat_keys(self, stored, question):
        return []


class ShortText(QuestionType):
    key = "short_text"
    label = _("Short text")
    counts_words = True
    max_length = 300
    widget = forms.TextInput

    def form_field(self, question, seed=None):
        return forms.CharField(
            max_length=question.config.get("max_length", self.max_length),
            widget=self.widget(),
            strip=True,
        )

    def stat_keys(self, stored, question):
        return [""] + words_of(stored)

    def cell_writer(self, question):
        return str


class LongText(ShortText):
    key = "long_text"
    label = _("Long text")
    max_length = 10000
    widget = forms.Textarea


class RichText(LongText):
    key = "rich_text"
    label = _("Rich text")

    def to_storage(self, value, question, cleaned_data=None):
        return sanitise(value, contribution=True)

    def stat_keys(self, stored, question):
        return [""] + words_of(re.sub(r"<[^>]+>", " ", stored or ""))


def words_of(text, limit=30):
    seen = []
    for word in WORD.findall((text or "").lower()):
        word = word[:40]
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
            if len(seen) == limit:
                break
    return ["w:" + w for w in seen]


class Number(QuestionType):
    key = "number"
    label = _("Number")

    def check_config(self, config):
        low, high = config.get("min"), config.get("max")
        if low is not None and high is not None and low > high:
            return [_("The minimum must not be above the maximum.")]
        return []

    def form_field(self, question, seed=None):
        config = question.config
        kwargs = {"min_value": config.get("min"), "max_value": config.get("max")}
        if config.get("integer", False):
            return forms.IntegerField(**kwargs)
        return forms.DecimalField(max_digits=18, decimal_places=config.get("decimals", 2), **kwargs)

    def to_storage(self, value, question, cleaned_data=None):
        if value is None:
            return None
        return int(value) if value == int(value) else float(value)

    def stat_keys(self, stored, question):
        return ["", f"n:{stored}"]

    def cell_writer(self, question):
        return number_text


def number_text(stored):
    """Positional notation, never an exponent: 1e-05 is written 0.00001, as PostgreSQL writes the same JSON number."""
    if type(stored) is float:
        return format(Decimal(repr(stored)), "f")
    return str(stored)


class Email(QuestionType):
    key = "email"
    label = _("E-mail address")

    def form_field(self, question, seed=None):
        return forms.EmailField()

    def to_storage(self, value, question, cleaned_data=None):
        return value.strip().lower() if value else value


class Phone(QuestionType):
    key = "phone"
    label = _("Phone number")

    def form_field(self, question, seed=None):
        return PhoneField(max_length=30, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))


class DateQuestion(QuestionType):
    key = "date"
    label = _("Date")

    def form_field(self, question, seed=None):
        field = forms.DateField(widget=DateInput(), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
        low, high = question.config.get("min"), question.config.get("max")
        if low:
            field.validators.append(_date_bound(date.fromisoformat(low), after=True))
        if high:
            field.validators.append(_date_bound(date.fromisoformat(high), after=False))
        return field

    def to_storage(self, value, question, cleaned_data=None):
        return value.isoformat() if value else None

    def to_initial(self, stored, question):
        return {question.field_name: date.fromisoformat(stored) if stored else None}


def _date_bound(bound, after):
    def check(value):
        if after and value < bound:
            raise ValidationError(_("Enter a date on or after %(date)s."), params={"date": bound.strftime("%d/%m/%Y")})
        if not after and value > bound:
            raise ValidationError(_("Enter a date on or before %(date)s."), params={"date": bound.strftime("%d/%m/%Y")})

    return check


class IdentifierType(QuestionType):
    validator = None

    def form_field(self, question, seed=None):
        return forms.CharField(max_length=30, validators=[self.validator])

    def to_storage(self, value, question, cleaned_data=None):
        return identifiers.compact(value) if value else value


class Siret(IdentifierType):
    key = "siret"
    label = _("SIRET number")
    validator = staticmethod(identifiers.validate_siret)


class Rna(IdentifierType):
    key = "rna"
    label = _("RNA number (association)")
    validator = staticmethod(identifiers.validate_rna)


# Choices ---------------------------------------------------------------------


def _choice_label(choice):
    return f"{choice.label} — {choice.description}" if choice.description else choice.label


def _illustrated(question, seed, widget_class):
    """Choices (value, label) and the widget showing their descriptions and images."""
    choices = ordered_choices(question, seed)
    widget = widget_class({str(c.pk): c for c in choices})
    return [(str(c.pk), c.label) for c in choices], widget


class ChoiceType(QuestionType):
    has_choices = True
    multiple = False

    def _other(self, question):
        return next((c for c in choice_list(question) if c.is_other), None)

    def other_name(self, question):
        return f"{question.field_name}_other"

    def extra_fields(self, question):
        other = self._other(question)
        if other is None:
            return {}
        return {
            self.other_name(question): forms.CharField(
                label=_("%(choice)s: please specify") % {"choice": other.label}, required=False, max_length=300
            )
        }

    def clean_together(self, question, cleaned_data, form):
        other = self._other(question)
        if other is None:
            return
        picked = cleaned_data.get(question.field_name) or []
        picked = picked if isinstance(picked, list) else [picked]
        if str(other.pk) in picked and not cleaned_data.get(self.other_name(question)):
            form.add_error(self.other_name(question), _("You ticked “%(choice)s”: please specify.") % {"choice": other.label})

    def _other_text(self, question, cleaned_data, picked):
        other = self._other(question)
        if other is not None and str(other.pk) in picked and cleaned_data:
            return cleaned_data.get(self.other_name(question), "")
        return None

    def chosen_ids(self, stored):
        if isinstance(stored, dict):
            if "choices" in stored:
                return set(stored["choices"])
            if "choice" in stored:
                return {stored["choice"]}
        return set()

    def export_text(self, stored, question):
        labels = {c.pk: c.label for c in choice_list(question)}
        chosen = stored.get("choices", [stored.get("choice")]) if isinstance(stored, dict) else []
        texts = [labels.get(pk, "") for pk in chosen if pk is not None]
        if isinstance(stored, dict) and stored.get("other"):
            texts.append(stored["other"])
        return " | ".join(texts)

    def stat_keys(self, stored, question):
        keys = [""] + [str(pk) for pk in sorted(self.chosen_ids(stored))]
        return keys

    def cell_writer(self, question):
        labels = {c.pk: c.label for c in choice_list(question)}

        def write(stored):
            chosen = stored.get("choices") or [stored.get("choice")]
            texts = [labels.get(pk, "") for pk in chosen]
            if "other" in stored:
                texts.append(stored["other"])
            return " | ".join(texts)

        return write

    def from_text(self, text, question):
        by_label = {c.label.strip().lower(): c for c in choice_list(question)}
        parts = [p.strip() for p in text.split("|") if p.strip()] if self.multiple else [text.strip()]
        if not parts:
            return None
        chosen, others = [], []
        for part in parts:
            choice = by_label.get(part.lower())
            if choice is not None:
                chosen.append(choice.pk)
            else:
                others.append(part)
        other = self._other(question)
        if others and other is None:
            raise ValidationError(_("Unknown choice: %(value)s") % {"value": " | ".join(others)})
        if others:
            chosen.append(other.pk)
        stored = {"choices": chosen} if self.multiple else {"choice": chosen[0]}
        if others:
            stored["other"] = " | ".join(others)
        return stored


class SingleChoice(ChoiceType):
    key = "single_choice"
    label = _("Single choice")

    def form_field(self, question, seed=None):
        if question.config.get("widget") == "select":
            choices = [(str(c.pk), _choice_label(c)) for c in ordered_choices(question, seed)]
            return forms.ChoiceField(choices=[("", "—")] + choices, widget=forms.Select)
        choices, widget = _illustrated(question, seed, IllustratedRadioSelect)
        return forms.ChoiceField(choices=choices, widget=widget)

    def to_storage(self, value, question, cleaned_data=None):
        if not value:
            return None
        stored = {"choice": int(value)}
        other = self._other_text(question, cleaned_data, [value])
        if other:
            stored["other"] = other
        return stored

    def to_initial(self, stored, question):
        if not isinstance(stored, dict) or "choice" not in stored:
            return {}
        initial = {question.field_name: str(stored["choice"])}
        if stored.get("other"):
            initial[self.other_name(question)] = stored["other"]
        return initial


class MultipleChoice(ChoiceType):
    key = "multiple_choice"
    label = _("Multiple choice")
    multiple = True

    def check_config(self, config):
        low, high, exact = config.get("min"), config.get("max"), config.get("exact")
        if low and high and low > high:
            return [_("The minimum number of choices must not be above the maximum.")]
        if exact and (low or high):
            return [_("Give either an exact number of choices or a minimum/maximum, not both.")]
        return []

    def form_field(self, question, seed=None):
        config = question.config
        choices, widget = _illustrated(question, seed, IllustratedCheckboxes)
        return CountedMultipleChoiceField(
            choices=choices,
            widget=widget,
            min_count=config.get("min"),
            max_count=config.get("max"),
            exact=config.get("exact"),
        )

    def to_storage(self, value, question, cleaned_data=None):
        if not value:
            return None
        stored = {"choices": [int(v) for v in value]}
        other = self._other_text(question, cleaned_data, value)
        if other:
            stored["other"] = other
        return stored

    def to_initial(self, stored, question):
        if not isinstance(stored, dict):
            return {}
        initial = {question.field_name: [str(pk) for pk in stored.get("choices", [])]}
        if stored.get("other"):
            initial[self.other_name(question)] = stored["other"]
        return initial

    def stat_keys(self, stored, question):
        keys = super().stat_keys(stored, question)
        return keys + (["other"] if isinstance(stored, dict) and stored.get("other") else [])


# Grids: one sub-field per choice (ranking and majority judgment) ---------------------


class Ranking(QuestionType):
    key = "ranking"
    label = _("Ranking")
    has_choices = True

    def rank_count(self, question):
        count = len(choice_list(question))
        return min(question.config.get("rank_count") or count, count)

    def check_config(self, config):
        if config.get("rank_count") is not None and int(config["rank_count"]) < 1:
            return [_("Rank at least one choice.")]
        return []

    def form_field(self, question, seed=None):
        choices = ordered_choices(question, seed)
        count = self.rank_count(question)
        ranks = [("", _("not ranked"))] + [(str(n), str(n)) for n in range(1, count + 1)]
        return RankingField(
            fields=[forms.ChoiceField(choices=ranks) for _c in choices],
            keys=[c.pk for c in choices],
            rank_count=count,
            widget=LabelledMultiWidget([forms.Select(choices=ranks) for _c in choices], [c.label for c in choices], [c.pk for c in choices], False),
        )

    def to_initial(self, stored, question):
        order = {pk: str(rank) for rank, pk in enumerate(stored or [], start=1)}
        # The widget lists choices in the field's order, which may be shuffled: give a dict, resolved by key.
        return {question.field_name: order}

    def chosen_ids(self, stored):
        return set(stored or [])

    def export_text(self, stored, question):
        labels = {c.pk: c.label for c in choice_list(question)}
        return " | ".join(labels.get(pk, "") for pk in stored or [])

    def cell_writer(self, question):
        labels = {c.pk: c.label for c in choice_list(question)}
        return lambda stored: " | ".join([labels.get(pk, "") for pk in stored])

    def stat_keys(self, stored, question):
        return [""] + [f"{pk}:{rank}" for rank, pk in enumerate(stored or [], start=1)]

    def from_text(self, text, question):
        by_label = {c.label.strip().lower(): c.pk for c in choice_list(question)}
        parts = [p.strip().lower() for p in text.split("|") if p.strip()]
        if not parts:
            return None
        unknown = [p for p in parts if p not in by_label]
        if unknown or len(set(parts)) != len(parts) or len(parts) != self.rank_count(question):
            raise ValidationError(_("Not a ranking of this question's choices: %(value)s") % {"value": text})
        return [by_label[p] for p in parts]


class MajorityJudgment(QuestionType):
    key = "majority_judgment"
    label = _("Majority judgment")
    has_choices = True

    @staticmethod
    def grade_labels(question):
        """Grade labels, best first; a 6-level scale drops "Passable"."""
        labels = question.config.get("grades")
        if labels:
            return list(labels)
        if question.config.get("levels", 7) == 6:
            return [g for g in DEFAULT_GRADES if g != "Passable"]
        return list(DEFAULT_GRADES)

    def check_config(self, config):
        levels = config.get("levels", 7)
        grades = config.get("grades")
        if levels not in (6, 7):
            return [_("A majority judgment has 6 or 7 grades.")]
        if grades is not None and len(grades) != levels:
            return [_("Give as many grade labels as levels (%(n)d).") % {"n": levels}]
        return []

    def form_field(self, question, seed=None):
        labels = self.grade_labels(question)
        levels = len(labels)
        # Grade values: levels-1 for the best label, 0 for the worst.
        grade_choices = [(str(levels - 1 - i), label) for i, label in enumerate(labels)]
        choices = ordered_choices(question, seed)
        return GradesField(
            fields=[forms.ChoiceField(choices=grade_choices) for _c in choices],
            keys=[c.pk for c in choices],
            widget=LabelledMultiWidget(
                [forms.RadioSelect(choices=grade_choices) for _c in choices],
                [c.label for c in choices],
                [c.pk for c in choices],
                True,
            ),
        )

    def to_initial(self, stored, question):
        return {question.field_name: {int(k): str(v) for k, v in (stored or {}).items()}}

    def chosen_ids(self, stored):
        return {int(k) for k in (stored or {})}

    def export_text(self, stored, question):
        return self.cell_writer(question)(stored or {})

    def stat_keys(self, stored, question):
        return [""] + [f"{pk}:{g}" for pk, g in (stored or {}).items()]

    def cell_writer(self, question):
        # In the options' order (not the stored keys' order, which PostgreSQL's jsonb sorts), known options only.
        labels = [(str(c.pk), c.label) for c in choice_list(question)]
        grades = list(reversed(self.grade_labels(question)))  # indexed by grade value
        return lambda stored: " | ".join([f"{label}: {grades[stored[key]]}" for key, label in labels if key in stored])

    def from_text(self, text, question):
        by_label = {c.label.strip().lower(): c.pk for c in choice_list(question)}
        grades = self.grade_labels(question)
        grade_value = {g.lower(): len(grades) - 1 - i for i, g in enumerate(grades)}
        stored = {}
        for part in (p.strip() for p in text.split("|") if p.strip()):
            option, _sep, grade = part.rpartition(":")
            pk, value = by_label.get(option.strip().lower()), grade_value.get(grade.strip().lower())
            if pk is None or value is None:
                raise ValidationError(_("Not a grade of this question: %(value)s") % {"value": part})
            stored[str(pk)] = value
        return stored or None


# Files -------------------------------------------------------------------------

class FileUpload(QuestionType):
    key = "file"
    label = _("File")

    def check_config(self, config):
        kinds = config.get("kinds", ["image", "pdf"])
        if not kinds or any(k not in KIND_LABELS for k in kinds):
            return [_("Accepted kinds of file: image, pdf, office.")]
        return []

    def form_field(self, question, seed=None):
        return UploadField(kinds=question.config.get("kinds", ["image", "pdf"]), max_mb=question.config.get("max_mb", 10))

    def to_initial(self, stored, question):
        return {}

    def export_text(self, stored, question):
        return stored.get("name", "") if isinstance(stored, dict) else ""

    def from_text(self, text, question):
        raise ValidationError(_("Files cannot be imported."))


class Registry:
    def __init__(self):
        self._types = {}

    def register(self, question_type):
        self._types[question_type.key] = question_type
        return question_type

    def __getitem__(self, key):
        return self._types[key]

    def __contains__(self, key):
        return key in self._types

    def __iter__(self):
        return iter(self._types.values())

    @property
    def choices(self):
        return [(t.key, t.label) for t in self._types.values()]


question_types = Registry()
for _type in (
    SectionHeader, ShortText, LongText, RichText, Number, Email, Phone, DateQuestion, SingleChoice,
    MultipleChoice, Ranking, MajorityJudgment, FileUpload, Siret, Rna,
):
    question_types.register(_type())
