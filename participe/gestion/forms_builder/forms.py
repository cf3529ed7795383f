"""Forms of the form builder: a question's own fields, its choices (a formset) and its logic jumps."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from participe.core.uploads import clean_image
from participe.forms.models import Choice, Form, LogicJump, Question
from participe.forms.question_types import question_types
from participe.images.forms import DescribedImagesMixin


class FormTitleForm(forms.ModelForm):
    class Meta:
        model = Form
        fields = ["title"]


class NewQuestionForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of question"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Question"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = question_types.choices


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "description", "help_text", "required", "private", "hidden"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": _("Question"), "private": _("Staff only")}
        help_texts = {
            "private": _("Answers are left out of public results and public proposal pages; staff still read them "
                         "(analysis, exports)."),
        }

    def _update_errors(self, errors):
        # The model's checks also speak of fields this form shows elsewhere (its settings): shown above the form.
        if hasattr(errors, "error_dict"):
            by_field = {}
            for name, messages in errors.error_dict.items():
                by_field.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = forms.ValidationError(by_field)
        super()._update_errors(errors)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.question_type.is_input:
            self.fields["title"].label = _("Title of the section")
            for name in ("help_text", "required", "private"):
                del self.fields[name]


class ChoiceForm(DescribedImagesMixin, forms.ModelForm):
    """A choice; its image is described or marked decorative, and checked by content (choice pictures may be small)."""

    described_images = {"image": "image_alt"}
    check_uploads = False  # clean_image below

    class Meta:
        model = Choice
        fields = ["label", "description", "image", "image_alt", "is_other"]
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": "image/*"})}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and isinstance(image, UploadedFile):  # a new upload: checked by content, re-encoded
            return clean_image(image)
        return image


class BaseChoiceFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.has_changed() or f.instance.pk]
        kept = [f for f in kept if not self._should_delete_form(f) and f.cleaned_data.get("label")]
        if sum(1 for f in kept if f.cleaned_data.get("is_other")) > 1:
            raise forms.ValidationError(_("Only one choice may be “other” with free text."))


ChoiceFormSet = modelformset_factory(
    Choice, form=ChoiceForm, formset=BaseChoiceFormSet, extra=3, can_delete=True, can_order=True,
)


class JumpForm(forms.Form):
    condition = forms.ChoiceField(
        label=_("If the answer"), initial=LogicJump.Condition.IS, required=False,
        choices=[(LogicJump.Condition.IS, _("is")), (LogicJump.Condition.IS_NOT, _("is not"))],
    )
    choice = forms.TypedChoiceField(label=_("Choice"), coerce=int, required=False, empty_value=None)
    destination = forms.TypedChoiceField(label=_("go to"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, choices, destinations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [("", "—")] + choices
        self.fields["destination"].choices = [("", "—")] + destinations

    def clean(self):
        data = super().clean()
        choice, destination = data.get("choice"), data.get("destination")
        if choice is not None and destination is None and "destination" not in self.errors:
            self.add_error("destination", _("Choose where this answer leads."))
        if choice is None and destination is not None and "choice" not in self.errors:
            self.add_error("choice", _("Choose the answer that leads there."))
        return data


class DefaultJumpForm(forms.Form):
    destination = forms.TypedChoiceField(
        label=_("Otherwise, go to"), coerce=int, required=False, empty_value=None,
        help_text=_("Where participants go when no rule above applies."),
    )

    def __init__(self, *args, destinations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", _("the next question (no jump)"))] + destinations


END = 0  # the destination value for "the end of the form"


class BaseJumpFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return dict(self.form_kwargs)


JumpFormSet = forms.formset_factory(JumpForm, formset=BaseJumpFormSet, extra=2, can_delete=True)
