"""Participants of the instance: search and filters, roles, ban, personal data on request, groups.

Only instance administrators open these pages. Every change is written to the action log.
"""

import json

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participe.accounts import personal_data
from participe.accounts.models import ParticipantGroup, User
from participe.actionlog.services import record
from participe.core.mail import send_email
from participe.gestion.access import staff_view
from participe.gestion.community.forms import (
    AddMemberForm,
    ConfirmForm,
    GroupForm,
    ParticipantFilterForm,
    ReasonForm,
    RolesForm,
)
from participe.moderation import services as moderation
from participe.projects.models import Project

PAGE_SIZE = 50
VIEW = "gestion.view_participants"
MANAGE = "gestion.manage_participants"
ROLE_FIELDS = ("is_instance_admin", "is_moderator", "is_analyst", "is_mediator")
ROLE_FILTERS = {
    "instance_admin": Q(is_instance_admin=True),
    "moderator": Q(is_moderator=True),
    "analyst": Q(is_analyst=True),
    "project_manager": Q(manages=True),
    "participant": Q(is_instance_admin=False, is_moderator=False, is_analyst=False, is_mediator=False, manages=False),
}


def _with_manages(users):
    through = Project.administrators.through.objects.filter(user_id=OuterRef("pk"))
    return users.annotate(manages=Exists(through))


@staff_view(VIEW)
def participant_list(request):
    filters = ParticipantFilterForm(request.GET or None)
    users = _with_manages(User.objects.filter(deleted_at__isnull=True)).defer("bio", "avatar")
    if filters.value("q"):
        query = filters.value("q").strip()
        users = users.filter(Q(display_name__icontains=query) | Q(email__icontains=query))
    if filters.value("role"):
        users = users.filter(ROLE_FILTERS[filters.value("role")])
    if filters.value("group"):
        users = users.filter(participant_groups=filters.value("group"))
    if filters.value("confirmed"):
        users = users.filter(email_confirmed_at__isnull=filters.value("confirmed") == "no")
    if filters.value("banned"):
        users = users.filter(is_banned=filters.value("banned") == "yes")
    page = Paginator(users.order_by("display_name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "gestion/community/participants.html", {"filters": filters, "page": page},
        status=400 if filters.errors else 200,
    )


def _participant(pk):
    return get_object_or_404(_with_manages(User.objects.filter(deleted_at__isnull=True)), pk=pk)


def _detail(request, person, status=200, **forms):
    projects = Project.objects.only("pk", "title").order_by("title")
    context = {
        "person": person,
        "roles_form": forms.get("roles_form")
        or RolesForm(
            projects=projects,
            initial={
                **{name: getattr(person, name) for name in ROLE_FIELDS},
                "projects": list(person.administered_projects.values_list("pk", flat=True)),
            },
        ),
        "ban_form": forms.get("ban_form") or ReasonForm(prefix="ban"),
        "groups": person.participant_groups.order_by("name"),
        "is_self": person.pk == request.user.pk,
        "person_type_id": ContentType.objects.get_for_model(User).pk,
    }
    return render(request, "gestion/community/participant.html", context, status=status)


@staff_view(VIEW)
def participant_detail(request, pk):
    return _detail(request, _participant(pk))


@require_POST
@staff_view(MANAGE)
def participant_roles(request, pk):
    person = _participant(pk)
    projects = Project.objects.only("pk", "title")
    form = RolesForm(request.POST, projects=projects)
    if person.pk == request.user.pk or person.is_superuser:
        messages.error(request, _("Your own roles, or a platform administrator's, are not changed here."))
        return redirect("gestion:participant", pk=person.pk)
    if not form.is_valid():
        return _detail(request, person, status=400, roles_form=form)
    before = {name: getattr(person, name) for name in ROLE_FIELDS}
    managed_before = set(person.administered_projects.values_list("pk", flat=True))
    managed_after = {project.pk for project in form.cleaned_data["projects"]}
    with transaction.atomic():
        for name in ROLE_FIELDS:
            setattr(person, name, form.cleaned_data[name])
        person.save(update_fields=list(ROLE_FIELDS))
        person.administered_projects.set(form.cleaned_data["projects"])
        changes = {name: form.cleaned_data[name] for name in ROLE_FIELDS if before[name] != form.cleaned_data[name]}
        if managed_after != managed_before:
            changes["projects"] = sorted(managed_after)
        if changes:
            record(request.user, "gestion.roles", person, changes)
    messages.success(request, _("The roles are saved."))
    return redirect("gestion:participant", pk=person.pk)


@require_POST
@staff_view(MANAGE)
def participant_ban(request, pk):
    person = _participant(pk)
    if request.POST.get("unban"):
        moderation.unban(person, request.user)
        messages.success(request, _("The participant may take part again."))
        return redirect("gestion:participant", pk=person.pk)
    form = ReasonForm(request.POST, prefix="ban")
    if not form.is_valid():
        return _detail(request, person, status=400, ban_form=form)
    try:
        moderation.ban(person, form.cleaned_data["reason"], request.user)
    except moderation.ModerationError as error:
        form.add_error("reason", str(error))
        return _detail(request, person, status=400, ban_form=form)
    messages.success(request, _("The participant is banned and was told why by e-mail."))
    return redirect("gestion:participant", pk=person.pk)


@staff_view(MANAGE)
def participant_export(request, pk):
    """GET: what will be handed out; POST: the participant's data as JSON, to send to them on request."""
    person = _participant(pk)
    if request.method != "POST":
        return render(request, "gestion/community/participant_export.html", {"person": person})
    record(request.user, "gestion.personal_data_export", person)
    payload = json.dumps(personal_data.collect(person), indent=2, ensure_ascii=False, default=str)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{person.pk}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view(MANAGE)
def participant_anonymise(request, pk):
    """Deletes the person on their request; their contributions stay, signed "deleted participant"."""
    person = _participant(pk)
    refused = person.pk == request.user.pk or person.is_superuser
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not refused and form.is_valid():
        email, name = person.email, person.display_name
        with transaction.atomic():
            record(request.user, "gestion.anonymise", person)
            person.anonymise()
            transaction.on_commit(lambda: send_email(request.instance, email, "account_deleted", {"name": name}))
        messages.success(request, _("The account is deleted; its contributions are signed “deleted participant”."))
        return redirect("gestion:participants")
    status = 400 if form.errors or (request.method == "POST" and refused) else 200
    context = {"person": person, "form": form, "refused": refused}
    return render(request, "gestion/community/participant_anonymise.html", context, status=status)


@staff_view(VIEW)
def group_list(request):
    groups = ParticipantGroup.objects.annotate(members_count=Count("members")).order_by("name")
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.has_perm(MANAGE):
            return redirect("gestion:groups")
        if form.is_valid():
            group = form.save()
            record(request.user, "gestion.group_create", group)
            messages.success(request, _("The group is created. Add its members now."))
            return redirect("gestion:group", pk=group.pk)
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "gestion/community/groups.html", {"page": page, "form": form}, status=400 if form.errors else 200
    )


@staff_view(VIEW)
def group_detail(request, pk):
    group = get_object_or_404(ParticipantGroup, pk=pk)
    rename = GroupForm(instance=group, prefix="group")
    add = AddMemberForm(prefix="add")
    status = 200
    if request.method == "POST" and request.user.has_perm(MANAGE):
        if "group-name" in request.POST:
            rename = GroupForm(request.POST, instance=group, prefix="group")
            if rename.is_valid():
                rename.save()
                record(request.user, "gestion.group_rename", group)
                messages.success(request, _("The group is renamed."))
                return redirect("gestion:group", pk=group.pk)
        else:
            add = AddMemberForm(request.POST, prefix="add")
            if add.is_valid():
                member = User.objects.filter(email__iexact=add.cleaned_data["email"], deleted_at__isnull=True).first()
                if member is None:
                    add.add_error("email", _("No account of this site has this e-mail address."))
                else:
                    group.members.add(member)
                    record(request.user, "gestion.group_add", group, {"member": member.pk})
                    messages.success(request, _("%(name)s is a member now.") % {"name": member.public_name})
                    return redirect("gestion:group", pk=group.pk)
        status = 400
    members = group.members.order_by("display_name", "pk").only("pk", "display_name", "email", "deleted_at")
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"group": group, "page": page, "rename": rename, "add": add, "can_manage": request.user.has_perm(MANAGE)}
    return render(request, "gestion/community/group.html", context, status=status)


@require_POST
@staff_view(MANAGE)
def group_remove(request, pk, user_pk):
    group = get_object_or_404(ParticipantGroup, pk=pk)
    member = get_object_or_404(group.members.all(), pk=user_pk)
    group.members.remove(member)
    record(request.user, "gestion.group_remove", group, {"member": member.pk})
    messages.success(request, _("%(name)s is not a member any more.") % {"name": member.public_name})
    return redirect("gestion:group", pk=group.pk)


@staff_view(MANAGE)
def group_delete(request, pk):
    group = get_object_or_404(ParticipantGroup, pk=pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record(request.user, "gestion.group_delete", group)
        group.delete()
        messages.success(request, _("The group is deleted."))
        return redirect("gestion:groups")
    status = 400 if form.errors else 200
    return render(request, "gestion/community/group_delete.html", {"group": group, "form": form}, status=status)
