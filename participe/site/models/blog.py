"""News posts, linked to projects and themes; shown from their publication date on."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import RichTextField
from participe.core.storage import RandomName, public_storage
from participe.images.fields import CoverField
from participe.instances.scoping import InstanceOwned, scoped_manager


class PostQuerySet(models.QuerySet):
    def published(self, moment=None):
        return self.filter(is_published=True, published_at__lte=moment or timezone.now())


class Post(InstanceOwned):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    cover = models.ImageField(_("cover image"), upload_to=RandomName("posts/covers"), storage=public_storage, blank=True)
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty if the image is decorative."),
    )
    cover_image = CoverField()  # the cover's renditions, kept in step with `cover` (participe/images)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = RichTextField(_("text"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A future date keeps the post hidden until then."),
    )
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="posts", verbose_name=_("projects")
    )
    themes = models.ManyToManyField(
        "website.Theme", blank=True, related_name="posts", verbose_name=_("themes")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = scoped_manager(queryset_class=PostQuerySet)

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["instance", "slug"], name="post_slug_per_instance")]
        indexes = [models.Index(fields=["instance", "published_at"], name="post_publication")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("website:post", args=[self.slug])
