"""With the local-memory cache each worker process keeps its own copy of the host → instance lookup:
deactivating an instance or moving a domain in one process must reach the others at their next
request, not after the copy's 60 s (finding 11 of issue 16)."""

import pytest
from django.core.cache.backends.locmem import LocMemCache

from participe.instances import resolver
from participe.instances.models import Domain


class Processes:
    """Two workers' local-memory caches; `serve(name, host)` resolves the host as that worker would."""

    def __init__(self, monkeypatch):
        self.caches = {name: LocMemCache(f"worker-{name}", {}) for name in ("one", "two")}
        for cache in self.caches.values():
            cache.clear()  # local-memory caches of one name live as long as the test process
        self.monkeypatch = monkeypatch
        self.use("one")

    def use(self, name):
        self.monkeypatch.setattr(resolver, "_cache", lambda: self.caches[name])

    def serve(self, name, host):
        self.use(name)
        return resolver.instance_for_host(host)


@pytest.fixture
def workers(monkeypatch, settings, tmp_path):
    settings.INSTANCES_STAMP_PATH = tmp_path / "instances.stamp"
    return Processes(monkeypatch)


@pytest.mark.django_db
def test_deactivation_in_one_process_closes_the_instance_in_the_other(instance_a, workers):
    assert workers.serve("two", "a.test") == instance_a  # worker two keeps a copy
    workers.use("one")
    instance_a.is_active = False
    instance_a.save()
    assert workers.serve("two", "a.test") is None


@pytest.mark.django_db
def test_a_removed_domain_stops_answering_in_the_other_process(instance_a, workers):
    Domain.objects.create(instance=instance_a, domain="www.a.test")
    assert workers.serve("two", "www.a.test") == instance_a
    workers.use("one")
    Domain.objects.filter(domain="www.a.test").get().delete()
    assert workers.serve("two", "www.a.test") is None


@pytest.mark.django_db
def test_without_a_change_each_process_answers_from_its_copy(instance_a, workers, django_assert_num_queries):
    workers.serve("two", "a.test")
    with django_assert_num_queries(0):
        assert workers.serve("two", "a.test") == instance_a
