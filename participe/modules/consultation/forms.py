from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import sanitise
from participe.core.uploads import check_file
from participe.modules.consultation.diff import plain_text
from participe.modules.consultation.models import AnswerStatus, Side, SourceCategory
from participe.projects.models import Step


class RichTextInput(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 10})

    def clean(self, value):
        value = super().clean(value)
        if value and "<" not in value:
            # Plain text typed without the editor: keep its paragraphs.
            value = "".join(f"<p>{escape(p.strip())}</p>" for p in value.split("\n\n") if p.strip())
        if self.required and not sanitise(value, contribution=True).strip():
            raise forms.ValidationError(_("This text is empty."))
        return value


class OpinionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = RichTextInput(label=_("Your proposal"), max_length=20000)


def paragraphs_of(rich_html):
    """An article's text as a citizen edits it: its paragraphs, a blank line between them."""
    return "\n\n".join(plain_text(rich_html).split("\n"))


def html_of(text):
    """Edited text back to safe HTML paragraphs (a single line break stays a line break)."""
    paragraphs = (part.strip() for part in text.replace("\r\n", "\n").split("\n\n"))
    html = "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in part.split("\n") if line.strip()) + "</p>"
        for part in paragraphs if part
    )
    return sanitise(html, contribution=True)


def _looks_like_html(text):
    stripped = text.strip()
    return stripped.startswith("<") and stripped.endswith(">")


class AmendmentForm(forms.Form):
    """The new wording is edited as plain text (the article's paragraphs), so the diff compares words, not tags.
    A body sent as HTML (the API, an editor) goes through the same sanitiser."""

    title = forms.CharField(label=_("Title of your amendment"), max_length=200)
    body = forms.CharField(label=_("New wording of the article"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("Edit the current text: the changes are shown word by word."))
    explanation = forms.CharField(label=_("Why this change?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, current_body="", **kwargs):
        super().__init__(*args, **kwargs)
        self.current_body = current_body
        if not self.is_bound:
            self.initial.setdefault("body", paragraphs_of(current_body))

    def clean_body(self):
        text = self.cleaned_data["body"]
        body = sanitise(text, contribution=True) if _looks_like_html(text) else html_of(text)
        if not plain_text(body).strip():
            raise forms.ValidationError(_("This text is empty."))
        if plain_text(body) == plain_text(self.current_body):
            raise forms.ValidationError(_("Your amendment does not change the text yet."))
        return body


class ArgumentForm(forms.Form):
    side = forms.ChoiceField(label=_("Side"), choices=Side.choices, widget=forms.RadioSelect)
    body = forms.CharField(label=_("Your argument"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class SourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=SourceCategory.choices)
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    file = forms.FileField(label=_("Or a file (PDF, at most 10 MB)"), required=False)
    description = forms.CharField(label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            return check_file(upload, ("pdf",), max_bytes=10 * 1024 * 1024).upload
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("link") and not data.get("file") and not self.errors:
            raise forms.ValidationError(_("Give a link or a file."))
        return data


class AnswerForm(forms.Form):
    answer_status = forms.ChoiceField(label=_("Decision"), choices=AnswerStatus.choices, required=False)
    official_answer = forms.CharField(label=_("Official answer"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 6}))


class AnonymousVoteForm(forms.Form):
    side = forms.ChoiceField(label=_("Your vote"), choices=Side.choices, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("Your e-mail address"), help_text=_("We send you a link: your vote counts once you open it."))


class RankingSettingsForm(forms.Form):
    consultation_step = forms.TypedChoiceField(label=_("Consultation step to rank"), coerce=int)
    limit = forms.IntegerField(label=_("Number of contributions shown"), min_value=1, max_value=500, initial=10)
    threshold = forms.IntegerField(label=_("Minimum number of votes to be ranked"), min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read in the request's instance scope: the consultation steps of this instance, by project.
        steps = Step.objects.filter(type="consultation").select_related("project").order_by("project__title", "position")
        self.fields["consultation_step"].choices = [("", "—")] + [(step.pk, f"{step.project.title} — {step.title}") for step in steps]
