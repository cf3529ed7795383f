"""Search snippets: the passage of a result around its first matching word, query words in <mark>.

Matching is the search's own (case and accents ignored, a query word matches the start of a text word, so
"arceau" marks "arceaux"); the text is escaped before the marks go in.
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from participe.search.backends import MAX_WORDS, fold

WORD = re.compile(r"\w+", re.UNICODE)
MIN_STEM = 3


def plain(rich_text):
    """The words of an HTML text, on one line."""
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def _stems(query):
    words = [fold(word) for word in WORD.findall(query or "")][:MAX_WORDS]
    # Stemming matches "verger" to "vergers": compare on a common start, never shorter than MIN_STEM.
    return [word[: max(MIN_STEM, len(word) - 2)] if len(word) > MIN_STEM + 2 else word for word in words]


def snippet(text, query, words=40):
    """About `words` words of `text` around the first one the query matches, escaped, matches in <mark>."""
    text = plain(text)
    stems = _stems(query)
    found = [(m.start(), m.end()) for m in WORD.finditer(text) if any(fold(m.group()).startswith(s) for s in stems)]
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    first = next((i for i, m in enumerate(tokens) if found and m.start() == found[0][0]), 0)
    begin = max(first - words // 4, 0)
    end = min(begin + words, len(tokens))
    start_char = tokens[begin].start() if begin else 0
    end_char = tokens[end - 1].end() if end < len(tokens) else len(text)
    pieces, cursor = [], start_char
    for low, high in found:
        if low < start_char or high > end_char:
            continue
        pieces += [escape(text[cursor:low]), "<mark>", escape(text[low:high]), "</mark>"]
        cursor = high
    pieces.append(escape(text[cursor:end_char]))
    return mark_safe(("… " if begin else "") + "".join(pieces) + (" …" if end_char < len(text) else ""))  # noqa: S308 - escaped above
