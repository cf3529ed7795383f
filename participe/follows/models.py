"""A participant follows a project, a step, a contribution or a district, at a chosen level."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned, scoped_manager


class Level(models.TextChoices):
    ESSENTIAL = "essential", _("Essential: openings, closings, decisions")
    ALL = "all", _("All activity (in the daily digest)")


class FollowQuerySet(models.QuerySet):
    def of(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=obj.pk)


class Follow(InstanceOwned):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    level = models.CharField(_("notifications"), max_length=10, choices=Level.choices, default=Level.ESSENTIAL)
    created_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager(queryset_class=FollowQuerySet)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="one_follow_per_user_and_target")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_target")]

    def __str__(self):
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"
