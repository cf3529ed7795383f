"""Instance B's objects requested on instance A's host, for every URL pattern and every role of A.

Never a server error, never a page (or redirect, or header) carrying B's marker; a B object
named by its slug, its id or an admin object URL is never found (no 200); a route that takes only
POST refuses B's object (404, 403 or the login page). Which parameters name a real B object is
asked of B's own host first (`routes.real_kwargs`), and every route with parameters must have one.
"""

import re

import pytest

from tests.security.crawl import goes_to_login, leaks
from tests.security.routes import (
    admin_model_is_scoped,
    admin_object_route,
    all_routes,
    check_each,
    real_kwargs,
    route_kwargs,
    routes_by_namespace,
)
from tests.security.world import B_MARKER

ROUTES = all_routes()

# Parameters that name an object: naming one of B's must not find it on A. (Tokens are left out: a
# refused link is often a 200 page saying so, e.g. Django's password reset; the leak check covers them.)
OBJECT_PARAMS = re.compile(r"^(pk|id|object_id|slug|\w+_id|\w+_slug)$")

# Routes with parameters that no object of an instance can fill, with the reason.
NOT_INSTANCE_OBJECTS = {
    "media": "uploads are served by their random file names, whatever the host (capability URLs); the "
    "instance-scoped way to a file is attachments:file, crawled with a real attachment",
}


def _not_fillable_here():
    """attachments:add is fillable only once some model accepts attachments (`attachments.allow`)."""
    from participe.attachments.registry import attachments

    return {} if attachments._rules else {
        "attachments:add": "no model of this deployment accepts attachments (attachments.allow is never called)"
    }


def _names_a_b_object(route, kwargs, real):
    if admin_object_route(route) or any(B_MARKER in str(value) for value in kwargs.values()):
        return True
    return real and any(OBJECT_PARAMS.match(param) for param in kwargs)


@pytest.mark.parametrize("namespace", sorted(routes_by_namespace(ROUTES)))
def test_objects_of_another_instance_never_show(namespace, world_b, clients_b, clients_a):
    routes = routes_by_namespace(ROUTES)[namespace]
    failures = check_each(routes, lambda route: _crawl(route, world_b, clients_b, clients_a))
    assert not failures, "\n".join(failures)


def _crawl(route, world_b, clients_b, clients_a):
    """B's real objects (found on B's host) requested on A's host by every role: GET, and POST when the
    route only takes POST. Any other parameter set is requested by GET for the leak check alone."""
    real = real_kwargs(route, world_b, clients_b) if route.params and route.admin_site is None else []
    for kwargs in route_kwargs(route, world_b):
        url = route.url(kwargs)
        is_real = kwargs in real
        for role in ("anonymous", "participant", "moderator", "admin"):
            response = clients_a[role].get(url)
            where = f"{role} GET {url} → {response.status_code}"
            assert response.status_code < 500, where
            assert not leaks(response, B_MARKER, url), f"instance B's data shown: {where}"
            if _names_a_b_object(route, kwargs, is_real):
                assert response.status_code != 200, f"instance B's object found on A: {where}"
            if response.status_code == 405 and is_real:
                _post_refused(clients_a[role], role, url)


def _post_refused(client, role, url):
    """A POST naming B's object on A: refused before anything is written (404, or 403 / the login page)."""
    response = client.post(url, {})
    where = f"{role} POST {url} → {response.status_code}"
    assert response.status_code < 500, where
    assert not leaks(response, B_MARKER, url), f"instance B's data shown: {where}"
    assert response.status_code in (403, 404) or goes_to_login(response), f"instance B's object acted on from A: {where}"


def test_every_route_can_be_crawled(world_b, clients_b):
    """Every URL pattern with parameters is requested with a real object of the instance: one that its
    own host finds (no 404). A new pattern whose objects are not in tests/security/world.py shows here."""
    exceptions = NOT_INSTANCE_OBJECTS | _not_fillable_here()
    missing = []
    for route in ROUTES:
        if not route.params or route.id in exceptions:
            continue
        if route.admin_site is not None:
            # admin pages of instance-owned models: crawled once the world holds such an object, and
            # their fail-closed default manager never finds another instance's rows meanwhile.
            if not route_kwargs(route, world_b) and not (admin_object_route(route) and admin_model_is_scoped(route)):
                missing.append(f"{route.id} {route.params}: nothing fills these parameters")
        elif not route_kwargs(route, world_b):
            missing.append(f"{route.id} {route.params}: nothing fills these parameters")
        elif not real_kwargs(route, world_b, clients_b):
            missing.append(f"{route.id} {route.params}: no parameter set finds an object on its own instance")
    routes = {route.id: route for route in ROUTES}
    for name in exceptions:  # an exception whose route is gone, or now finds a real object, leaves the table
        if name not in routes:
            missing.append(f"{name}: in the exceptions, but no such route any more")
        elif name != "media" and real_kwargs(routes[name], world_b, clients_b):
            missing.append(f"{name}: crawlable now, drop its exception")
    assert not missing, (
        "The crawler cannot request these routes with a real object: add the objects to "
        "tests/security/world.py (a builder), name the parameters pk/slug/<model>_id, or add a row to "
        "CATALOGUE in tests/security/routes.py:\n" + "\n".join(missing)
    )


def test_a_session_of_instance_a_is_worthless_on_instance_b(participant_a, instance_b):
    from tests.conftest import host_client

    client = host_client("a.test", participant_a)
    assert client.get("/accounts/me/").status_code == 200
    assert goes_to_login(client.get("/accounts/me/", HTTP_HOST="b.test"))


def test_admin_of_instance_a_is_nobody_on_instance_b(admin_a, instance_b):
    from tests.conftest import host_client

    client = host_client("a.test", admin_a)
    assert client.get("/admin/")["Location"] == "/gestion/"
    response = client.get("/admin/", HTTP_HOST="b.test")
    assert goes_to_login(response)


def test_view_on_site_finds_only_the_instance_own_objects(world_a, world_b, clients_a):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(world_a.project).pk
    admin = clients_a["admin"]
    own = admin.get(f"/admin/r/{content_type}/{world_a.project.pk}/")
    assert own.status_code == 302 and own["Location"] == world_a.project.get_absolute_url()
    assert admin.get(f"/admin/r/{content_type}/{world_b.project.pk}/").status_code == 404
