"""The response that hands out a private file, once the view has checked the instance, the object's
visibility and the asker's permission.

Anything but a re-encoded raster image is downloaded, never shown (Content-Disposition: attachment), the
browser may not guess another type (nosniff), shared caches keep nothing (private). With
PRIVATE_MEDIA_ACCEL_PREFIX set, the reverse proxy sends the bytes (X-Accel-Redirect to an `internal`
location, see docs/deployment.md) and Python only says which file.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

INLINE_SAFE = {"image/jpeg", "image/png", "image/webp"}
SANDBOX = "default-src 'none'; img-src 'self'; sandbox"


def private_file_response(field_file, filename, content_type=None, inline_image=False, cache="private"):
    """`inline_image`: the caller knows the file is an image we re-encoded (only then may it be shown)."""
    if not field_file or not field_file.name:
        raise Http404
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    as_attachment = not (inline_image and content_type in INLINE_SAFE)
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(field_file.name)}"
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        try:
            handle = field_file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = cache
    return response

