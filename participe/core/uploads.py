"""Uploads judged by their content, never by their name or the browser's claim.

Images: the header is read first (width × height and byte size checked before Pillow allocates the
pixels), then decoded and re-encoded, which drops metadata and anything hidden after the image data.
Documents: PDF, zip-based office files whose manifest says what they are, plain text or CSV. Markup
(HTML, SVG, XML) is never accepted: a browser would run it.
"""

import io
import os
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# 16 megapixels (a 4900 × 3260 photo): at most 64 MB once decoded as RGBA, JPEG photos decode smaller (draft).
MAX_IMAGE_PIXELS = 16_000_000
# Pillow's own guard for any other caller: it warns above this and refuses twice this.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
GIF_AS = "PNG"

ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OOXML = {
    "word/document.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
MARKUP = re.compile(rb"<\s*(?:[?!]|html|svg|script|body|head|iframe|object|embed|math|xml)", re.IGNORECASE)
TEXT_CONTROLS = set(range(32)) - {9, 10, 12, 13}
KIND_LABELS = {
    "image": gettext_lazy("image (JPEG, PNG, WebP, GIF)"),
    "pdf": gettext_lazy("PDF"),
    "office": gettext_lazy("office document (ODT, ODS, DOCX, XLSX)"),
    "text": gettext_lazy("text or CSV"),
}
DOCUMENTS = ("image", "pdf", "office", "text")


@dataclass
class CheckedFile:
    upload: object  # the File to store (for an image, its re-encoded copy)
    kind: str  # one of KIND_LABELS
    content_type: str
    extension: str

    @property
    def is_image(self):
        return self.kind == "image"


def _not_an_image():
    return ValidationError(_("This file is not an image we accept (JPEG, PNG, WebP or GIF)."))


def _too_many_pixels():
    return ValidationError(
        _("The image has too many pixels (%(count)d million at most).") % {"count": MAX_IMAGE_PIXELS // 1_000_000}
    )


def _open_bounded(upload):
    """The image with only its header read, refused if decoding it would cost too much memory."""
    upload.seek(0)
    try:
        image = Image.open(upload)
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels() from exc
    if image.format not in FORMATS and image.format != "GIF":
        raise _not_an_image()
    width, height = image.size
    if width < 1 or height < 1:
        raise _not_an_image()
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels()
    return image


def clean_image(upload, max_side=2400):
    """The image re-encoded (GIF as PNG) at most `max_side` pixels wide and high, or ValidationError."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is too large (5 MB at most)."))
    try:
        with _open_bounded(upload) as probe:
            probe.verify()
        image = _open_bounded(upload)
        if image.format == "JPEG":
            image.draft("RGB", (max_side, max_side))  # decode at a reduced scale when the photo is larger
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _not_an_image() from exc
    source_format = image.format if image.format in FORMATS else GIF_AS
    image.thumbnail((max_side, max_side))
    if source_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format=source_format, quality=85) if source_format != "PNG" else image.save(out, format="PNG")
    extension, content_type = FORMATS[source_format]
    return SimpleUploadedFile(f"{_stem(upload.name, 'image')}.{extension}", out.getvalue(), content_type=content_type)


def _head(upload, size=4096):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _office_type(upload):
    """(content type, extension) of an OpenDocument or Office Open XML file, from its own manifest."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                declared = archive.read("mimetype").strip()
                if declared in ODF:
                    return declared.decode(), ODF[declared]
            if "[Content_Types].xml" in names:
                for part, kind in OOXML.items():
                    if part in names:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    return None


def _is_plain_text(upload):
    data = _head(upload, MAX_DOCUMENT_BYTES)
    if MARKUP.search(data) or any(byte in TEXT_CONTROLS for byte in data[:65536]):
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _refused(kinds):
    accepted = ", ".join(str(KIND_LABELS[kind]) for kind in kinds)
    return ValidationError(_("This type of file is not accepted. Accepted: %(kinds)s.") % {"kinds": accepted})


def check_file(upload, kinds=DOCUMENTS, max_bytes=MAX_DOCUMENT_BYTES):
    """A CheckedFile if `upload`'s content is one of `kinds` (see KIND_LABELS), else ValidationError."""
    if upload is None or not upload.size:
        raise ValidationError(_("The file is empty."))
    head = _head(upload)
    document = None
    if head.startswith(b"%PDF-"):
        document = ("pdf", "application/pdf", "pdf") if "pdf" in kinds else None
    elif head.startswith(b"PK\x03\x04"):
        office = _office_type(upload) if "office" in kinds else None
        document = ("office", *office) if office else None
    elif "image" in kinds and (head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8")) or head[8:12] == b"WEBP"):
        image = clean_image(upload)
        return CheckedFile(image, "image", image.content_type, image.name.rsplit(".", 1)[-1])
    elif "text" in kinds and _is_plain_text(upload):
        is_csv = (upload.name or "").lower().endswith(".csv")
        document = ("text", "text/csv", "csv") if is_csv else ("text", "text/plain", "txt")
    if document is None:
        raise _refused(kinds)
    if upload.size > max_bytes:
        raise ValidationError(_("The file is too large (%(n)d MB at most).") % {"n": max_bytes // (1024 * 1024)})
    kind, content_type, extension = document
    # The name and type the file is stored and served with follow its content, not the browser's claim.
    upload.name = f"{_stem(upload.name, 'file')}.{extension}"
    if hasattr(upload, "content_type"):
        upload.content_type = content_type
    return CheckedFile(upload, kind, content_type, extension)


def _stem(name, default):
    return os.path.basename(name or default).rsplit(".", 1)[0][:80] or default
