"""Import of an institution's text written in Markdown or HTML: headings become sections and articles.

The deepest heading level used in the document marks the articles (official opinions, whose
text is what follows the heading); every higher level becomes a section nested by level
(title, chapter, section). Text before the first article of a section is the section's explanation.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
from django.db import transaction
from django.db.models import F

from participe.core.richtext import sanitise
from participe.modules.consultation.models import Consultation, Opinion, Section, SectionKind

_KINDS = [SectionKind.TITLE, SectionKind.CHAPTER, SectionKind.SECTION]


@dataclass
class Block:
    level: int
    title: str
    html: list = field(default_factory=list)


class _Splitter(HTMLParser):
    """Cuts an HTML document at its h1–h6 headings, keeping the HTML between them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [Block(0, "")]
        self.heading = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = Block(int(tag[1]), "")
            return
        if self.heading is None:
            self.blocks[-1].html.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.heading is not None and re.fullmatch(r"h[1-6]", tag):
            self.heading.title = " ".join(self.heading.title.split())
            self.blocks.append(self.heading)
            self.heading = None
        elif self.heading is None:
            self.blocks[-1].html.append(f"</{tag}>")

    def handle_data(self, data):
        if self.heading is not None:
            self.heading.title += data
        else:
            self.blocks[-1].html.append(data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def split_document(text, is_markdown):
    html = markdown.markdown(text, extensions=["sane_lists"]) if is_markdown else text
    splitter = _Splitter()
    splitter.feed(sanitise(html) if not is_markdown else html)
    splitter.close()
    return [b for b in splitter.blocks if b.level or "".join(b.html).strip()]


@dataclass
class Entry:
    """One line of the preview of an import: a section (with its depth) or an article."""

    is_article: bool
    depth: int
    title: str
    words: int


def outline(text, is_markdown=True):
    """What import_document would create from `text`, in order, without writing anything; ValueError if no heading."""
    blocks = split_document(text, is_markdown)
    headed = [b for b in blocks if b.level]
    if not headed:
        raise ValueError("no heading")
    article_level = max(b.level for b in headed)
    section_levels = sorted({b.level for b in headed if b.level < article_level})
    entries, depth = [], -1
    for block in headed:
        words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", "".join(block.html))))
        if block.level < article_level:
            depth = section_levels.index(block.level)
            entries.append(Entry(False, depth, block.title, words))
        else:
            entries.append(Entry(True, depth + 1, block.title, words))
    return entries


@transaction.atomic
def import_document(consultation: Consultation, text, is_markdown=True, author=None):
    """Append the document's sections and articles to `consultation`; returns (sections, articles) created."""
    blocks = split_document(text, is_markdown)
    headed = [b for b in blocks if b.level]
    if not headed:
        raise ValueError("no heading")
    article_level = max(b.level for b in headed)
    section_levels = sorted({b.level for b in headed if b.level < article_level})
    step = consultation.step
    open_sections: dict[int, Section] = {}
    last_position = Section.objects.filter(consultation=consultation, parent=None).count()
    sections = articles = 0
    positions: dict[int | None, int] = {}
    current = None
    for block in blocks:
        body = sanitise("".join(block.html)).strip()
        if block.level == 0:
            if body:
                consultation.body = (consultation.body or "") + body
                consultation.save(update_fields=["body"])
            continue
        if block.level < article_level:
            depth = section_levels.index(block.level)
            parent = next((open_sections[lvl] for lvl in reversed(section_levels[:depth]) if lvl in open_sections), None)
            key = parent.pk if parent else None
            positions[key] = positions.get(key, last_position if parent is None else 0) + 1
            current = Section.objects.create(
                consultation=consultation, parent=parent, title=block.title[:200], body=body, position=positions[key],
                kind=_KINDS[min(depth, 2)], allows_opinions=False,
            )
            open_sections = {lvl: s for lvl, s in open_sections.items() if lvl < block.level}
            open_sections[block.level] = current
            sections += 1
            continue
        if current is None:
            current = Section.objects.create(consultation=consultation, title=consultation.title[:200], position=last_position + 1)
            sections += 1
        Opinion.objects.create(
            step=step, consultation=consultation, section=current, author=author, title=block.title[:200],
            body=body or "<p></p>", is_official=True, position=articles + 1,
        )
        Section.objects.filter(pk=current.pk).update(opinions_count=F("opinions_count") + 1)
        articles += 1
    Consultation.objects.filter(pk=consultation.pk).update(opinions_count=F("opinions_count") + articles)
    return sections, articles
