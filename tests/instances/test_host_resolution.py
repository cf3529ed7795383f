from django.test import Client

from participe.instances.models import Domain


def test_known_host_opens_its_instance(client_a, instance_a):
    response = client_a.get("/")
    assert response.status_code == 200
    assert "Ville A" in response.content.decode()


def test_port_is_ignored(instance_a):
    response = Client(HTTP_HOST="a.test:8000").get("/")
    assert response.status_code == 200


def test_unknown_host_gets_a_plain_404_revealing_nothing(instance_a, instance_b):
    response = Client(HTTP_HOST="unknown.test").get("/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Ville" not in body and "a.test" not in body and "Participe" not in body


def test_domains_are_stored_lowercase(instance_a):
    domain = Domain.objects.create(instance=instance_a, domain="WWW.A.Test.")
    assert domain.domain == "www.a.test"
    assert Client(HTTP_HOST="www.a.test").get("/").status_code == 200


def test_a_request_costs_no_query_to_find_its_instance(client_a, django_assert_num_queries):
    client_a.get("/theme.css")
    with django_assert_num_queries(0):
        assert client_a.get("/theme.css").status_code == 200


def test_changing_an_instance_shows_at_once(client_a, instance_a):
    client_a.get("/")
    instance_a.name = "Ville A renommée"
    instance_a.save()
    assert "Ville A renommée" in client_a.get("/").content.decode()


def test_deactivating_an_instance_closes_it_at_once_though_it_was_cached(client_a, instance_a):
    assert client_a.get("/").status_code == 200
    instance_a.is_active = False
    instance_a.save()
    assert client_a.get("/").status_code == 404


def test_a_new_domain_answers_at_once_though_its_host_was_unknown(instance_a):
    assert Client(HTTP_HOST="new.a.test").get("/").status_code == 404  # cached as unknown
    Domain.objects.create(instance=instance_a, domain="new.a.test")
    assert Client(HTTP_HOST="new.a.test").get("/").status_code == 200
