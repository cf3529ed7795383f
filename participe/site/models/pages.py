"""The instance's own pages, the sections of its home page and its menus."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import RichTextField
from participe.core.storage import RandomName, public_storage
from participe.images.fields import CoverField
from participe.instances.scoping import InstanceOwned, scoped_manager


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Page(InstanceOwned):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, help_text=_("The end of the page's address."))
    body = RichTextField(_("text"), blank=True)
    cover = models.ImageField(_("cover image"), upload_to=RandomName("pages/covers"), storage=public_storage, blank=True)
    cover_alt = models.CharField(
        _("cover image description"), max_length=200, blank=True, help_text=_("Leave empty if the image is decorative.")
    )
    cover_image = CoverField()
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Shown by search engines and when the page is shared."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = scoped_manager(queryset_class=PageQuerySet)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["instance", "slug"], name="page_slug_per_instance")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("website:page", args=[self.slug])


class HomeSection(InstanceOwned):
    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        CURRENT_PROJECTS = "current_projects", _("Current projects")
        PROJECTS_MAP = "projects_map", _("Map of projects")
        UPCOMING_EVENTS = "upcoming_events", _("Upcoming events")
        LATEST_NEWS = "latest_news", _("Latest news")
        KEY_FIGURES = "key_figures", _("Key figures")
        NEWSLETTER = "newsletter", _("Newsletter call")
        CUSTOM_TEXT = "custom_text", _("Custom text")

    kind = models.CharField(_("kind of section"), max_length=20, choices=Kind.choices)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty for the default title.")
    )
    body = RichTextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_enabled = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("home page section")
        verbose_name_plural = _("home page sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or str(self.get_kind_display())


class MenuItem(InstanceOwned):
    class Location(models.TextChoices):
        MAIN = "main", _("Main menu")
        FOOTER = "footer", _("Footer")

    # Built-in destinations: name shown in the back office -> URL name.
    class Target(models.TextChoices):
        HOME = "core:home", _("Home page")
        PROJECTS = "projects:list", _("Projects")
        BLOG = "website:posts", _("News")
        AGENDA = "website:events", _("Agenda")
        THEMES = "website:themes", _("Themes")
        DISTRICTS = "website:districts", _("Districts")
        SEARCH = "search:search", _("Search")

    label = models.CharField(_("label"), max_length=80)
    location = models.CharField(_("location"), max_length=8, choices=Location.choices, default=Location.MAIN)
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("page")
    )
    url = models.URLField(_("external address"), blank=True)
    target = models.CharField(_("built-in page"), max_length=40, choices=Target.choices, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
        ordering = ["location", "position", "pk"]
        constraints = [
            # Exactly one destination: a page, an address or a built-in page.
            models.CheckConstraint(
                condition=(
                    Q(page__isnull=False, url="", target="")
                    | (Q(page__isnull=True, target="") & ~Q(url=""))
                    | (Q(page__isnull=True, url="") & ~Q(target=""))
                ),
                name="menu_item_one_destination",
            )
        ]

    def __str__(self):
        return self.label

    def clean(self):
        if sum([self.page_id is not None, bool(self.url), bool(self.target)]) != 1:
            raise ValidationError(
                _("Choose exactly one destination: a page, an external address or a built-in page.")
            )

    @property
    def href(self):
        if self.page_id:
            return reverse("website:page", args=[self.page.slug])
        if self.target:
            try:
                return reverse(self.target)
            except NoReverseMatch:  # a built-in page whose app is not installed
                return ""
        return self.url

    @property
    def view_name(self):
        return self.target or ("website:page" if self.page_id else "")
