"""Comments on any object a module declares commentable, threaded on two levels."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import scoped_manager
from participe.participation.models import Contribution, ContributionQuerySet, Status
from participe.participation.registry import participation
from participe.votes.models import LikeCounters


class CommentQuerySet(ContributionQuerySet):
    def on(self, target):
        return self.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)

    def roots(self):
        return self.filter(parent__isnull=True)

    def visible_to(self, user):
        """What a thread shows `user`: published comments, hidden ones as placeholders, and
        their own comments still awaiting moderation or confirmation."""
        shown = models.Q(status__in=[Status.PUBLISHED, Status.HIDDEN])
        if user.is_authenticated:
            shown |= models.Q(author=user, status__in=[Status.PENDING, Status.DRAFT])
        return self.filter(shown)


class Comment(Contribution, LikeCounters):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # Threads have two levels: a reply to a reply joins its thread; `in_reply_to` keeps whom it answers.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("thread")
    )
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("in reply to")
    )
    body = models.TextField(_("comment"), max_length=5000)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    # Written by staff on behalf of the institution, and shown as such.
    is_official = models.BooleanField(_("official answer"), default=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # Anonymous comments (where the step allows them): kept until the e-mail link is followed.
    anonymous_name = models.CharField(_("name"), max_length=80, blank=True)
    anonymous_email = models.EmailField(_("e-mail address"), blank=True)

    objects = scoped_manager(queryset_class=CommentQuerySet)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-is_pinned", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "parent", "status"], name="comment_thread"),
        ]

    def __str__(self):
        return self.body[:60]

    @property
    def author_name(self):
        if self.author_id is None and self.anonymous_name:
            return self.anonymous_name
        return super().author_name

    def get_absolute_url(self):
        target = self.target
        base = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
        return f"{base}#comment-{self.pk}"


participation.declare(Comment, votable="like", reportable=True)
