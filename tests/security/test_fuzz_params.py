"""Fuzzed query parameters on every page and fuzzed values in the main forms: never a server error.

A small budget here (FUZZ_EXAMPLES, default 40 per property, under a minute on two cores); `python
bench/fuzz.py --examples 5000` runs the same properties on a large one. Each page is also requested
once with every parameter it reads set to one of the classic malformed values (Unicode digits, 2^63,
NUL, 5,000 characters…), so that every route meets them whatever hypothesis draws.
"""

import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import fuzz
from tests.security.crawl import body_text

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
BUDGET = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _answer(client, method, url, data):
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, data)
            body_text(response)  # streamed bodies run their queries while read
            transaction.set_rollback(True)
    except Exception as error:  # the test client re-raises the view's exception: that is the 500
        return f"{method.upper()} {url} {data!r:.300} → {type(error).__name__}: {error!s:.200}"
    if response.status_code >= 500:
        return f"{method.upper()} {url} {data!r:.300} → {response.status_code}"
    return None


@pytest.fixture
def targets(world_a, clients_a):
    return fuzz.get_targets(world_a, clients_a)


@pytest.mark.django_db
def test_every_page_survives_the_classic_malformed_values(targets, clients_a):
    failures = []
    for index, (url, roles, names) in enumerate(targets):
        for value in (fuzz.NASTY[index % len(fuzz.NASTY)], "a\x00b"):  # NUL: PostgreSQL refuses it in text
            for role in roles:
                failures.append(_answer(clients_a[role], "get", url, dict.fromkeys(names, value)))
    assert len(targets) > 100
    assert not list(filter(None, failures)), "\n".join(filter(None, failures))


@pytest.mark.django_db
def test_fuzzed_query_parameters_never_give_a_server_error(targets, clients_a):
    @BUDGET
    @given(data=st.data())
    def check(data):
        url, roles, names = data.draw(st.sampled_from(targets))
        role = data.draw(st.sampled_from(roles))
        failure = _answer(clients_a[role], "get", url, data.draw(fuzz.query(names)))
        assert failure is None, failure

    check()


@pytest.mark.django_db
def test_fuzzed_forms_never_give_a_server_error(world_a, clients_a):
    forms = fuzz.post_targets(world_a, clients_a)
    actions = {action for _role, action, _fields in forms}
    assert any("/ballot/" in a for a in actions) and any("/accounts/register/" in a for a in actions), actions

    @BUDGET
    @given(data=st.data())
    def check(data):
        role, action, fields = data.draw(st.sampled_from(forms))
        failure = _answer(clients_a[role], "post", action, data.draw(fuzz.fuzzed_form(fields)))
        assert failure is None, failure

    check()
