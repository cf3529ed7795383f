"""Host name → instance, cached under the host (one cache read per request, no query).

An unknown host is cached too (as 0), so that probing random names costs no query either. Saving an
instance forgets the hosts of all its domains; saving or deleting a domain forgets its host.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from participe.instances.models import Domain, Instance

CACHE_SECONDS = 60


def _host_key(host):
    return f"instance-host:{host}"


def normalise_host(host):
    host = (host or "").strip().lower()
    if host.startswith("["):  # IPv6 literal, e.g. [::1]:8000
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def instance_for_host(host):
    host = normalise_host(host)
    if not host:
        return None
    instance = cache.get(_host_key(host))
    if instance is None:
        instance = Instance.objects.filter(domains__domain=host, is_active=True).first() or 0
        cache.set(_host_key(host), instance, CACHE_SECONDS)
    return instance or None


def forget_host(host):
    cache.delete(_host_key(normalise_host(host)))


@receiver(post_save, sender=Instance)
@receiver(post_delete, sender=Instance)
def _forget_instance(sender, instance, **kwargs):
    for domain in Domain.objects.filter(instance_id=instance.pk).values_list("domain", flat=True):
        forget_host(domain)


@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def _forget_domain(sender, instance, **kwargs):
    forget_host(instance.domain)
