"""Forms of the consultation's back office: real fields, rich text sanitised, never JSON nor raw HTML."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.core.richtext_widget import RichTextFormField
from participe.modules.consultation.editing import parent_choices
from participe.modules.consultation.models import AnswerStatus, Consultation, Debate, Section, VoteWidget
from participe.modules.consultation.readers import read_upload


class RichText(RichTextFormField):
    """The back office's rich-text editor (a plain textarea without JavaScript), sanitised by its widget."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100_000)
        super().__init__(*args, **kwargs)


class ConsultationForm(forms.ModelForm):
    body = RichText(label=_("Introduction"), required=False)

    class Meta:
        model = Consultation
        fields = ["title", "body"]


PARTICIPATION_FIELDS = [
    "allows_opinions", "allows_amendments", "allows_arguments", "allows_sources", "vote_widget", "comments_enabled",
    "highlight_threshold",
]


class SectionForm(forms.ModelForm):
    body = RichText(label=_("Explanation"), required=False)

    inside = forms.ModelChoiceField(
        label=_("Place in the document"), queryset=Section.objects.none(), required=False,
        empty_label=_("At the top level of the document"),
        help_text=_("Moving a section moves its sub-sections and articles with it; it goes last in its new place."),
    )

    class Meta:
        model = Section
        fields = ["kind", "title", "subtitle", "inside", "body", *PARTICIPATION_FIELDS, "colour"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["inside"]  # a new section goes where its "add" button was
            return
        self.fields["inside"].queryset = parent_choices(self.instance)
        self.fields["inside"].label_from_instance = lambda section: f"{'— ' * section.depth}{section.title}"
        self.initial["inside"] = self.instance.parent_id


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("For example “Article 3”."))
    body = RichText(label=_("Text of the article"))


class ParticipationForm(forms.Form):
    """What participants may do, applied at once to every section of the document (then fine-tuned per section)."""

    allows_opinions = forms.BooleanField(label=_("Participants may propose new opinions"), required=False)
    allows_amendments = forms.BooleanField(label=_("Participants may propose amendments to the articles"), required=False)
    allows_arguments = forms.BooleanField(label=_("Participants may write arguments for and against"), required=False)
    allows_sources = forms.BooleanField(label=_("Participants may add sources"), required=False)
    vote_widget = forms.ChoiceField(label=_("Vote on opinions and amendments"), choices=VoteWidget.choices)
    comments_enabled = forms.BooleanField(label=_("Comments"), required=False)
    highlight_threshold = forms.IntegerField(
        label=_("Votes needed to be highlighted"), required=False, min_value=1, max_value=1_000_000,
        help_text=_("Leave empty for no highlighting."),
    )
    only_sections_with_articles = forms.BooleanField(
        label=_("Only the sections that hold articles"), required=False, initial=True,
        help_text=_("Titles and chapters above them keep their own settings."),
    )


class ImportForm(forms.Form):
    MODES = [("append", _("Add after the current sections")), ("replace", _("Replace the current document"))]

    document = forms.FileField(
        label=_("Document"), help_text=_("Markdown (.md), Word (.docx) or OpenDocument (.odt), 5 MB at most.")
    )
    mode = forms.ChoiceField(label=_("What to do with the current document"), choices=MODES, initial="append",
                             widget=forms.RadioSelect)

    def clean_document(self):
        return read_upload(self.cleaned_data["document"])


class ConfirmImportForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(choices=ImportForm.MODES, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    answer_status = forms.ChoiceField(label=_("Decision"), choices=AnswerStatus.choices, required=False)
    official_answer = RichText(label=_("Official answer"), required=False,
                               help_text=_("Published under the contribution; its author is told."))

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("answer_status") and not data.get("official_answer"):
            raise forms.ValidationError(_("Choose a decision or write an answer."))
        return data


class DebateForm(forms.ModelForm):
    body = RichText(label=_("Context"), required=False)
    statement_for = RichText(label=_("Statement for"))
    statement_against = RichText(label=_("Statement against"))

    class Meta:
        model = Debate
        fields = ["question", "body", "statement_for", "statement_for_author", "statement_against",
                  "statement_against_author", "allows_anonymous_votes"]
