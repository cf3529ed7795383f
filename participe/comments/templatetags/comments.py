"""`{% load comments %}{% comment_thread obj %}`: the comments of an object and the form to add one.

A page of threads costs a constant number of queries: the count, the page of first
comments, their replies (authors and steps joined), and the visitor's likes.
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.urls import reverse

from participe.comments import services
from participe.comments.forms import AnonymousCommentForm, CommentForm
from participe.comments.models import Comment
from participe.votes.services import annotate_my_votes

register = template.Library()

THREADS_PER_PAGE = 20


def thread_queryset(target, user):
    replies = (
        Comment.objects.visible_to(user)
        .select_related("author", "step", "in_reply_to")
        .order_by("created_at", "pk")
    )
    return (
        Comment.objects.on(target)
        .roots()
        .visible_to(user)
        .select_related("author", "step")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, obj):
    request = context["request"]
    instance = getattr(request, "instance", None)
    if instance is None or not instance.has_feature("comments"):
        return {"enabled": False}
    user = request.user
    step = services.comment_step(obj)
    page = Paginator(thread_queryset(obj, user), THREADS_PER_PAGE).get_page(request.GET.get("comments_page"))
    roots = list(page.object_list)
    everything = [comment for root in roots for comment in (root, *root.replies.all())]
    annotate_my_votes(user, everything)

    is_open = step is None or step.allows("comment")
    anonymous_ok = services.anonymous_allowed(step)
    can_comment = is_open and (
        user.has_perm("comments.add_comment", obj) if user.is_authenticated else anonymous_ok
    )
    form_class = CommentForm if user.is_authenticated else AnonymousCommentForm
    return {
        "enabled": True,
        "request": request,
        "user": user,
        "instance": instance,
        "target": obj,
        "page": page,
        "threads": roots,
        "is_open": is_open,
        "can_comment": can_comment,
        "login_to_comment": is_open and not user.is_authenticated and not anonymous_ok,
        "form": form_class(target=obj, user=user, auto_id="id_new_comment_%s") if can_comment else None,
        "action": reverse("comments:add", args=[ContentType.objects.get_for_model(obj).pk, obj.pk]),
        "next": request.get_full_path(),
    }
