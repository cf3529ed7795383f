"""What a file is, decided by its content (magic bytes), never by its name or the browser's claim."""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from participe.core.uploads import clean_image

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class CheckedFile:
    upload: object  # a File to store (images are the re-encoded copy)
    kind: str  # "image" or "document"
    content_type: str
    extension: str


def _head(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _office_type(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT, "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX, "docx"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def check_upload(upload, images=True, documents=True):
    """A CheckedFile, or ValidationError with a message for the participant."""
    if upload is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    head = _head(upload)
    if documents and head.startswith(b"%PDF-"):
        kind = ("application/pdf", "pdf")
    elif documents and head.startswith(b"PK\x03\x04"):
        kind = _office_type(upload)
    else:
        kind = None
    if kind is not None:
        if upload.size > MAX_DOCUMENT_BYTES:
            raise ValidationError(_("The document is too large (10 MB at most)."))
        return CheckedFile(upload, "document", *kind)
    if images:
        image = clean_image(upload)  # raises its own clear message for non-images
        return CheckedFile(image, "image", image.content_type, image.name.rsplit(".", 1)[-1])
    raise ValidationError(_("Accepted documents: PDF, OpenDocument text (ODT) or Word (DOCX)."))
