"""Instance A never shows a row of instance B, to anyone, on any page it serves."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from participe.accounts.models import User
from participe.backoffice.sites import backoffice_site
from participe.instances.scoping import in_instance, platform_wide
from tests.conftest import PASSWORD, host_client, make_user

MARKER = "ZZB-SECRET-MARKER"


def _static_paths(patterns=None, prefix=""):
    """Every URL of the resolver that takes no argument (admin and module pages included)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if "<" not in route and "(?P" not in route:
                yield from _static_paths(entry.url_patterns, prefix + route.lstrip("^"))
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route and "\\" not in route:
            yield "/" + prefix + route.lstrip("^").rstrip("$")


@pytest.fixture
def instance_b_data(instance_b):
    user = make_user(instance_b, "secret@b.test", display_name=MARKER, bio=MARKER, is_moderator=True)
    instance_b.legal_notice = MARKER
    instance_b.save()
    return user


@pytest.fixture
def viewers(instance_a, participant_a, admin_a):
    return {"anonymous": host_client("a.test"), "participant": host_client("a.test", participant_a),
            "admin": host_client("a.test", admin_a)}


def test_no_page_of_a_shows_b(instance_b_data, viewers):
    paths = sorted(set(_static_paths()))
    assert "/" in paths and "/admin/" in paths and "/accounts/login/" in paths
    for who, client in viewers.items():
        for path in paths:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert MARKER.encode() not in body, f"{path} as {who} shows a row of instance B"


def test_back_office_lists_and_objects_of_b_are_unreachable_from_a(instance_b_data, viewers):
    client = viewers["admin"]
    for model, _admin in backoffice_site._registry.items():
        changelist = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert MARKER.encode() not in client.get(changelist).content
        with platform_wide():
            ids = list(model._base_manager.exclude(**_own_rows(model)).values_list("pk", flat=True)[:5])
        for pk in ids:
            response = client.get(f"{changelist}{pk}/change/", follow=True)
            assert MARKER.encode() not in response.content, f"{model.__name__} {pk} of B opened on A"
            post = client.post(f"{changelist}{pk}/delete/", {"post": "yes"})
            assert post.status_code in (302, 403, 404)
    with in_instance(instance_b_data.instance):
        assert User.objects.filter(pk=instance_b_data.pk).exists()  # nothing of B was deleted


def _own_rows(model):
    from participe.instances.models import Instance

    a_pk = Instance.objects.get(slug="ville-a").pk
    if model is Instance:
        return {"pk": a_pk}
    return {"instance_id": a_pk}


def test_logging_into_a_with_b_credentials_fails(instance_b_data, instance_a):
    client = host_client("a.test")
    response = client.post("/accounts/login/", {"email": "secret@b.test", "password": PASSWORD})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
