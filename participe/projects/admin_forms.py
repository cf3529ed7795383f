"""Back-office forms for projects and steps, written for civil servants rather than for developers."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import ParticipantGroup
from participe.core.uploads import clean_image
from participe.projects.models import Project, Step
from participe.projects.registry import step_types
from participe.projects.requirements import requirement_kinds

# Requirements the step form edits with checkboxes; richer ones get their own fields below.
SIMPLE_REQUIREMENTS = ["confirmed_email", "first_name", "last_name", "zip_code", "date_of_birth"]
FORM_MANAGED = {*SIMPLE_REQUIREMENTS, "consent", "group"}


def _unique_slug(model, base, taken_filter, exclude_pk=None):
    base = slugify(base)[:200] or "projet"
    slug, number = base, 2
    while model.objects.filter(slug=slug, **taken_filter).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class ProjectAdminForm(forms.ModelForm):
    class Meta:
        model = Project
        # The back office passes the full list of fields; relations are built there, inside the instance's scope.
        fields = ["title", "slug", "cover", "cover_alt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("The end of the project's web address. Made from the title if left empty.")

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and Project.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another project already uses this web address."))
        return slug

    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        if cover and "cover" in self.changed_data:
            return clean_image(cover)
        return cover

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("title"):
            data["slug"] = _unique_slug(Project, data["title"], {}, self.instance.pk)
        # (the back office's form says it itself, and lets the image be marked decorative: DescribedImagesMixin)
        if data.get("cover") and "cover" in self.changed_data and not data.get("cover_alt") \
                and "cover_decorative" not in self.fields:
            self.add_error("cover_alt", _("Describe the image for people who cannot see it."))
        return data


class StepAdminForm(forms.ModelForm):
    type = forms.ChoiceField(label=_("type"))
    require = forms.MultipleChoiceField(
        label=_("Participants must give"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Asked only when they act in this step, never beforehand."),
    )
    allowed_zip_codes = forms.CharField(
        label=_("Zip codes allowed"),
        required=False,
        help_text=_("Separated by commas or spaces. Leave empty to accept any zip code."),
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=1, max_value=120)
    consent_text = forms.CharField(
        label=_("Consent checkbox"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. “I have read and I accept the charter of the citizens' panel.” Leave empty for none."),
    )
    # An empty queryset at import time (scoped ones exist only inside a request); the real one is set in __init__.
    required_group = forms.ModelChoiceField(
        label=_("Reserved to the group"), queryset=ParticipantGroup._base_manager.none(), required=False
    )

    class Meta:
        model = Step
        fields = ["type", "title", "slug", "position", "is_enabled", "starts_at", "ends_at", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = step_types.choices()
        if self.instance.pk and self.instance.type not in step_types:
            # Its module was removed: show the type rather than a blank choice; saving asks for another one.
            self.fields["type"].choices += [(self.instance.type, self.instance.type)]
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Made from the title if left empty.")
        self.fields["position"].help_text = _("Steps are shown from the smallest number to the largest.")
        self.fields["require"].choices = [(k.name, k.label) for k in requirement_kinds if k.name in SIMPLE_REQUIREMENTS]
        self.fields["required_group"].queryset = ParticipantGroup.objects.all()
        zone = timezone.get_current_timezone_name()
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = _("Date and time in the time zone %(zone)s.") % {"zone": zone}
        self._load_requirements(self.instance.requirements or [])

    def _load_requirements(self, entries):
        for entry in entries:
            config = {"kind": entry} if isinstance(entry, str) else entry
            kind = config.get("kind")
            if kind in SIMPLE_REQUIREMENTS:
                self.initial.setdefault("require", []).append(kind)
            if kind == "zip_code" and config.get("allowed"):
                self.initial["allowed_zip_codes"] = ", ".join(config["allowed"])
            elif kind == "date_of_birth" and config.get("min_age"):
                self.initial["min_age"] = config["min_age"]
            elif kind == "consent":
                self.initial["consent_text"] = config.get("text", "")
            elif kind == "group":
                self.initial["required_group"] = config.get("group")

    def clean_allowed_zip_codes(self):
        codes = [code for code in re.split(r"[\s,;]+", self.cleaned_data["allowed_zip_codes"]) if code]
        for code in codes:
            if not re.fullmatch(r"[0-9A-Za-z-]{2,10}", code):
                raise ValidationError(_("“%(code)s” is not a zip code.") % {"code": code})
        return codes

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A step must close after it opens."))
        if not data.get("slug") and data.get("title"):
            data["slug"] = slugify(data["title"])[:200] or "etape"
        return data

    def requirements(self):
        data = self.cleaned_data
        chosen = set(data.get("require") or [])
        if data.get("allowed_zip_codes"):
            chosen.add("zip_code")
        if data.get("min_age"):
            chosen.add("date_of_birth")
        entries = []
        for kind in SIMPLE_REQUIREMENTS:
            if kind not in chosen:
                continue
            if kind == "zip_code" and data.get("allowed_zip_codes"):
                entries.append({"kind": kind, "allowed": data["allowed_zip_codes"]})
            elif kind == "date_of_birth" and data.get("min_age"):
                entries.append({"kind": kind, "min_age": data["min_age"]})
            else:
                entries.append(kind)
        if data.get("consent_text", "").strip():
            entries.append({"kind": "consent", "key": "consent", "text": data["consent_text"].strip()})
        if data.get("required_group"):
            entries.append({"kind": "group", "group": data["required_group"].pk})
        # Requirements of other kinds (set by a module or by code) are kept as they were.
        kept = [e for e in self.instance.requirements or [] if (e if isinstance(e, str) else e.get("kind")) not in FORM_MANAGED]
        return entries + kept

    def save(self, commit=True):
        self.instance.requirements = self.requirements()
        return super().save(commit)
