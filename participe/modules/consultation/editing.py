"""The organisers' writes on a consultation's document: order, delete, replace by an import, apply an amendment.

Nothing here destroys what participants wrote: a section or an article that carries contributions
(opinions, amendments, arguments, sources, votes) is not deleted, and a document that has any is
not replaced (a new text is appended instead).
"""

from django.db import transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Greatest

from participe.modules.consultation.document import import_document
from participe.modules.consultation.models import Amendment, Argument, Consultation, Opinion, Section, Source


class HasContributions(Exception):
    """Refused: participants have already taken part in what would be destroyed."""


def _contributions_on(opinions):
    return (
        opinions.filter(Q(is_official=False) | Q(votes_total__gt=0)).exists()
        or Amendment.objects.filter(opinion__in=opinions).exists()
        or Argument.objects.filter(opinion__in=opinions).exists()
        or Source.objects.filter(opinion__in=opinions).exists()
    )


def consultation_has_contributions(consultation):
    return _contributions_on(Opinion.objects.filter(consultation=consultation))


def _below_or_self(section):
    return Q(pk=section.pk) | Q(consultation_id=section.consultation_id, path__startswith=f"{section.path}.")


def _subtree(section):
    return Section.objects.filter(_below_or_self(section))


def section_has_contributions(section):
    return _contributions_on(Opinion.objects.filter(section__in=_subtree(section)))


def article_has_contributions(article):
    return _contributions_on(Opinion.objects.filter(pk=article.pk))


def next_position(consultation, parent):
    return (Section.objects.filter(consultation=consultation, parent=parent).aggregate(n=Max("position"))["n"] or 0) + 1


def next_article_position(section):
    return (Opinion.objects.filter(section=section, is_official=True).aggregate(n=Max("position"))["n"] or 0) + 1


def _renumber(section):
    """Save `section` and rewrite the paths of every section below it (the plan is read in path order)."""
    section.save()
    for child in Section.objects.filter(parent=section).order_by("position", "pk"):
        _renumber(child)


@transaction.atomic
def move_section(section, direction):
    """Swap `section` with its previous or next sibling; False when it is already first or last."""
    siblings = list(Section.objects.filter(consultation_id=section.consultation_id, parent_id=section.parent_id).order_by("position", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            _renumber(sibling)
    return True


@transaction.atomic
def move_article(article, direction):
    articles = list(Opinion.objects.filter(section_id=article.section_id, is_official=True).order_by("position", "pk"))
    index = next(i for i, a in enumerate(articles) if a.pk == article.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(articles):
        return False
    articles[index], articles[other] = articles[other], articles[index]
    for position, row in enumerate(articles, start=1):
        if row.position != position:
            Opinion.objects.filter(pk=row.pk).update(position=position)
    return True


@transaction.atomic
def delete_section(section):
    if section_has_contributions(section):
        raise HasContributions
    articles = Opinion.objects.filter(section__in=_subtree(section)).count()
    section.delete()
    Consultation.objects.filter(pk=section.consultation_id).update(opinions_count=Greatest(F("opinions_count") - articles, 0))


@transaction.atomic
def delete_article(article):
    if article_has_contributions(article):
        raise HasContributions
    article.delete()
    Section.objects.filter(pk=article.section_id).update(opinions_count=Greatest(F("opinions_count") - 1, 0))
    Consultation.objects.filter(pk=article.consultation_id).update(opinions_count=Greatest(F("opinions_count") - 1, 0))


@transaction.atomic
def import_text(consultation, text, is_markdown, author, replace=False):
    """Import a text into `consultation`, after its current sections when `replace` is False.

    Replacing is refused once participants have contributed: their contributions would go with the old text.
    """
    if replace:
        if consultation_has_contributions(consultation):
            raise HasContributions
        Section.objects.filter(consultation=consultation).delete()
        consultation.body = ""
        consultation.opinions_count = 0
        consultation.save(update_fields=["body", "opinions_count"])
    return import_document(consultation, text, is_markdown=is_markdown, author=author)


@transaction.atomic
def apply_amendment(amendment):
    """The retained amendment's wording becomes the article's final text (its original stays for the diff)."""
    article = amendment.opinion
    article.body = amendment.body
    article.save(update_fields=["body", "updated_at"])
    return article


@transaction.atomic
def add_article(section, author, title, body):
    """An article of the institution's text, last of its section (published like an imported one)."""
    article = Opinion.objects.create(
        step=section.consultation.step, consultation=section.consultation, section=section, author=author,
        title=title, body=body, is_official=True, position=next_article_position(section),
    )
    Section.objects.filter(pk=section.pk).update(opinions_count=F("opinions_count") + 1)
    Consultation.objects.filter(pk=section.consultation_id).update(opinions_count=F("opinions_count") + 1)
    return article


@transaction.atomic
def reparent_section(section, parent):
    """Put `section` (with everything below it) last inside `parent`, or at the top level when None."""
    if parent is not None and (parent.pk == section.pk or parent.path.startswith(f"{section.path}.")):
        raise ValueError("a section cannot go inside itself")
    section.parent = parent
    section.position = next_position(section.consultation, parent)
    _renumber(section)


def parent_choices(section_or_consultation):
    """The sections a section may sit in: any of its document's, except itself and those below it."""
    if isinstance(section_or_consultation, Section):
        section = section_or_consultation
        return Section.objects.filter(consultation_id=section.consultation_id).exclude(_below_or_self(section)).order_by("path")
    return Section.objects.filter(consultation=section_or_consultation).order_by("path")
