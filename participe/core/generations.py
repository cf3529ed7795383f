"""A per-instance number that every anonymous cached page and remembered value depends on.

Bumping it (`purge(instance_id)`) makes every page cached for that instance unreachable at once:
the page cache (core/pagecache.py) puts it in each key and the values a process remembers for two
seconds (core/recent.py) are read again when it moved. It is bumped on every change of what visitors
may see: moderation, a contribution edited, withdrawn or deleted, a project, step, page, post or event
saved, the instance's settings (name, colours, logo).

With a shared cache (Redis) the number lives there, seen by every process. The local-memory cache is
each process's own: there the number is a random token in a stamp file per instance (var/page-stamps/),
which a purge replaces at once (write, then rename), so every process of the machine sees it at its next
request (one small file read).
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction


def _cache():
    return caches["default"]


def _local():
    return isinstance(_cache(), LocMemCache)


def _stamp_dir():
    return Path(getattr(settings, "PAGE_STAMPS_DIR", None) or Path(settings.VAR_DIR) / "page-stamps")


def _key(instance_id):
    return f"page-generation:{instance_id}"


def generation(instance_id):
    """The instance's current generation (a short string), '' before its first purge."""
    if not _local():
        return str(_cache().get(_key(instance_id), ""))
    try:
        return (_stamp_dir() / f"{instance_id}.stamp").read_text()
    except OSError:
        return ""


def _bump(instance_id):
    if not _local():
        try:
            _cache().incr(_key(instance_id))
        except ValueError:  # not there yet, or evicted: a random start never meets an older number
            _cache().set(_key(instance_id), int.from_bytes(os.urandom(6)), None)
        return
    folder = _stamp_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # A random token, not the file's inode and time: two purges within one clock tick may reuse both.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".stamp-")
    with os.fdopen(handle, "w") as stamp:
        stamp.write(os.urandom(8).hex())
    os.replace(temporary, folder / f"{instance_id}.stamp")


def purge(instance_id):
    """Anonymous visitors of the instance get fresh pages from now on: now, and again once the change is
    committed (a request reading the old row in between may have cached what it saw)."""
    if instance_id is None:
        return
    _bump(instance_id)
    transaction.on_commit(lambda: _bump(instance_id))
