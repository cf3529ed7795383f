"""The agenda: events with a place, an online link and registrations within a capacity."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import RichTextField
from participe.core.storage import RandomName, public_storage
from participe.images.fields import CoverField
from participe.instances.scoping import InstanceOwned, scoped_manager


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, moment=None):
        """Events not over yet, soonest first."""
        moment = moment or timezone.now()
        return self.filter(Q(ends_at__gte=moment) | Q(ends_at__isnull=True, starts_at__gte=moment)).order_by(
            "starts_at", "pk"
        )

    def past(self, moment=None):
        moment = moment or timezone.now()
        return self.exclude(Q(ends_at__gte=moment) | Q(ends_at__isnull=True, starts_at__gte=moment)).order_by(
            "-starts_at", "-pk"
        )


class Event(InstanceOwned):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    description = RichTextField(_("description"), blank=True)
    cover = models.ImageField(_("cover image"), upload_to=RandomName("events/covers"), storage=public_storage, blank=True)
    cover_alt = models.CharField(
        _("cover image description"), max_length=200, blank=True, help_text=_("Leave empty if the image is decorative.")
    )
    cover_image = CoverField()
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Video conference or live stream.")
    )
    themes = models.ManyToManyField(
        "website.Theme", blank=True, related_name="events", verbose_name=_("themes")
    )
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="events", verbose_name=_("projects")
    )
    is_published = models.BooleanField(_("published"), default=True)
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Number of places; leave empty for no limit.")
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    # Kept by the registration service under the event's row lock; never counted per view.
    confirmed_count = models.PositiveIntegerField(_("confirmed registrations"), default=0, editable=False)
    waiting_count = models.PositiveIntegerField(_("people on the waiting list"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = scoped_manager(queryset_class=EventQuerySet)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "slug"], name="event_slug_per_instance"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="event_point_complete",
            ),
        ]
        indexes = [models.Index(fields=["instance", "starts_at"], name="event_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("website:event", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("An event must end after it starts.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude of the place, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def is_over(self):
        return (self.ends_at or self.starts_at) < timezone.now()

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.confirmed_count >= self.capacity

    @property
    def accepts_registrations(self):
        return self.registration_open and not self.is_over and (not self.is_full or self.waiting_list)


class Registration(InstanceOwned):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_user")]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_queue")]

    def __str__(self):
        return f"{self.user} — {self.event}"
