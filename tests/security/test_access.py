"""Who may open what on one instance: anonymous visitors, participants, staff, other people's objects."""

import pytest

from tests.conftest import host_client
from tests.security.crawl import goes_to_login
from tests.security.routes import check_each, route_kwargs, routes_by_namespace

# Pages of one's own account: anonymous visitors are sent to the login page (and come back).
LOGIN_REQUIRED = [
    "accounts:profile",
    "accounts:change_email",
    "accounts:password_change",
    "accounts:export",
    "accounts:delete",
]

STAFF_SITES = ("backoffice", "platform")


@pytest.mark.parametrize("name", LOGIN_REQUIRED)
def test_anonymous_visitors_are_sent_to_log_in(name, client_a):
    from django.urls import reverse

    url = reverse(name)
    response = client_a.get(url)
    assert goes_to_login(response)
    assert f"next={url}" in response["Location"].replace("%2F", "/")


@pytest.mark.parametrize("site", STAFF_SITES)
def test_staff_sites_never_open_to_visitors_or_participants(site, world_a, clients_a):
    failures = check_each(routes_by_namespace()[site], lambda route: _closed_to_non_staff(route, world_a, clients_a))
    assert not failures, "\n".join(failures)


def _closed_to_non_staff(route, world_a, clients_a):
    for kwargs in route_kwargs(route, world_a)[:3]:
        url = route.url(kwargs)
        for role in ("anonymous", "participant"):
            response = clients_a[role].get(url)
            assert response.status_code in (302, 404, 405), f"{role} GET {url} → {response.status_code}"
            if response.status_code == 302:  # to log in, or to the site's index, which asks to log in
                site_index = f"/{route.template.split('/')[0]}/"
                assert goes_to_login(response) or response["Location"] == site_index, f"{role} GET {url}"


# Objects of another person of the same instance: (route, object in world A, actor, expected statuses).
# Modules add rows here: e.g. ("comments:edit", "other_comment", "participant", {403, 404}).
OTHER_PEOPLES_OBJECTS = [
    ("backoffice:accounts_user_change", "other", "participant", {302}),
    ("backoffice:accounts_user_change", "other", "moderator", {403}),
    ("backoffice:accounts_user_change", "admin", "moderator", {403}),
    ("backoffice:accounts_user_history", "other", "moderator", {403}),
    ("backoffice:accounts_user_delete", "other", "admin", {403}),
    ("backoffice:instances_instance_change", "instance", "moderator", {403}),
    ("platform:instances_instance_change", "instance", "admin", {302}),
    # the comment is the participant's; "other" is another participant of the same instance
    ("comments:edit", "comment", "other", {403, 404}),
    ("comments:trash", "comment", "other", {403, 404, 405}),
    ("comments:pin", "comment", "participant", {403, 404, 405}),
    ("moderation:case", "moderation_case", "participant", {403}),
    ("moderation:case", "moderation_case", "other", {403}),
    # the modules' objects of the world (tests/security/world.py): the proposal, the notification are the
    # participant's; the export job and the attachment are the administrator's
    ("proposals:edit", "proposal", "other", {403, 404}),
    ("proposals:delete", "proposal", "other", {403, 404, 405}),
    ("proposals:analysis", "proposal", "participant", {403, 404}),
    ("notifications:open", "notification", "other", {404, 405}),
    ("exports:job", "export_job", "participant", {403, 404}),
    ("exports:job_download", "export_job", "participant", {403, 404, 405}),
    ("attachments:delete", "attachment", "participant", {403, 404, 405}),
]


@pytest.mark.parametrize(("name", "target", "actor", "expected"), OTHER_PEOPLES_OBJECTS)
def test_other_peoples_objects_are_refused(name, target, actor, expected, world_a, clients_a):
    """GET and POST, as `actor`, on an object that is not theirs (POST carries a role grab, ignored)."""
    from django.urls import reverse

    if target not in world_a.objects:
        pytest.skip(f"no {target} in the world (module not installed)")
    key = "object_id" if name.split(":")[0] in STAFF_SITES else "pk"
    url = reverse(name, kwargs={key: world_a.objects[target].pk})
    response = clients_a[actor].get(url)
    assert response.status_code in expected, f"{actor} GET {url} → {response.status_code}"
    if response.status_code == 302:
        assert goes_to_login(response)
    assert clients_a[actor].post(url, {"is_instance_admin": "on"}).status_code in expected


def test_a_moderator_cannot_make_themselves_administrator(world_a, clients_a):
    from django.urls import reverse

    moderator = world_a.people["moderator"]
    url = reverse("backoffice:accounts_user_change", kwargs={"object_id": moderator.pk})
    response = clients_a["moderator"].post(url, {"display_name": "x", "is_instance_admin": "on", "is_active": "on"})
    assert response.status_code == 403
    moderator.refresh_from_db()
    assert not moderator.is_instance_admin


def test_a_banned_participant_is_logged_out(world_a):
    participant = world_a.people["participant"]
    client = host_client("a.test", participant)
    assert client.get("/accounts/me/").status_code == 200
    participant.is_banned = True
    participant.save(update_fields=["is_banned"])
    assert goes_to_login(client.get("/accounts/me/"))
