"""Forms of the website's back office: real fields (colour pickers, checkboxes, lists, files), never JSON."""

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from participe.core.richtext_widget import HELP_TEXT as RICH_TEXT_HELP
from participe.core.richtext_widget import RichTextWidget
from participe.core.uploads import clean_image
from participe.gestion.forms import LocalDateTimeInput
from participe.gestion.website import contrast
from participe.images.forms import DescribedImagesMixin
from participe.instances.features import FEATURES
from participe.instances.models import Instance
from participe.projects.models import Project
from participe.site.geo import validate_geometry
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Theme

MAX_GEOJSON_BYTES = 2 * 1024 * 1024
HEX = re.compile(r"#[0-9a-fA-F]{6}")


class ColourInput(forms.TextInput):
    """A colour picker; browsers without one show a text box that takes #RRGGBB."""

    input_type = "color"

    def __init__(self, attrs=None):
        super().__init__({"pattern": "#[0-9a-fA-F]{6}", "size": 8, **(attrs or {})})


class ImagesMixin(DescribedImagesMixin):
    """Every image of these forms is checked by content and re-encoded. One that illustrates the content
    (`described_images`: image field -> description field) needs a description unless it is marked decorative
    (participe.images.forms.DescribedImagesMixin); the others (`plain_images`: a logo, a favicon) are decorative by
    nature or described elsewhere."""

    described_images = {}
    plain_images = ()

    def clean(self):
        data = super().clean()
        for field in self.plain_images:
            upload = data.get(field)
            if upload and field in self.changed_data:
                try:
                    data[field] = clean_image(upload)
                except ValidationError as error:
                    self.add_error(field, error)
        return data


class SlugMixin:
    """The slug is made from the title when left empty, and is unique within the instance."""

    slug_source = "title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("The end of the web address. Made from the title if left empty.")

    def clean(self):
        data = super().clean()
        model = self._meta.model
        slug = data.get("slug")
        if not slug and data.get(self.slug_source):
            base = slugify(data[self.slug_source])[:200] or "page"
            slug, number = base, 2
            while model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                slug, number = f"{base}-{number}", number + 1
            data["slug"] = slug
        elif slug and model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            self.add_error("slug", _("Another one already uses this web address."))
        return data


def _choices(model, label, multiple=True):
    # Scoped querysets exist only inside a request: the real ones are set in __init__ (`_scoped_choices`).
    if multiple:
        return forms.ModelMultipleChoiceField(label=label, queryset=model._base_manager.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    return forms.ModelChoiceField(label=label, queryset=model._base_manager.none(), required=False)


def _scoped_choices(form, **querysets):
    # Form classes are built at import, outside any instance: the scoped querysets are set per request.
    for name, queryset in querysets.items():
        if name in form.fields:
            form.fields[name].queryset = queryset


class PageForm(SlugMixin, ImagesMixin, forms.ModelForm):
    described_images = {"cover": "cover_alt"}

    class Meta:
        model = Page
        fields = ["title", "slug", "summary", "cover", "cover_alt", "body", "is_published"]
        widgets = {"body": RichTextWidget()}
        help_texts = {"body": RICH_TEXT_HELP}


class PostForm(SlugMixin, ImagesMixin, forms.ModelForm):
    described_images = {"cover": "cover_alt"}
    projects = _choices(Project, _("Projects"))
    themes = _choices(Theme, _("Themes"))

    class Meta:
        model = Post
        fields = ["title", "slug", "summary", "cover", "cover_alt", "body", "published_at", "is_published",
                  "projects", "themes"]
        widgets = {"body": RichTextWidget(), "published_at": LocalDateTimeInput(),
                   "projects": forms.CheckboxSelectMultiple, "themes": forms.CheckboxSelectMultiple,
                   "summary": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"body": RICH_TEXT_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_choices(self, projects=Project.objects.defer("body"), themes=Theme.objects.all())


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventForm(SlugMixin, ImagesMixin, forms.ModelForm):
    formfield_callback = _https_by_default
    described_images = {"cover": "cover_alt"}
    projects = _choices(Project, _("Projects"))
    themes = _choices(Theme, _("Themes"))
    class Meta:
        model = Event
        fields = ["title", "slug", "cover", "cover_alt", "description", "starts_at", "ends_at", "address", "latitude", "longitude",
                  "online_url", "is_published", "registration_open", "capacity", "waiting_list", "projects",
                  "themes"]
        widgets = {"description": RichTextWidget(), "starts_at": LocalDateTimeInput(), "ends_at": LocalDateTimeInput(),
                   "projects": forms.CheckboxSelectMultiple, "themes": forms.CheckboxSelectMultiple}
        help_texts = {"description": RICH_TEXT_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_choices(self, projects=Project.objects.defer("body"), themes=Theme.objects.all())


class HomeSectionForm(forms.ModelForm):
    class Meta:
        model = HomeSection
        fields = ["kind", "title", "body", "is_enabled"]
        widgets = {"body": RichTextWidget(attrs={"rows": 6})}
        help_texts = {"body": _("Shown under the section's title (the only content of a custom text section).")}


class MenuItemForm(forms.ModelForm):
    formfield_callback = _https_by_default
    page = _choices(Page, _("Page of the site"), multiple=False)
    class Meta:
        model = MenuItem
        fields = ["label", "location", "target", "page", "url"]
        widgets = {"location": forms.RadioSelect}
        help_texts = {"target": _("Choose one destination: a page of the site, one of its own pages, or an address.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_choices(self, page=Page.objects.defer("body"))


class ThemeForm(SlugMixin, forms.ModelForm):
    slug_source = "name"

    class Meta:
        model = Theme
        fields = ["name", "slug", "description", "colour"]
        widgets = {"colour": ColourInput(), "description": forms.Textarea(attrs={"rows": 3})}


def _geometry_of(data):
    """The geometry of a GeoJSON document: a geometry, a Feature, or a FeatureCollection of one feature."""
    if not isinstance(data, dict):
        raise ValidationError(_("The file is not a GeoJSON object."))
    if data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or len(features) != 1:
            raise ValidationError(_("The file holds several shapes (or none): keep only the district's one."))
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        kind = data.get("type") if isinstance(data, dict) else None
        raise ValidationError(
            _("The shape is a %(kind)s: a district needs a Polygon or a MultiPolygon.") % {"kind": kind or "?"}
        )
    return {"type": data["type"], "coordinates": data.get("coordinates")}


class DistrictForm(SlugMixin, forms.ModelForm):
    slug_source = "name"
    shape = forms.FileField(
        label=_("Map shape (GeoJSON file)"), required=False,
        help_text=_("A .geojson file with the district's outline (a Polygon or MultiPolygon, longitude/latitude)."),
    )
    remove_shape = forms.BooleanField(label=_("Remove the map shape"), required=False)

    class Meta:
        model = District
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.geometry:
            del self.fields["remove_shape"]

    def clean_shape(self):
        upload = self.cleaned_data.get("shape")
        if not upload:
            return None
        if upload.size > MAX_GEOJSON_BYTES:
            raise ValidationError(_("The file is too large (2 MB at most)."))
        try:
            data = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as error:
            raise ValidationError(_("The file is not GeoJSON: it could not be read as JSON text.")) from error
        geometry = _geometry_of(data)
        validate_geometry(geometry)
        return geometry

    def save(self, commit=True):
        if self.cleaned_data.get("shape"):
            self.instance.geometry = self.cleaned_data["shape"]
        elif self.cleaned_data.get("remove_shape"):
            self.instance.geometry = None
        return super().save(commit)


class LookForm(ImagesMixin, forms.ModelForm):
    described_images = {"cover": "cover_alt"}
    plain_images = ("logo", "favicon", "social_image")

    class Meta:
        model = Instance
        fields = ["primary_colour", "secondary_colour", "typeface", "logo", "favicon", "cover", "cover_alt",
                  "social_image"]
        widgets = {"primary_colour": ColourInput(), "secondary_colour": ColourInput(), "typeface": forms.RadioSelect}
        help_texts = {
            "primary_colour": _("Headings, links and buttons (with white text): at least 4.5:1 against white."),
            "secondary_colour": _("Highlights behind dark text: at least 4.5:1 against the text."),
            "logo": _("Shown in the header; its text alternative is the site's name."),
            "favicon": _("The small icon of the browser's tab (a square image)."),
        }

    def clean(self):
        data = super().clean()
        colours = {name: data.get(name) for name in ("primary_colour", "secondary_colour")
                   if HEX.fullmatch(data.get(name) or "")}
        for field, ratio, pair, proposal in contrast.problems(colours):
            self.add_error(field, _(
                "%(colour)s is too light or too dark for %(pair)s: its contrast is %(ratio)s:1, at least 4.5:1 "
                "is needed. The nearest colour that passes is %(proposal)s."
            ) % {"colour": colours[field], "pair": pair.description, "ratio": f"{ratio:.2f}".rstrip("0").rstrip("."),
                 "proposal": proposal})
        return data


class SettingsForm(forms.ModelForm):
    """Who writes, who may register, what participants call themselves, which features are on."""

    user_types = forms.CharField(
        label=_("User types"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. Citizen, Association, Company. Participants choose theirs in their profile."),
    )
    features = forms.MultipleChoiceField(label=_("Features"), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Instance
        fields = ["sender_name", "sender_email", "contact_email", "registration_open"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["features"].choices = [(name, feature.label) for name, feature in FEATURES.items()]
        self.initial["user_types"] = "\n".join(self.instance.user_types or [])
        self.initial["features"] = [name for name in FEATURES if self.instance.has_feature(name)]

    def clean_user_types(self):
        types, seen = [], set()
        for line in self.cleaned_data["user_types"].splitlines():
            value = " ".join(line.split())
            if not value or value.casefold() in seen:
                continue
            if len(value) > 60:
                raise ValidationError(_("“%(type)s” is too long (60 characters at most).") % {"type": value[:60]})
            seen.add(value.casefold())
            types.append(value)
        if len(types) > 30:
            raise ValidationError(_("Thirty types at most."))
        return types

    def save(self, commit=True):
        self.instance.user_types = self.cleaned_data["user_types"]
        chosen = set(self.cleaned_data["features"])
        self.instance.features = {**(self.instance.features or {}), **{name: name in chosen for name in FEATURES}}
        return super().save(commit)


class LegalForm(forms.ModelForm):
    class Meta:
        model = Instance
        fields = ["terms", "privacy_policy", "legal_notice", "accessibility_statement"]
        widgets = {name: RichTextWidget(attrs={"rows": 12}) for name in fields}
        help_texts = {name: RICH_TEXT_HELP for name in fields}
