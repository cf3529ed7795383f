"""Every URL refuses a POST without a CSRF token, for visitors and for administrators."""

import logging

import pytest
from django.test import Client

from tests.security.routes import all_routes, check_each, route_kwargs, routes_by_namespace

# Views deliberately exempt from CSRF (e.g. a webhook authenticated by a signature), with the reason.
CSRF_EXEMPT = {
    "follows:stop": "RFC 8058 one-click unfollow from an e-mail: the signed token is the credential",
    "notifications:unsubscribe": "RFC 8058 one-click unsubscribe from an e-mail: the signed token is the credential",
}


def _csrf_client(user=None):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="a.test")
    if user is not None:
        client.force_login(user, backend="participe.accounts.backends.InstanceEmailBackend")
    return client


ROUTES = routes_by_namespace([r for r in all_routes() if r.id not in CSRF_EXEMPT])


@pytest.mark.parametrize("namespace", sorted(ROUTES))
def test_post_without_csrf_token_is_refused(namespace, world_a, caplog):
    failures = check_each(ROUTES[namespace], lambda route: _post_without_token(route, world_a, caplog))
    assert not failures, "\n".join(failures)


def _post_without_token(route, world_a, caplog):
    kwargs = route_kwargs(route, world_a)
    if not kwargs:
        return  # see test_every_route_can_be_crawled
    url = route.url(kwargs[0])
    for user in (None, world_a.people["admin"]):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
            response = _csrf_client(user).post(url, {"email": "x@a.test", "password": "x"})
        assert response.status_code == 403, f"POST {url} without a CSRF token → {response.status_code}"
        assert any(record.name == "django.security.csrf" for record in caplog.records), f"{url}: not a CSRF refusal"


def test_the_same_post_with_the_token_goes_through(world_a):
    client = _csrf_client()
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/login/", {"email": "nobody@a.test", "password": "x", "csrfmiddlewaretoken": token})
    assert response.status_code == 400  # the form's answer, not a CSRF refusal
