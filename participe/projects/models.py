"""Projects (participatory processes) and their dated steps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import RichTextField
from participe.core.storage import RandomName, public_storage
from participe.images.fields import CoverField
from participe.instances.scoping import InstanceOwned, scoped_manager
from participe.projects.registry import StepState, step_types


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    UNLISTED = "unlisted", _("Unlisted: reachable by its link only")
    RESTRICTED = "restricted", _("Restricted to groups of participants")
    ADMINS = "admins", _("Administrators only")


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Projects `user` may open by their URL."""
        if user.has_perm("backoffice.manage_instance"):
            return self
        visible = Q(is_published=True, visibility__in=[Visibility.PUBLIC, Visibility.UNLISTED])
        if user.is_authenticated:
            visible |= Q(is_published=True, visibility=Visibility.RESTRICTED, allowed_groups__members=user)
            visible |= Q(administrators=user)
        return self.filter(visible).distinct()

    def listed_for(self, user, archived=False):
        """Projects shown in lists, search and the sitemap (unlisted ones are left out).

        `archived=True` lists the archive instead of the current projects.
        """
        return self.visible_to(user).exclude(visibility=Visibility.UNLISTED, is_published=True).filter(
            is_archived=archived
        ) if not user.has_perm("backoffice.manage_instance") else self.filter(is_archived=archived)

    def for_cards(self, step_texts=False):
        """Projects with their themes, districts and enabled steps, in a constant number of queries.

        Lists leave out the steps' texts (`step_texts=False`); the project page needs them.
        """
        steps = Step.objects.filter(is_enabled=True)
        if not step_texts:
            steps = steps.defer("body", "settings")
        return self.select_related("cover_image").prefetch_related(
            "themes",
            models.Prefetch("districts", queryset=district_model().objects.defer("geometry")),
            models.Prefetch("steps", queryset=steps),
        )


class Project(InstanceOwned):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    cover = models.ImageField(_("cover image"), upload_to=RandomName("projects/covers"), storage=public_storage, blank=True)
    cover_alt = models.CharField(_("cover image description"), max_length=200, blank=True)
    cover_image = CoverField()  # the cover's renditions, kept in step with `cover` (participe/images)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = RichTextField(_("presentation"), blank=True)
    type_label = models.CharField(
        _("type of project"), max_length=80, blank=True, help_text=_("E.g. participatory budget, consultation.")
    )
    themes = models.ManyToManyField("website.Theme", blank=True, related_name="projects", verbose_name=_("themes"))
    districts = models.ManyToManyField(
        "website.District", blank=True, related_name="projects", verbose_name=_("districts")
    )
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC)
    allowed_groups = models.ManyToManyField(
        "accounts.ParticipantGroup", blank=True, related_name="projects", verbose_name=_("groups allowed")
    )
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="administered_projects", verbose_name=_("project administrators")
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    position = models.IntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Kept by the participation core in the same transaction as each write, never counted per view.
    contributions_count = models.PositiveIntegerField(default=0, editable=False)
    participants_count = models.PositiveIntegerField(default=0, editable=False)
    votes_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager(queryset_class=ProjectQuerySet)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["position", "-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["instance", "slug"], name="project_slug_per_instance")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.slug])

    # Steps and their states: these read `self.steps.all()`, so a prefetched list costs no query.
    def enabled_steps(self):
        return [step for step in self.steps.all() if step.is_enabled]

    def current_step(self, moment=None):
        """The open step, else the next one to open, else the last one."""
        moment = moment or timezone.now()
        steps = self.enabled_steps()
        dated = [s for s in steps if s.starts_at or s.ends_at]
        for wanted in (StepState.OPEN, StepState.FUTURE):
            for step in dated:
                if step.state(moment) == wanted:
                    return step
        if dated:
            return dated[-1]
        return steps[0] if steps else None

    def phase(self, moment=None):
        """Where the project stands, judged on its dated steps (timeless steps are always open)."""
        if self.is_archived:
            return StepState.CLOSED
        moment = moment or timezone.now()
        states = {s.state(moment) for s in self.enabled_steps() if s.starts_at or s.ends_at}
        for state in (StepState.OPEN, StepState.FUTURE, StepState.CLOSED):
            if state in states:
                return state
        return StepState.OPEN

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)


# Themes and districts belong to the website app, which sits above projects (its pages list projects):
# projects reach those models through their relations, never by import.
def theme_model():
    return Project._meta.get_field("themes").related_model


def district_model():
    return Project._meta.get_field("districts").related_model


class StepQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(is_enabled=True)

    def open_at(self, moment=None):
        moment = moment or timezone.now()
        return self.enabled().filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=moment), Q(ends_at__isnull=True) | Q(ends_at__gt=moment)
        )


class Step(InstanceOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps", verbose_name=_("project"))
    type = models.CharField(_("type"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    body = RichTextField(_("text"), blank=True)
    cover = models.ImageField(_("cover image"), upload_to=RandomName("steps/covers"), storage=public_storage, blank=True)
    cover_alt = models.CharField(
        _("cover image description"), max_length=200, blank=True, help_text=_("Leave empty if the image is decorative.")
    )
    cover_image = CoverField()
    starts_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("closes at"), null=True, blank=True, help_text=_("Leave both dates empty for a timeless step."))
    is_enabled = models.BooleanField(_("enabled"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    settings = models.JSONField(_("settings of the step type"), default=dict, blank=True)
    # Participation requirements, e.g. ["confirmed_email", "zip_code"]; see projects/requirements.py.
    requirements = models.JSONField(_("participation requirements"), default=list, blank=True)
    contributions_count = models.PositiveIntegerField(default=0, editable=False)
    votes_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager(queryset_class=StepQuerySet)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["project", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="step_slug_per_project"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="step_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.project} — {self.title}"

    def clean(self):
        if self.type not in step_types:
            raise ValidationError({"type": _("Unknown step type.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A step must close after it opens.")})

    @property
    def step_type(self):
        return step_types.get(self.type)

    def state(self, moment=None):
        moment = moment or timezone.now()
        if self.starts_at and moment < self.starts_at:
            return StepState.FUTURE
        if self.ends_at and moment >= self.ends_at:
            return StepState.CLOSED
        return StepState.OPEN

    @property
    def is_open(self):
        return self.is_enabled and self.state() == StepState.OPEN

    def allows(self, action, moment=None):
        step_type = self.step_type
        return bool(self.is_enabled and step_type and step_type.allows(action, self.state(moment)))

    def get_absolute_url(self):
        return reverse("projects:step", args=[self.project.slug, self.slug])


class ParticipantIdentity(InstanceOwned):
    """First and last name, asked only by steps that require them (never shown publicly)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity", verbose_name=_("account")
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant identity")
        verbose_name_plural = _("participant identities")

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


class StepConsent(InstanceOwned):
    """Proof that a participant ticked a step's consent checkbox: who, which text, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="step_consents", verbose_name=_("account")
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="consents", verbose_name=_("step"))
    key = models.SlugField(_("consent"), max_length=60)
    text = models.TextField(_("text agreed to"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [models.UniqueConstraint(fields=["user", "step", "key"], name="one_consent_per_step_and_key")]

    def __str__(self):
        return f"{self.user} — {self.step} — {self.key}"
