"""Word-level diff of two article texts, readable without colour.

Texts are compared as sequences of words, spaces and punctuation (never characters),
so an amendment shows whole words added or removed. Each change carries visually
hidden text ("added:", "removed:") for screen readers and prints, on top of the
<ins>/<del> styling.
"""

import difflib
import html
import re
from dataclasses import dataclass

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)\s*>|<br\s*/?>", re.IGNORECASE)
_TOKEN = re.compile(r"\n|\w+|[^\w\s]|[^\S\n]+", re.UNICODE)


def plain_text(rich_html):
    """The text of a rich-text body, one line per block, with no markup."""
    if not rich_html:
        return ""
    with_breaks = _BLOCK_END.sub("\n", rich_html)
    text = html.unescape(nh3.clean(with_breaks, tags=set()))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def tokens(text):
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Change:
    op: str  # "equal", "insert" or "delete"
    text: str


def word_diff(old_html, new_html):
    """The list of changes turning old into new, word by word."""
    old, new = tokens(plain_text(old_html)), tokens(plain_text(new_html))
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changes = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            changes.append(Change("delete", "".join(old[a1:a2])))
        if op in ("insert", "replace"):
            changes.append(Change("insert", "".join(new[b1:b2])))
        if op == "equal":
            changes.append(Change("equal", "".join(old[a1:a2])))
    return changes


def _lines(text):
    return "<br>".join(escape(part) for part in text.split("\n"))


def render_diff(old_html, new_html):
    """HTML with <ins>/<del> marks and their spoken labels."""
    out = []
    previous = None
    for change in word_diff(old_html, new_html):
        if change.op == "equal":
            out.append(_lines(change.text))
        elif change.text.strip():
            if previous == "delete" and change.op == "insert" and not change.text[:1].isspace():
                out.append(" ")  # a replaced word and its replacement must not read as one word
            tag = "ins" if change.op == "insert" else "del"
            label = _("added:") if change.op == "insert" else _("removed:")
            out.append(
                f'<{tag}><span class="visually-hidden">[{escape(label)} </span>{_lines(change.text)}'
                f'<span class="visually-hidden">]</span></{tag}>'
            )
        elif change.op == "insert":
            out.append(_lines(change.text))  # whitespace-only insertion: keep the spacing, nothing to announce
        previous = change.op
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def diff_stats(old_html, new_html):
    """Words added and removed, for summaries ("12 words added, 3 removed")."""
    added = removed = 0
    for change in word_diff(old_html, new_html):
        words = len(re.findall(r"\w+", change.text))
        if change.op == "insert":
            added += words
        elif change.op == "delete":
            removed += words
    return added, removed
