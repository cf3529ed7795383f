from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from participe.attachments import services
from participe.attachments.forms import AttachmentForm
from participe.attachments.models import Attachment, Kind
from participe.attachments.registry import attachments
from participe.core.private_files import private_file_response
from participe.core.ratelimit import over_limit
from participe.follows.views import back_to
from participe.participation.targets import is_visible_to, may_see_files_of, resolve, url_of


def can_attach(user, target):
    if not user.is_authenticated or user.is_banned:
        return False
    if user.has_perm("backoffice.manage_instance"):
        return True
    return getattr(target, "author_id", None) == user.pk


@require_GET
def serve(request, pk, name):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    if not may_see_files_of(request.user, attachment.target):
        raise Http404
    return private_file_response(
        attachment.file,
        attachment.original_name,
        content_type=attachment.mime_type,
        inline_image=attachment.kind == Kind.IMAGE,
        cache="private, max-age=3600",
    )


@login_required
@require_http_methods(["GET", "POST"])
def add(request, content_type_id, object_id):
    target = resolve(content_type_id, object_id)
    if attachments.rules_for(target) is None or not is_visible_to(request.user, target):
        raise Http404
    if not can_attach(request.user, target):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "attach", request.user.pk):
            form.add_error(None, _("You have sent many files in a short time: please try again later."))
        else:
            try:
                services.attach(target, form.cleaned_data["file"], request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("The file is attached."))
                return back_to(request, target)
    status = 400 if form.errors else 200
    return render(
        request,
        "attachments/add.html",
        {"form": form, "target": target, "target_url": url_of(target), "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


@login_required
@require_POST
def delete(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    target = attachment.target
    if target is None or not can_attach(request.user, target):
        raise PermissionDenied
    services.remove(attachment)
    messages.success(request, _("The file is removed."))
    return back_to(request, target)
