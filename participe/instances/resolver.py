"""Host name → instance, cached (host → id, id → instance) so a request costs no query for it."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from participe.instances.models import Domain, Instance

CACHE_SECONDS = 60


def _host_key(host):
    return f"instance-host:{host}"


def _instance_key(pk):
    return f"instance-obj:{pk}"


def normalise_host(host):
    host = (host or "").strip().lower()
    if host.startswith("["):  # IPv6 literal, e.g. [::1]:8000
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def instance_for_host(host):
    host = normalise_host(host)
    if not host:
        return None
    instance_id = cache.get(_host_key(host))
    if instance_id is None:
        domain = Domain.objects.filter(domain=host, instance__is_active=True).only("instance_id").first()
        instance_id = domain.instance_id if domain else 0
        cache.set(_host_key(host), instance_id, CACHE_SECONDS)
    if not instance_id:
        return None
    instance = cache.get(_instance_key(instance_id))
    if instance is None:
        instance = Instance.objects.filter(pk=instance_id, is_active=True).first()
        if instance is None:
            return None
        cache.set(_instance_key(instance_id), instance, CACHE_SECONDS)
    return instance


def forget_host(host):
    cache.delete(_host_key(normalise_host(host)))


@receiver(post_save, sender=Instance)
@receiver(post_delete, sender=Instance)
def _forget_instance(sender, instance, **kwargs):
    cache.delete(_instance_key(instance.pk))
    for domain in Domain.objects.filter(instance_id=instance.pk).values_list("domain", flat=True):
        forget_host(domain)


@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def _forget_domain(sender, instance, **kwargs):
    forget_host(instance.domain)
