"""Forms of the back office for projects and steps: real fields, validated, never JSON nor raw HTML."""

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participe.accounts.models import ParticipantGroup, User
from participe.core.richtext_widget import HELP_TEXT as RICH_TEXT_HELP
from participe.core.richtext_widget import RichTextWidget
from participe.images.forms import DescribedImagesMixin
from participe.projects.admin_forms import ProjectAdminForm, StepAdminForm
from participe.projects.models import Project, Step, Visibility, district_model, theme_model
from participe.projects.registry import step_types

STATUS_CHOICES = [
    ("", pgettext_lazy("projects", "All")),
    ("draft", pgettext_lazy("project status", "Draft")),
    ("published", pgettext_lazy("project status", "Published")),
    ("archived", pgettext_lazy("project status", "Archived")),
]


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=[("", pgettext_lazy("projects", "All")), *Visibility.choices], required=False)

    def filter(self, projects):
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["q"]:
            projects = projects.filter(title__icontains=data["q"])
        if data["status"] == "draft":
            projects = projects.filter(is_published=False, is_archived=False)
        elif data["status"] == "published":
            projects = projects.filter(is_published=True, is_archived=False)
        elif data["status"] == "archived":
            projects = projects.filter(is_archived=True)
        if data["visibility"]:
            projects = projects.filter(visibility=data["visibility"])
        return projects


def _none(model):
    # Scoped querysets exist only inside a request: the real ones are set in __init__.
    return model._base_manager.none()


class ProjectForm(DescribedImagesMixin, ProjectAdminForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=_none(theme_model()), required=False, widget=forms.CheckboxSelectMultiple
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"), queryset=_none(district_model()), required=False, widget=forms.CheckboxSelectMultiple
    )
    allowed_groups = forms.ModelMultipleChoiceField(
        label=_("Groups allowed"), queryset=_none(ParticipantGroup), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for a project restricted to groups of participants."),
    )

    administrator_emails = forms.CharField(
        label=_("Project administrators"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mail addresses of accounts of this site, one per line: they manage this project here."),
    )

    class Meta:
        model = Project
        fields = ["title", "slug", "summary", "body", "cover", "cover_alt", "visibility"]
        widgets = {
            "body": RichTextWidget(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {"body": RICH_TEXT_HELP}

    def __init__(self, *args, can_set_administrators=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_administrators:
            del self.fields["administrator_emails"]
        elif self.instance.pk:
            emails = self.instance.administrators.order_by("email").values_list("email", flat=True)
            self.initial.setdefault("administrator_emails", "\n".join(emails))
        self.fields["themes"].queryset = theme_model().objects.all()
        self.fields["districts"].queryset = district_model().objects.defer("geometry")
        self.fields["allowed_groups"].queryset = ParticipantGroup.objects.all()
        if self.instance.pk:
            self.initial.setdefault("themes", list(self.instance.themes.values_list("pk", flat=True)))
            self.initial.setdefault("districts", list(self.instance.districts.values_list("pk", flat=True)))
            self.initial.setdefault("allowed_groups", list(self.instance.allowed_groups.values_list("pk", flat=True)))

    def clean_administrator_emails(self):
        emails = [email.lower() for email in re.split(r"[\s,;]+", self.cleaned_data["administrator_emails"]) if email]
        for email in emails:
            try:
                validate_email(email)
            except ValidationError as error:
                raise ValidationError(_("“%(email)s” is not an e-mail address.") % {"email": email}) from error
        users = list(User.objects.filter(email__in=emails))
        unknown = sorted(set(emails) - {user.email for user in users})
        if unknown:
            raise ValidationError(_("No account of this site uses %(emails)s.") % {"emails": ", ".join(unknown)})
        return users

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.RESTRICTED and not data.get("allowed_groups"):
            self.add_error("allowed_groups", _("Choose at least one group for a restricted project."))
        return data

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.themes.set(self.cleaned_data["themes"])
        self.instance.districts.set(self.cleaned_data["districts"])
        self.instance.allowed_groups.set(self.cleaned_data["allowed_groups"])
        if "administrator_emails" in self.fields:
            self.instance.administrators.set(self.cleaned_data["administrator_emails"])


class NewStepForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of step"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = step_types.choices()

    def step_type(self):
        return step_types[self.cleaned_data["type"]]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class StepForm(DescribedImagesMixin, StepAdminForm):
    """The step's own fields, its cover (described, or marked decorative) and its participation requirements (its
    type and order are set elsewhere)."""

    class Meta(StepAdminForm.Meta):
        fields = ["title", "slug", "position", "starts_at", "ends_at", "body", "cover", "cover_alt"]
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "body": RichTextWidget(attrs={"rows": 8}),
        }
        help_texts = {"body": RICH_TEXT_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The type is chosen when the step is added and the order by the move buttons.
        del self.fields["type"]
        del self.fields["position"]

    def clean(self):
        data = super().clean()
        slug = data.get("slug")
        if slug and Step.objects.filter(project_id=self.instance.project_id, slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", _("Another step of this project already uses this web address."))
        return data


def settings_values(form):
    """The step type's settings form's values as JSON data (dates and decimals as text)."""
    values = form.to_settings() if hasattr(form, "to_settings") else form.cleaned_data
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))
