"""List, create, edit and delete the website's content, one `Kind` per model (pages, posts, events…).

Every view is `staff_view("gestion.manage_website")` and reads through the scoped managers, so another
instance's row is a 404. Every change purges the instance's cached pages at once.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participe.core.generations import purge
from participe.gestion.access import staff_view
from participe.gestion.website import forms
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Theme

PAGE_SIZE = 50
PERMISSION = "gestion.manage_website"


@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    form: type
    columns: tuple = ()  # (attribute, style, label) shown after the name in the list
    ordered: bool = False  # up/down buttons on a `position` field
    switch: str = ""  # a boolean field turned on and off from the list
    defer: tuple = ()
    related: tuple = field(default=())

    @property
    def plural(self):
        return self.model._meta.verbose_name_plural

    @property
    def singular(self):
        return self.model._meta.verbose_name

    def url(self, action, *args):
        return reverse(f"gestion:website:{self.key}_{action}", args=args)

    @property
    def url_list(self):
        return self.url("list")

    @property
    def url_create(self):
        return self.url("create")

    @property
    def column_labels(self):
        return [label for _attribute, _style, label in self.columns]

    def __getattr__(self, name):
        # edit_url_name, delete_url_name, switch_url_name, move_url_name for the {% url %} tag.
        if name.endswith("_url_name"):
            return f"gestion:website:{self.key}_{name.removesuffix('_url_name')}"
        raise AttributeError(name)


KINDS = {
    kind.key: kind
    for kind in [
        Kind("pages", Page, forms.PageForm, switch="is_published", defer=("body",)),
        Kind("posts", Post, forms.PostForm, columns=(("published_at", "date", gettext_lazy("Publication date")),), switch="is_published",
             defer=("body",)),
        Kind("events", Event, forms.EventForm, columns=(("starts_at", "date", gettext_lazy("Starts at")),
                                                 ("confirmed_count", "number", gettext_lazy("Registrations"))),
             switch="is_published", defer=("description",)),
        Kind("home", HomeSection, forms.HomeSectionForm, columns=(("get_kind_display", "text", gettext_lazy("Kind of section")),), ordered=True,
             switch="is_enabled", defer=("body",)),
        Kind("menus", MenuItem, forms.MenuItemForm, columns=(("get_location_display", "text", gettext_lazy("Menu")),), ordered=True,
             related=("page",)),
        Kind("themes", Theme, forms.ThemeForm, ordered=True),
        Kind("districts", District, forms.DistrictForm, columns=(("has_shape", "bool", gettext_lazy("Map shape")),), defer=("geometry",)),
    ]
}


def _rows(kind):
    rows = kind.model.objects.all()
    if kind.defer:
        rows = rows.defer(*kind.defer)
    if kind.related:
        rows = rows.select_related(*kind.related)
    if kind.model is District:
        rows = rows.annotate(has_shape=ExpressionWrapper(Q(geometry__isnull=False), output_field=BooleanField()))
    return rows


def _object(kind, pk):
    obj = _rows(kind).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _changed(request):
    purge(request.instance.pk)


@staff_view(PERMISSION)
def index(request):
    counts = {key: kind.model.objects.count() for key, kind in KINDS.items()}
    sections = [(kind, counts[key]) for key, kind in KINDS.items()]
    return render(request, "gestion/website/index.html", {"sections": sections})


@staff_view(PERMISSION)
def object_list(request, kind):
    page = Paginator(_rows(kind), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for obj in page:
        values = []
        for attribute, style, _label in kind.columns:
            value = getattr(obj, attribute)
            values.append((value() if callable(value) else value, style))
        rows.append((obj, values, getattr(obj, kind.switch) if kind.switch else None))
    return render(request, "gestion/website/list.html", {"kind": kind, "page": page, "rows": rows})


@staff_view(PERMISSION)
def object_create(request, kind):
    form = kind.form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            if kind.ordered:
                last = kind.model.objects.order_by("-position").values_list("position", flat=True).first()
                obj.position = (last or 0) + 1
            obj.save()
            form.save_m2m()
        _changed(request)
        messages.success(request, _("“%(name)s” is created.") % {"name": obj})
        return redirect(kind.url("list"))
    return render(request, "gestion/website/form.html", {"kind": kind, "form": form, "object": None},
                  status=400 if form.errors else 200)


@staff_view(PERMISSION)
def object_edit(request, kind, pk):
    obj = kind.model.objects.filter(pk=pk).first()
    if obj is None:
        raise Http404
    form = kind.form(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        _changed(request)
        messages.success(request, _("“%(name)s” is saved.") % {"name": obj})
        return redirect(kind.url("list"))
    extra = {}
    if kind.model is Event:
        extra["registrations_url"] = reverse("gestion:website:event_registrations", args=[obj.pk])
    return render(request, "gestion/website/form.html", {"kind": kind, "form": form, "object": obj, **extra},
                  status=400 if form.errors else 200)


@staff_view(PERMISSION)
def object_delete(request, kind, pk):
    obj = _object(kind, pk)
    if request.method == "POST":
        name = str(obj)
        obj.delete()
        _changed(request)
        messages.success(request, _("“%(name)s” is deleted.") % {"name": name})
        return redirect(kind.url("list"))
    return render(request, "gestion/website/delete.html", {"kind": kind, "object": obj})


@require_POST
@staff_view(PERMISSION)
def object_switch(request, kind, pk):
    if not kind.switch:
        raise Http404
    obj = _object(kind, pk)
    kind.model.objects.filter(pk=obj.pk).update(**{kind.switch: not getattr(obj, kind.switch)})
    _changed(request)
    return redirect(kind.url("list"))


@require_POST
@staff_view(PERMISSION)
def object_move(request, kind, pk):
    """Swap the row with its neighbour above or below (positions renumbered 1..n first, so ties never stick)."""
    if not kind.ordered:
        raise Http404
    _object(kind, pk)  # another instance's row, or none: 404 before anything else
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose to move it up or down."))
        return redirect(kind.url("list"))
    with transaction.atomic():
        rows = list(kind.model.objects.select_for_update().only("pk", "position", *_group_fields(kind)))
        target = next((row for row in rows if row.pk == pk), None)
        if target is None:
            raise Http404
        group = [row for row in rows if all(getattr(row, f) == getattr(target, f) for f in _group_fields(kind))]
        index = group.index(target)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(group):
            group[index], group[other] = group[other], group[index]
        changed = []
        for position, row in enumerate(group, start=1):
            if row.position != position:
                row.position = position
                changed.append(row)
        kind.model.objects.bulk_update(changed, ["position"])
    _changed(request)
    return redirect(kind.url("list"))


def _group_fields(kind):
    # Menu items are ordered within their menu (main or footer).
    return ("location",) if kind.model is MenuItem else ()
