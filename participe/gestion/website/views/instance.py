"""The instance's look, its settings and its legal pages: one form each on the Instance row.

Saving the instance purges its cached pages and forgets the host's cached instance (instances' signals),
so the new logo or colours show on the next page a visitor opens.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from participe.core.generations import purge
from participe.gestion.access import staff_view
from participe.gestion.website.forms import LegalForm, LookForm, SettingsForm
from participe.instances.models import Instance

PAGES = {
    "look": (LookForm, gettext_lazy("The site's look"), gettext_lazy("The look is saved.")),
    "settings": (SettingsForm, gettext_lazy("Site settings"), gettext_lazy("The settings are saved.")),
    "legal": (LegalForm, gettext_lazy("Legal pages"), gettext_lazy("The legal pages are saved.")),
}


def _edit(request, page):
    form_class, title, saved = PAGES[page]
    instance = Instance.objects.get(pk=request.instance.pk)  # a fresh row, not the one cached for the host
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        purge(instance.pk)
        messages.success(request, saved)
        return redirect(f"gestion:website:{page}")
    context = {"form": form, "title": title, "page": page, "instance": instance}
    return render(request, "gestion/website/instance_form.html", context, status=400 if form.errors else 200)


@staff_view("gestion.manage_website")
def look(request):
    return _edit(request, "look")


@staff_view("gestion.manage_website")
def settings(request):
    return _edit(request, "settings")


@staff_view("gestion.manage_website")
def legal(request):
    return _edit(request, "legal")

