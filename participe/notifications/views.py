from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from participe.notifications.forms import PreferencesForm
from participe.notifications.kinds import KINDS
from participe.notifications.models import Digest, Notification
from participe.notifications.services import preferences_for
from participe.notifications.unsubscribe import read_unsubscribe_token


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).order_by("-created_at", "-pk")
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def open_notification(request, pk):
    """Marks one's own notification read and goes to what it is about."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return redirect(url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    Notification.objects.filter(user=request.user).unread().update(read_at=timezone.now())
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    current = preferences_for(request.user)
    form = PreferencesForm(request.POST or None, user=request.user, preferences=current)
    if request.method == "POST" and form.is_valid():
        form.save(current)
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: mail providers POST without a CSRF token; the signed token is the credential
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    payload = read_unsubscribe_token(token, request.instance)
    account = payload and get_user_model().objects.filter(pk=payload["u"]).first()
    if not account:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    kind = payload["k"]
    label = _("the daily summary") if kind == "digest" else (KINDS[kind].label if kind in KINDS else kind)
    if request.method == "POST":
        current = preferences_for(account)
        if kind == "digest":
            current.digest = Digest.NEVER
        elif kind not in current.email_off:
            current.email_off = [*current.email_off, kind]
        current.save()
        return render(request, "notifications/unsubscribe_done.html", {"label": label})
    return render(request, "notifications/unsubscribe_confirm.html", {"label": label, "account": account})
