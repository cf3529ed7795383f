from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participe.comments import services
from participe.comments.forms import AnonymousCommentForm, CommentForm, EditCommentForm
from participe.comments.models import Comment
from participe.core.links import absolute_url
from participe.core.mail import send_email
from participe.core.ratelimit import client_ip, over_limit
from participe.participation import gate
from participe.participation.access import declared_target, project_visible, safe_next
from participe.participation.models import Status
from participe.projects.requirements import pending_post


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, status, message, back="/"):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "comments/refused.html", {"message": message, "back": back}, status=status)


def _target_url(target):
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"


def _commentable(request, content_type_id, object_id):
    if not request.instance.has_feature("comments"):
        raise Http404
    target = declared_target(content_type_id, object_id, "commentable")
    step = services.comment_step(target)
    if not project_visible(request.user, step):
        raise Http404
    return target, step


@require_http_methods(["GET", "POST"])
def add(request, content_type_id, object_id):
    """Post a comment or a reply. GET shows the form alone (e.g. after completing requirements)."""
    target, step = _commentable(request, content_type_id, object_id)
    back = safe_next(request, _target_url(target))
    decision = gate.check(
        request.user, "comment", target, step=step, anonymous=services.anonymous_allowed(step),
        next_url=request.get_full_path(),
    )
    if not decision:
        if decision.link or decision.reason == gate.Reason.NOT_FOUND:
            return gate.refuse(request, decision)
        closed = decision.reason == gate.Reason.STEP_NOT_OPEN
        return _refused(request, 403, _("Comments are closed in this step.") if closed else decision.message, back)
    anonymous = not request.user.is_authenticated

    form_class = AnonymousCommentForm if anonymous else CommentForm
    data = request.POST if request.method == "POST" else _kept_post(request)
    form = form_class(data, target=target, user=request.user, initial={"parent": request.GET.get("parent")})
    if request.method == "POST":
        key = client_ip(request) if anonymous else request.user.pk
        if over_limit(request, "comment", key):
            return _refused(request, 429, _("You have posted too many comments in a short time. Please wait."), back)
        if form.is_valid():
            return _posted(request, target, form, back)
    if _wants_json(request) and form.errors:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    context = {"form": form, "target": target, "back": back, "anonymous": anonymous}
    return render(request, "comments/form_page.html", context, status=400 if form.errors else 200)


def _kept_post(request):
    """What the visitor typed before being sent to complete the step's requirements."""
    return pending_post(request)


def _posted(request, target, form, back):
    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    comment = services.post_comment(
        target,
        data["body"],
        author=user,
        parent=data.get("parent"),
        official=data.get("is_official", False),
        name=data.get("name", ""),
        email=data.get("email", ""),
    )
    if user is None:
        link = absolute_url(request.instance, reverse("comments:confirm", args=[services.confirmation_token(comment)]))
        send_email(request.instance, comment.anonymous_email, "comment_confirm", {"comment": comment, "link": link})
        notice = _("Thank you! Follow the link we sent to your e-mail address to publish your comment.")
    elif comment.awaiting_confirmation:
        notice = _("Your comment is saved. It will be published once your e-mail address is confirmed.")
    elif comment.status == Status.PENDING:
        notice = _("Thank you! Your comment will be published once a moderator has read it.")
    else:
        notice = _("Your comment is published.")
    if _wants_json(request):
        html = render_to_string("comments/comment.html", {"comment": comment, "user": request.user}, request=request)
        return JsonResponse({"id": comment.pk, "status": comment.status, "message": notice, "html": html}, status=201)
    messages.success(request, notice)
    return redirect(f"{back.split('#')[0]}#comment-{comment.pk}")


def _own_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("step"), pk=pk)
    if comment.status in (Status.DELETED, Status.TRASHED):
        raise Http404
    return comment


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = _own_comment(request, pk)
    back = safe_next(request, comment.get_absolute_url())
    if not request.user.has_perm("comments.change_comment", comment):
        if comment.author_id == request.user.pk:
            return _refused(request, 403, _("This comment can no longer be edited."), back)
        return _refused(request, 403, _("You may only edit your own comments."), back)
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        services.edit_comment(comment, request.user, form.cleaned_data["body"].strip())
        if _wants_json(request):
            return JsonResponse({"id": comment.pk, "body": comment.body})
        messages.success(request, _("Your comment is changed."))
        return redirect(back)
    if _wants_json(request) and form.errors:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    context = {"form": form, "comment": comment, "back": back}
    return render(request, "comments/edit.html", context, status=400 if form.errors else 200)


@require_POST
def trash(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login("/")
    comment = _own_comment(request, pk)
    back = safe_next(request, comment.get_absolute_url().split("#")[0])
    if not request.user.has_perm("comments.trash_comment", comment):
        return _refused(request, 403, _("You may only withdraw your own comments."), back)
    services.trash_comment(comment)
    if _wants_json(request):
        return JsonResponse({"id": comment.pk, "status": comment.status})
    messages.success(request, _("Your comment is withdrawn."))
    return redirect(back)


@require_POST
def pin(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login("/")
    comment = _own_comment(request, pk)
    back = safe_next(request, comment.get_absolute_url())
    if not request.user.has_perm("comments.pin_comment", comment):
        return _refused(request, 403, _("Only moderators may pin comments."), back)
    if comment.parent_id is not None:
        return _refused(request, 400, _("Only the first comment of a thread can be pinned."), back)
    pinned = services.toggle_pin(comment, request.user)
    if _wants_json(request):
        return JsonResponse({"id": comment.pk, "is_pinned": pinned})
    messages.success(request, _("The comment is pinned.") if pinned else _("The comment is no longer pinned."))
    return redirect(back)


def confirm(request, token):
    comment = services.confirm_anonymous(token, request.instance)
    if comment is None:
        return render(request, "comments/confirm.html", {"comment": None}, status=400)
    return render(request, "comments/confirm.html", {"comment": comment})
