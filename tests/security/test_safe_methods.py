"""GET never changes anything: no database write besides the session, for every URL and role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import host_client
from tests.security.crawl import body_text
from tests.security.routes import all_routes, check_each, route_kwargs, routes_by_namespace

# Routes whose GET writes on purpose, with the reason.
WRITES_ON_GET = {
    "accounts:confirm": "the link of the confirmation e-mail confirms the address (idempotent)",
    "notifications:open": "following one's own notification marks it read, once, then redirects (idempotent)",
    "votations:detail": "the first view after the close computes and keeps the results, once, under a row lock "
    "(votations.services.compute_results: a cache of a count that no longer changes)",
}
WRITE = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes(queries):
    statements = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITE)]
    return [sql for sql in statements if "django_session" not in sql]


ROUTES = routes_by_namespace([r for r in all_routes() if r.id not in WRITES_ON_GET])


@pytest.mark.parametrize("namespace", sorted(ROUTES))
def test_get_writes_nothing(namespace, world_a, clients_a):
    failures = check_each(ROUTES[namespace], lambda route: _get_writes_nothing(route, world_a, clients_a))
    assert not failures, "\n".join(failures)


def _get_writes_nothing(route, world_a, clients_a):
    for kwargs in route_kwargs(route, world_a)[:2]:
        url = route.url(kwargs)
        for role in ("anonymous", "participant", "admin"):
            client = clients_a[role]
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                body_text(response)  # streamed bodies run their queries while read
            assert not _writes(queries.captured_queries), f"{role} GET {url} wrote: {_writes(queries.captured_queries)}"


def test_logout_by_get_does_not_log_out(participant_a):
    client = host_client("a.test", participant_a)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/accounts/me/").status_code == 200


def test_resending_the_confirmation_by_get_sends_nothing(make_account, instance_a, mailoutbox):
    user = make_account(instance_a, "new@a.test", confirmed=False)
    client = host_client("a.test", user)
    assert client.get("/accounts/confirm-again/").status_code == 405
    assert mailoutbox == []


def test_changing_language_by_get_changes_nothing(client_a):
    client_a.get("/i18n/setlang/?language=en")
    assert "django_language" not in client_a.cookies or client_a.cookies["django_language"].value != "en"
