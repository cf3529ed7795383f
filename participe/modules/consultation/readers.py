"""An institution's text read from an uploaded Markdown, .docx or .odt file, as HTML for document.import_document.

Word and LibreOffice headings keep their level; a short paragraph that starts like "Article 3" (how
bills are often typed, in bold rather than as a heading) becomes an article heading below the
deepest heading of the document. Lists, bold and italics survive; images and layout do not.
"""

import re
import zipfile
from dataclasses import dataclass

import docx
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _
from docx.table import Table
from odf import table, teletype
from odf.namespaces import TABLENS, TEXTNS
from odf.opendocument import load

from participe.core.uploads import check_file

MAX_BYTES = 5 * 1024 * 1024
# A .docx or .odt is a zip: what it holds once unpacked is bounded too (a small file may unpack to gigabytes).
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MARKDOWN_NAMES = (".md", ".markdown", ".txt")
NUMBERED_ARTICLE = re.compile(r"^\s*(article|art\.)\s+(\d+|[ivxlc]+|premier|1er|unique)\b", re.IGNORECASE)
HEADING_STYLE = re.compile(r"(heading|titre|title|überschrift)\s*(\d)", re.IGNORECASE)


@dataclass
class Read:
    text: str
    is_markdown: bool
    kind: str  # "markdown", "docx" or "odt"


def read_upload(upload):
    """The text of `upload`, or a ValidationError saying in the user's language why it cannot be read."""
    if upload is None or not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large (%(n)d MB at most).") % {"n": MAX_BYTES // (1024 * 1024)})
    name = (upload.name or "").lower()
    upload.seek(0)
    if upload.read(4) == b"PK\x03\x04":
        upload.seek(0)
        return _read_office(upload)
    if name.endswith(MARKDOWN_NAMES):
        return Read(_decode(upload), True, "markdown")
    raise ValidationError(_("This type of file is not accepted. Accepted: Markdown (.md), Word (.docx), OpenDocument (.odt)."))


def _decode(upload):
    upload.seek(0)
    data = upload.read()
    if b"\x00" in data:
        raise ValidationError(_("This file is not a text file."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("This file is not a text file."))  # pragma: no cover - cp1252 decodes nearly anything


def _read_office(upload):
    try:
        checked = check_file(upload, ("office",), max_bytes=MAX_BYTES)
    except ValidationError:
        raise ValidationError(_("This file is damaged or is not a Word or OpenDocument text.")) from None
    if checked.extension not in ("docx", "odt"):
        raise ValidationError(_("This file is a spreadsheet: give a Word (.docx) or OpenDocument (.odt) text."))
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ValidationError(_("This document is too large once unpacked."))
        upload.seek(0)
        blocks = _docx_blocks(upload) if checked.extension == "docx" else _odt_blocks(upload)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure on a user's file is one clear refusal, never a 500
        raise ValidationError(_("This file is damaged or is not a Word or OpenDocument text.")) from None
    return Read(_html(blocks), False, checked.extension)


# A block: ("heading", level, html) | ("p", 0, html) | ("li", ordered, html) | ("table", 0, html)


def _html(blocks):
    deepest = max((level for kind, level, _html in blocks if kind == "heading"), default=0)
    article_level = min(deepest + 1, 5)
    out, open_list = [], None
    for kind, level, html in blocks:
        if kind == "p" and _is_numbered_article(html):
            kind, level = "heading", article_level
        wanted_list = ("ol" if level else "ul") if kind == "li" else None
        if open_list and open_list != wanted_list:
            out.append(f"</{open_list}>")
            open_list = None
        if wanted_list and not open_list:
            out.append(f"<{wanted_list}>")
            open_list = wanted_list
        if kind == "heading":
            tag = f"h{min(level + 1, 6)}"  # the sanitiser keeps h2–h6: level 1 is <h2>
            out.append(f"<{tag}>{html}</{tag}>")
        elif kind == "li":
            out.append(f"<li>{html}</li>")
        elif kind == "table":
            out.append(html)
        else:
            out.append(f"<p>{html}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)


def _is_numbered_article(html):
    text = re.sub(r"<[^>]+>", "", html)
    return len(text) <= 150 and bool(NUMBERED_ARTICLE.match(text))


def _docx_blocks(upload):
    blocks = []
    for item in docx.Document(upload).iter_inner_content():
        if isinstance(item, Table):
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(cell.text.strip())}</td>" for cell in row.cells) + "</tr>" for row in item.rows
            )
            blocks.append(("table", 0, f"<table><tbody>{rows}</tbody></table>"))
            continue
        html = "".join(_docx_run(run) for run in item.runs).strip() or escape(item.text.strip())
        if not html:
            continue
        style = item.style.name if item.style is not None else ""
        heading = HEADING_STYLE.search(style)
        numbered = item._p.pPr is not None and item._p.pPr.numPr is not None
        if heading and not style.lower().startswith("title"):
            blocks.append(("heading", int(heading.group(2)), escape(item.text.strip())))
        elif style.lower() == "title":
            blocks.append(("p", 0, f"<strong>{escape(item.text.strip())}</strong>"))
        elif style.lower().startswith("list") or numbered:
            blocks.append(("li", 1 if "number" in style.lower() else 0, html))
        else:
            blocks.append(("p", 0, html))
    return blocks


def _docx_run(run):
    text = escape(run.text)
    if not text:
        return ""
    if run.bold:
        text = f"<strong>{text}</strong>"
    if run.italic:
        text = f"<em>{text}</em>"
    return text


def _odt_blocks(upload):
    blocks = []

    def text_of(element):
        return escape(" ".join(teletype.extractText(element).split()))

    def walk(element, in_list=None):
        for child in element.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            namespace, tag = child.qname
            if namespace == TEXTNS and tag == "h":
                level = int(child.getAttrNS(TEXTNS, "outline-level") or 1)
                if text_of(child):
                    blocks.append(("heading", level, text_of(child)))
            elif namespace == TEXTNS and tag == "p":
                if text_of(child):
                    blocks.append(("li", 0, text_of(child)) if in_list else ("p", 0, text_of(child)))
            elif namespace == TEXTNS and tag in ("list", "list-item", "section"):
                walk(child, in_list=True if tag != "section" else in_list)
            elif namespace == TABLENS and tag == "table":
                rows = []
                for row in child.getElementsByType(table.TableRow):
                    cells = "".join(f"<td>{text_of(cell)}</td>" for cell in row.getElementsByType(table.TableCell))
                    rows.append(f"<tr>{cells}</tr>")
                blocks.append(("table", 0, f"<table><tbody>{''.join(rows)}</tbody></table>"))

    walk(load(upload).text)
    return blocks

