"""The document tree of a consultation: its sections and articles, ordered, edited and reordered without JavaScript."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from participe.core.params import parse_id
from participe.gestion.access import staff_view
from participe.modules.consultation import editing
from participe.modules.consultation.gestion.forms import (
    PARTICIPATION_FIELDS,
    ArticleForm,
    ConsultationForm,
    ParticipationForm,
    SectionForm,
)
from participe.modules.consultation.gestion.lookups import article_or_404, consultation_or_404, section_or_404
from participe.modules.consultation.models import Opinion, Section
from participe.projects.registry import StepState

PERMISSION = "gestion.view_projects"


def tree_of(consultation):
    """The sections in reading order, each with its articles: two queries whatever the size of the text."""
    sections = list(Section.objects.filter(consultation=consultation).order_by("path"))
    articles = {}
    for article in Opinion.objects.filter(consultation=consultation, is_official=True).order_by("position", "pk").only(
        "pk", "title", "section_id", "position", "votes_total", "amendments_count"
    ):
        articles.setdefault(article.section_id, []).append(article)
    for section in sections:
        section.articles = articles.get(section.pk, [])
        section.indent = min(section.depth, 4)
    return sections


def document_url(consultation, anchor=""):
    return reverse("gestion:consultation:document", args=[consultation.pk]) + (f"#{anchor}" if anchor else "")


def _page(request, template, context, form=None):
    return render(request, template, context, status=400 if form is not None and form.errors else 200)


@staff_view(PERMISSION)
def document(request, pk):
    consultation = consultation_or_404(request, pk)
    context = {"consultation": consultation, "step": consultation.step, "sections": tree_of(consultation)}
    return render(request, "consultation/gestion/document.html", context)


@staff_view(PERMISSION)
def consultation_edit(request, pk):
    consultation = consultation_or_404(request, pk)
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The document is saved."))
        return redirect(document_url(consultation))
    context = {"consultation": consultation, "step": consultation.step, "form": form}
    return _page(request, "consultation/gestion/consultation_form.html", context, form)


@staff_view(PERMISSION)
def section_add(request, pk):
    consultation = consultation_or_404(request, pk)
    parent = None
    raw_parent = request.GET.get("parent") or request.POST.get("parent")
    if raw_parent:
        parent = Section.objects.filter(consultation=consultation, pk=parse_id(raw_parent)).first()
        if parent is None:
            raise BadRequest(_("This section does not belong to the document."))
    form = SectionForm(request.POST or None, instance=Section(consultation=consultation, parent=parent))
    if request.method == "POST" and form.is_valid():
        section = form.save(commit=False)
        section.position = editing.next_position(consultation, parent)
        section.save()
        messages.success(request, _("The section is added."))
        return redirect(document_url(consultation, f"section-{section.pk}"))
    context = {"consultation": consultation, "step": consultation.step, "form": form, "parent": parent}
    return _page(request, "consultation/gestion/section_form.html", context, form)


@staff_view(PERMISSION)
def section_edit(request, pk):
    section = section_or_404(request, pk)
    consultation = section.consultation
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            inside = form.cleaned_data["inside"]
            if (inside.pk if inside else None) != section.parent_id:
                editing.reparent_section(section, inside)
        messages.success(request, _("The section is saved."))
        return redirect(document_url(consultation, f"section-{section.pk}"))
    context = {"consultation": consultation, "step": consultation.step, "form": form, "section": section}
    return _page(request, "consultation/gestion/section_form.html", context, form)


@staff_view(PERMISSION)
def section_delete(request, pk):
    section = section_or_404(request, pk)
    consultation = section.consultation
    blocked = editing.section_has_contributions(section)
    if request.method == "POST" and not blocked:
        editing.delete_section(section)
        messages.success(request, _("The section is deleted."))
        return redirect(document_url(consultation))
    context = {"consultation": consultation, "step": consultation.step, "object": section, "blocked": blocked,
               "what": _("the section “%(title)s”, its sub-sections and their articles") % {"title": section.title}}
    return render(request, "consultation/gestion/delete.html", context, status=409 if blocked and request.method == "POST" else 200)


def _direction(request):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise BadRequest(_("Choose to move up or down."))
    return direction


@require_POST
@staff_view(PERMISSION)
def section_move(request, pk):
    section = section_or_404(request, pk)
    editing.move_section(section, _direction(request))
    messages.success(request, _("The order of the sections is saved."))
    return redirect(document_url(section.consultation, f"section-{section.pk}"))


def _text_is_public(step):
    """Once participants can read the text, an edit writes the final text and keeps the one put up for the diff."""
    return step.is_enabled and step.state() != StepState.FUTURE


@staff_view(PERMISSION)
def article_add(request, pk):
    section = section_or_404(request, pk)
    consultation = section.consultation
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        article = editing.add_article(section, request.user, form.cleaned_data["title"], form.cleaned_data["body"])
        messages.success(request, _("The article is added."))
        return redirect(document_url(consultation, f"article-{article.pk}"))
    context = {"consultation": consultation, "step": consultation.step, "form": form, "section": section}
    return _page(request, "consultation/gestion/article_form.html", context, form)


@staff_view(PERMISSION)
def article_edit(request, pk):
    article = article_or_404(request, pk)
    consultation = article.consultation
    public = _text_is_public(consultation.step)
    form = ArticleForm(request.POST or None, initial={"title": article.title, "body": article.body})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            article.title = form.cleaned_data["title"]
            article.body = form.cleaned_data["body"]
            fields = ["title", "body", "updated_at"]
            if not public:
                article.original_body = article.body
                fields.append("original_body")
            article.save(update_fields=fields)
        messages.success(request, _("The article is saved."))
        return redirect(document_url(consultation, f"article-{article.pk}"))
    context = {"consultation": consultation, "step": consultation.step, "form": form, "section": article.section,
               "article": article, "public": public}
    return _page(request, "consultation/gestion/article_form.html", context, form)


@staff_view(PERMISSION)
def article_delete(request, pk):
    article = article_or_404(request, pk)
    consultation = article.consultation
    blocked = editing.article_has_contributions(article)
    if request.method == "POST" and not blocked:
        editing.delete_article(article)
        messages.success(request, _("The article is deleted."))
        return redirect(document_url(consultation, f"section-{article.section_id}"))
    context = {"consultation": consultation, "step": consultation.step, "object": article, "blocked": blocked,
               "what": _("the article “%(title)s”") % {"title": article.title}}
    return render(request, "consultation/gestion/delete.html", context, status=409 if blocked and request.method == "POST" else 200)


@require_POST
@staff_view(PERMISSION)
def article_move(request, pk):
    article = article_or_404(request, pk)
    editing.move_article(article, _direction(request))
    messages.success(request, _("The order of the articles is saved."))
    return redirect(document_url(article.consultation, f"article-{article.pk}"))


@staff_view(PERMISSION)
def participation(request, pk):
    """Who may propose, amend, argue, add sources and how they vote, for every section at once."""
    consultation = consultation_or_404(request, pk)
    sections = Section.objects.filter(consultation=consultation)
    holding = sections.filter(opinions__is_official=True).distinct()
    sample = holding.first() or sections.first()
    initial = {name: getattr(sample, name) for name in PARTICIPATION_FIELDS} if sample else {}
    form = ParticipationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in PARTICIPATION_FIELDS}
        targets = Section.objects.filter(pk__in=holding.values("pk")) if form.cleaned_data["only_sections_with_articles"] else sections
        changed = targets.update(**values)
        messages.success(request, ngettext("The participation settings are applied to %(n)d section.",
                                           "The participation settings are applied to %(n)d sections.", changed) % {"n": changed})
        return redirect(document_url(consultation))
    context = {"consultation": consultation, "step": consultation.step, "form": form}
    return _page(request, "consultation/gestion/participation.html", context, form)
