"""What a file is, decided by its content (participe.core.uploads), never by its name or the browser's claim."""

from participe.core import uploads
from participe.core.uploads import CheckedFile

__all__ = ["CheckedFile", "check_upload"]
MAX_DOCUMENT_BYTES = uploads.MAX_DOCUMENT_BYTES


def check_upload(upload, images=True, documents=True):
    """A CheckedFile, or ValidationError with a message for the participant."""
    kinds = (("image",) if images else ()) + (("pdf", "office", "text") if documents else ())
    return uploads.check_file(upload, kinds, max_bytes=MAX_DOCUMENT_BYTES)
