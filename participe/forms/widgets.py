"""Widgets of the question types: a native date input, illustrated choices, and one labelled sub-widget per choice."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class IllustratedChoicesMixin:
    """Radio buttons or checkboxes whose options may show their choice's description and image.

    The image's text alternative is the choice's own description of it, else its label; the description
    sits in the option's label, so it is read with the option.
    """

    option_template_name = "forms/widgets/illustrated_option.html"

    def __init__(self, choices_by_value, *args, **kwargs):
        self.choices_by_value = choices_by_value
        super().__init__(*args, **kwargs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        choice = self.choices_by_value.get(str(value))
        if choice is not None:
            option["description"] = choice.description
            if choice.image:
                option["image_url"] = choice.image.url
                option["image_alt"] = choice.image_alt or choice.label
        return option


class IllustratedRadioSelect(IllustratedChoicesMixin, forms.RadioSelect):
    pass


class IllustratedCheckboxes(IllustratedChoicesMixin, forms.CheckboxSelectMultiple):
    pass


class LabelledMultiWidget(forms.MultiWidget):
    """One sub-widget per choice, each rendered with its own label (no JavaScript needed)."""

    template_name = "forms/widgets/labelled_multiwidget.html"

    def __init__(self, widgets, labels, keys, grouped):
        self.labels, self.keys, self.grouped = labels, keys, grouped
        # Sub-fields are named after their choice (q12_34), not their position: the order may be shuffled.
        super().__init__(dict(zip([str(k) for k in keys], widgets, strict=True)))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], self.labels, strict=False):
            sub["label"] = label
        context["widget"]["grouped"] = self.grouped
        return context

    def decompress(self, value):
        if isinstance(value, dict):  # stored answers are keyed by choice: follow the (maybe shuffled) order
            return [value.get(key) for key in self.keys]
        return value or [None] * len(self.widgets)
