"""Where uploads live: the public storage (published content's images, served under MEDIA_URL) and the
private storage (PRIVATE_MEDIA_ROOT, outside any URL: served only by views that check who asks).

Every upload gets a random name from `RandomName`: a participant's file name never becomes a path, so a
file can neither be guessed nor collide, and the name's length is bounded whatever the upload says.
"""

import os
import re
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

EXTENSION = re.compile(r"^[a-z0-9]{1,8}$")


class PublicStorage(FileSystemStorage):
    """MEDIA_ROOT/public, read at each use so that a test's MEDIA_ROOT applies."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "public")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return settings.MEDIA_URL


class PrivateStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT: no URL, on purpose (see participe.core.private_files)."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A private file has no public URL: link to the view that serves it.")


def public_storage():
    return storages["public"]


def private_storage():
    return storages["private"]


def safe_extension(filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    return extension if EXTENSION.match(extension) else "bin"


@deconstructible
class RandomName:
    """upload_to: `<folder>/<instance id>/<32 random hex digits>.<extension>`."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, obj, filename):
        is_instance = obj._meta.label == "instances.Instance"
        owner = (obj.pk if is_instance else getattr(obj, "instance_id", None)) or "platform"
        return f"{self.folder}/{owner}/{uuid.uuid4().hex}.{safe_extension(filename)}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)
