"""The instance's languages, and each translatable object's translations side by side.

The translations page of an object is reached from its edit page and checks the same role: the edit view's
`staff_view` permission and its own lookup (a project the person manages, a form they own…), so whoever may
edit the object may translate it, and nobody else. The default language's text is shown read only beside one
input per other language; an emptied input deletes that translation (the default language's text shows).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from participe.core.generations import purge
from participe.gestion.access import staff_view
from participe.gestion.forms_builder import views as forms_builder
from participe.gestion.views import projects, steps
from participe.gestion.website.views import content
from participe.instances.models import Instance
from participe.translations.forms import LanguagesForm, TranslationsForm
from participe.translations.languages import offered
from participe.translations.services import existing, save_translations


@dataclass(frozen=True)
class Target:
    permission: str
    get: Callable  # (request, pk) -> the object, or Http404
    edit_url: Callable  # obj -> the object's edit page
    parts: Callable = lambda obj: [obj]  # the objects translated on one page (a question and its choices)


def _website(key):
    kind = content.KINDS[key]

    def get(request, pk):
        obj = kind.model.objects.filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj

    return Target(content.object_edit.staff_permission, get, lambda obj: kind.url("edit", obj.pk))


TARGETS = {
    "project": Target(
        projects.project_edit.staff_permission,
        projects.project_or_404,
        lambda obj: reverse("gestion:project_edit", args=[obj.pk]),
    ),
    "step": Target(
        steps.step_edit.staff_permission,
        steps.step_or_404,
        lambda obj: reverse("gestion:step", args=[obj.pk]),
    ),
    "pages": _website("pages"),
    "posts": _website("posts"),
    "events": _website("events"),
    "home": _website("home"),
    "question": Target(
        forms_builder.question_edit.staff_permission,
        forms_builder.question_or_404,
        lambda obj: reverse("gestion:question", args=[obj.pk]),
        lambda obj: [obj, *obj.choices.all()],
    ),
}


@staff_view("gestion.manage_website")
def languages(request):
    instance = Instance.objects.get(pk=request.instance.pk)  # a fresh row, not the one cached for the host
    form = LanguagesForm(
        request.POST or None, instance=instance, initial={"languages": instance.offered_languages()}
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        purge(instance.pk)
        messages.success(request, _("The languages are saved."))
        return redirect("gestion:website:languages")
    context = {"form": form, "title": _("Languages"), "page": "languages", "instance": instance}
    return render(request, "gestion/website/instance_form.html", context, status=400 if form.errors else 200)


def translations(request, kind, pk):
    target = TARGETS.get(kind)
    if target is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
    if not request.user.has_perm(target.permission):
        raise PermissionDenied
    obj = target.get(request, pk)
    parts = target.parts(obj)
    # Named in the page's language ("anglais"), not in their own as the header's switch does.
    others = [
        (code, get_language_info(code)["name_translated"]) for code, _name in offered(request.instance)[1:]
    ]
    form = TranslationsForm(parts, others, existing(parts), request.POST or None)
    if request.method == "POST" and others and form.is_valid():
        for part, texts in form.texts().items():
            save_translations(part, texts)
        messages.success(request, _("The translations are saved."))
        return redirect(request.path)
    context = {
        "obj": obj,
        "form": form,
        "others": others,
        "edit_url": target.edit_url(obj),
        "default_language": get_language_info(request.instance.default_language)["name_translated"],
    }
    return render(request, "gestion/website/translations.html", context, status=400 if form.errors else 200)
