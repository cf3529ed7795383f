from django import forms
from django.utils.translation import gettext_lazy as _

from participe.comments.models import Comment
from participe.participation.models import Status

BODY_MAX = 5000


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write your comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    is_official = forms.BooleanField(
        label=_("Official answer of the institution"), required=False
    )

    def __init__(self, *args, target, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        if not user.has_perm("comments.answer_officially", target):
            del self.fields["is_official"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Please write your comment."))
        return body

    def clean_parent(self):
        """A reply answers a published comment on the same object."""
        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = Comment.objects.on(self.target).filter(pk=pk, status=Status.PUBLISHED).first()
        if parent is None:
            raise forms.ValidationError(_("The comment you reply to is no longer available."))
        return parent


class AnonymousCommentForm(CommentForm):
    name = forms.CharField(label=_("Your name"), max_length=80)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Not published. We send you a link: your comment appears once you follow it."),
    )

    field_order = ["name", "email", "body", "parent"]


class EditCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please write your comment.")},
    )


class CommentSettingsForm(forms.Form):
    """The comment settings of a step (its type's `settings_form` when comments are all it sets). It writes its two
    keys of `Step.settings` and keeps every other key as it found it."""

    anonymous_comments = forms.BooleanField(
        label=_("Visitors without an account may comment"), required=False,
        help_text=_("Their comment goes on once they follow the link sent to their e-mail address."),
    )
    comments_premoderation = forms.BooleanField(
        label=_("Comments wait for a moderator before they are published"), required=False
    )

    def __init__(self, *args, initial=None, **kwargs):
        self._kept = {key: value for key, value in (initial or {}).items() if key not in self.base_fields}
        flat = {name: bool((initial or {}).get(name)) for name in self.base_fields}
        super().__init__(*args, initial=flat, **kwargs)

    def to_settings(self):
        return {**self._kept, **self.cleaned_data}
