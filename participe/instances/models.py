"""The tenant: an institution's website on the shared deployment."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from participe.core.mail import sender_domain_verified
from participe.core.storage import RandomName, public_storage
from participe.instances.features import FEATURES

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


def _default_features():
    return {name: feature.default for name, feature in FEATURES.items()}


def _default_languages():
    """Every language of the platform, as before instances chose theirs; an organiser narrows the list."""
    return [code for code, _name in settings.LANGUAGES]


def _validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."))


def _validate_one_line(value):
    if any(character in value for character in "\r\n\x00"):
        raise ValidationError(_("Write it on one line."))


def _validate_sender_email(value):
    if not sender_domain_verified(value):
        domains = ", ".join(settings.VERIFIED_SENDER_DOMAINS)
        if domains:
            message = _("The platform may only send from these domains: %(domains)s. Leave empty to use the platform's address.")
        else:
            message = _("No sender domain is verified on this platform yet: leave empty to use the platform's address.")
        raise ValidationError(message, code="unverified_domain", params={"domains": domains})


class Typeface(models.TextChoices):
    """Free typefaces the site serves itself (the style sheets apply the choice); "system" uses the device's."""

    SYSTEM = "system", _("The device's own typeface")
    ATKINSON = "atkinson-hyperlegible", "Atkinson Hyperlegible"
    INTER = "inter", "Inter"
    SOURCE_SANS = "source-sans-3", "Source Sans 3"
    LUCIOLE = "luciole", "Luciole"


class Instance(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    languages = models.JSONField(
        _("languages"), default=_default_languages, blank=True,
        help_text=_("The languages the site offers (codes of the platform's languages); the default one is always offered."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris", validators=[_validate_time_zone])
    logo = models.ImageField(_("logo"), upload_to=RandomName("instances/logos"), storage=public_storage, blank=True)
    favicon = models.ImageField(_("favicon"), upload_to=RandomName("instances/favicons"), storage=public_storage, blank=True)
    cover = models.ImageField(
        _("cover image"), upload_to=RandomName("instances/covers"), storage=public_storage, blank=True,
        help_text=_("The large image at the top of the home page."),
    )
    cover_alt = models.CharField(
        _("cover image description"), max_length=200, blank=True,
        help_text=_("Leave empty if the image is decorative."),
    )
    social_image = models.ImageField(
        _("social image"), upload_to=RandomName("instances/social"), storage=public_storage, blank=True,
        help_text=_("Shown when a page of the site is shared on a social network (1200 × 630 pixels is best)."),
    )
    typeface = models.CharField(_("typeface"), max_length=30, choices=Typeface.choices, default=Typeface.SYSTEM)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#1d4e89", validators=[HEX_COLOUR])
    secondary_colour = models.CharField(
        _("secondary colour"), max_length=7, default="#f4b400", validators=[HEX_COLOUR]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    sender_name = models.CharField(
        _("sender name"),
        max_length=100,
        blank=True,
        validators=[_validate_one_line],
        help_text=_("Name e-mails are sent under; the instance's name if empty."),
    )
    sender_email = models.EmailField(
        _("sender e-mail"),
        blank=True,
        validators=[_validate_sender_email],
        help_text=_("Address e-mails are sent from, on a domain the platform operator verified; the platform's if empty."),
    )
    terms = models.TextField(_("terms of use"), blank=True)
    privacy_policy = models.TextField(_("privacy policy"), blank=True)
    legal_notice = models.TextField(_("legal notice"), blank=True)
    accessibility_statement = models.TextField(_("accessibility statement"), blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    user_types = models.JSONField(
        _("user types"),
        default=list,
        blank=True,
        help_text=_("Profile types participants choose from, e.g. citizen, association, company."),
    )
    features = models.JSONField(_("modules and features"), default=_default_features, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instance")
        verbose_name_plural = _("instances")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_feature(self, name):
        if name not in FEATURES:
            raise KeyError(name)
        return bool(self.features.get(name, FEATURES[name].default))

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def primary_domain(self):
        domain = min(self.domains.all(), key=lambda d: (not d.is_primary, d.pk), default=None)
        return domain.domain if domain else None

    def offered_languages(self):
        """The codes of the languages this site offers, its default one first, in the platform's order."""
        chosen = set(self.languages or ())
        others = [code for code, _name in settings.LANGUAGES if code in chosen and code != self.default_language]
        return [self.default_language, *others]

    def user_type_choices(self):
        return [(value, value) for value in self.user_types]


class Domain(models.Model):
    """A host name answering for an instance; the middleware looks requests up by it."""

    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("domain"), max_length=253, unique=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.UniqueConstraint(
                fields=["instance"], condition=models.Q(is_primary=True), name="one_primary_domain_per_instance"
            )
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.lower().strip().rstrip(".")
        super().save(*args, **kwargs)
