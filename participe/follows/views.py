from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from participe.core.ratelimit import over_limit
from participe.core.views import too_many_requests
from participe.follows.links import read_unfollow_token
from participe.follows.models import Follow, Level
from participe.follows.services import follow, unfollow
from participe.participation.targets import is_visible_to, load_targets, resolve, url_of


class FollowForm(forms.Form):
    level = forms.ChoiceField(label=_("Notifications"), choices=Level.choices, initial=Level.ESSENTIAL)


def back_to(request, obj=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect((obj is not None and url_of(obj)) or "/")


def _followable(request, content_type_id, object_id):
    obj = resolve(content_type_id, object_id, feature="followable")
    if not is_visible_to(request.user, obj):
        raise Http404
    return obj


@login_required
@require_POST
def follow_view(request, content_type_id, object_id):
    obj = _followable(request, content_type_id, object_id)
    if over_limit(request, "follow", request.user.pk):
        return too_many_requests(request, _("Too many requests: please wait a minute and try again."), url_of(obj))
    form = FollowForm(request.POST)
    level = form.cleaned_data["level"] if form.is_valid() else Level.ESSENTIAL
    follow(request.user, obj, level)
    messages.success(request, _("You follow “%(name)s”.") % {"name": obj})
    return back_to(request, obj)


@login_required
@require_POST
def unfollow_view(request, content_type_id, object_id):
    obj = resolve(content_type_id, object_id, feature="followable")
    if unfollow(request.user, obj):
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": obj})
    return back_to(request, obj)


@login_required
def my_follows(request):
    from django.core.paginator import Paginator

    page = Paginator(Follow.objects.filter(user=request.user).order_by("-created_at", "-pk"), 30).get_page(
        request.GET.get("page")
    )
    targets = load_targets((f.content_type_id, f.object_id) for f in page)
    rows = [(f, targets.get((f.content_type_id, f.object_id))) for f in page]
    return render(request, "follows/mine.html", {"page": page, "rows": rows})


@csrf_exempt  # the signed token is the credential; mail clients post RFC 8058 one-click without a CSRF token
@require_http_methods(["GET", "POST"])
def stop_following(request, token):
    """From an e-mail: GET asks for confirmation (link scanners must not unfollow), POST unfollows."""
    payload = read_unfollow_token(token, request.instance)
    if payload is None:
        return render(request, "follows/stop_invalid.html", status=400)
    user = get_user_model().objects.filter(pk=payload["u"]).first()
    follows = Follow.objects.filter(user_id=payload["u"], content_type_id=payload["c"], object_id=payload["o"])
    if request.method == "POST":
        follows.delete()
        return render(request, "follows/stop_done.html", {"account": user})
    return render(request, "follows/stop_confirm.html", {"account": user, "following": follows.exists()})
