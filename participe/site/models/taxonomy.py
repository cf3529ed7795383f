"""Themes and districts: shared by projects, posts, events and modules."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participe.instances.models import HEX_COLOUR
from participe.instances.scoping import InstanceOwned, scoped_manager
from participe.site.geo import district_for_point, validate_geometry


class Theme(InstanceOwned):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#1d4e89", validators=[HEX_COLOUR])
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["instance", "slug"], name="theme_slug_per_instance")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("website:theme", args=[self.slug])


class DistrictQuerySet(models.QuerySet):
    def holding(self, lon, lat):
        """The first district (in display order) whose area holds the point, or None (one query)."""
        return district_for_point(lon, lat, self.exclude(geometry=None))


class District(InstanceOwned):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140)
    # A GeoJSON Polygon or MultiPolygon geometry (WGS 84 longitude/latitude).
    geometry = models.JSONField(
        _("area (GeoJSON)"),
        null=True,
        blank=True,
        validators=[validate_geometry],
        help_text=_("A GeoJSON Polygon or MultiPolygon geometry, in longitude/latitude (WGS 84)."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = scoped_manager(queryset_class=DistrictQuerySet)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "slug"], name="district_slug_per_instance")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("website:district", args=[self.slug])
