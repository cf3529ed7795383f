"""Host name → instance, cached under the host (one cache read per request, no query).

An unknown host is cached too (as 0), so that probing random names costs no query either. Saving an
instance forgets the hosts of all its domains; saving or deleting a domain forgets its host.

With a shared cache (Redis) forgetting is seen by every process at once. The local-memory cache is
each process's own: there the keys also carry a stamp file's identity (var/instances.stamp), which
every change replaces, so the other processes of the machine stop reading their copies at their next
request (one stat() per request).
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from participe.instances.models import Domain, Instance

CACHE_SECONDS = 60
MAX_HOST_LENGTH = 253  # RFC 1035


def _cache():
    return caches["default"]


def _stamp_path():
    return Path(getattr(settings, "INSTANCES_STAMP_PATH", None) or Path(settings.VAR_DIR) / "instances.stamp")


def _stamp():
    """The stamp file's identity: a new file (new inode, new time) after every change; '' when shared."""
    if not isinstance(_cache(), LocMemCache):
        return ""
    try:
        found = os.stat(_stamp_path())
    except OSError:
        return "none"
    return f"{found.st_ino}.{found.st_mtime_ns}"


def _replace_stamp():
    if not isinstance(_cache(), LocMemCache):
        return
    path = _stamp_path()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".instances-stamp-")
    os.close(handle)
    os.replace(temporary, path)


def _host_key(host):
    return f"instance-host:{_stamp()}:{host}"


def normalise_host(host):
    host = (host or "").strip().lower()
    if host.startswith("["):  # IPv6 literal, e.g. [::1]:8000
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def instance_for_host(host):
    host = normalise_host(host)
    if not host or len(host) > MAX_HOST_LENGTH:
        return None
    cache, key = _cache(), _host_key(host)
    instance = cache.get(key)
    if instance is None:
        instance = Instance.objects.filter(domains__domain=host, is_active=True).first() or 0
        cache.set(key, instance, CACHE_SECONDS)
    return instance or None


def forget_host(host):
    _cache().delete(_host_key(normalise_host(host)))


@receiver(post_save, sender=Instance)
@receiver(post_delete, sender=Instance)
def _forget_instance(sender, instance, **kwargs):
    _forget(Domain.objects.filter(instance_id=instance.pk).values_list("domain", flat=True))


@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def _forget_domain(sender, instance, **kwargs):
    _forget([instance.domain])


def _forget(hosts):
    """Now, and again once the change is committed: a process reading the row in between may have
    cached what it was."""
    hosts = list(hosts)

    def forget():
        for host in hosts:
            forget_host(host)
        _replace_stamp()

    forget()
    transaction.on_commit(forget)
