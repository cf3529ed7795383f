import pytest

from participe.accounts.models import User
from participe.instances.scoping import in_instance
from tests.conftest import host_client, make_user


def test_back_office_needs_a_staff_role(instance_a, participant_a, admin_a):
    anonymous = host_client("a.test").get("/admin/", follow=True)
    assert anonymous.redirect_chain[-1][0].startswith("/accounts/login/")
    assert host_client("a.test", participant_a).get("/admin/").status_code == 302
    # Instance staff are sent to /gestion/; the Django admin index stays for superusers.
    assert host_client("a.test", admin_a).get("/admin/")["Location"] == "/gestion/"


def test_instance_admin_sees_only_their_instance_accounts(admin_a, participant_a, participant_b):
    page = host_client("a.test", admin_a).get("/admin/accounts/user/").content.decode()
    assert "participant@a.test" in page
    assert "participant@b.test" not in page


def test_instance_admin_gets_404_for_another_instance_ids(admin_a, participant_b, instance_b):
    client = host_client("a.test", admin_a)
    response = client.get(f"/admin/accounts/user/{participant_b.pk}/change/")
    assert response.status_code in (302, 404)  # the admin redirects "does not exist" to the index
    assert "participant@b.test" not in client.get(f"/admin/accounts/user/{participant_b.pk}/change/", follow=True).content.decode()
    assert client.get(f"/admin/instances/instance/{instance_b.pk}/change/", follow=True).status_code == 200
    assert "Ville B" not in client.get(f"/admin/instances/instance/{instance_b.pk}/change/", follow=True).content.decode()


def test_instance_admin_can_change_roles_and_settings(admin_a, participant_a, instance_a):
    client = host_client("a.test", admin_a)
    page = client.get(f"/admin/accounts/user/{participant_a.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/accounts/user/{participant_a.pk}/change/",
        {"display_name": "Promoted", "user_type": "", "bio": "", "is_active": "on", "is_moderator": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(instance_a):
        assert User.objects.get(pk=participant_a.pk).is_moderator
    settings_page = client.get(f"/admin/instances/instance/{instance_a.pk}/change/")
    assert settings_page.status_code == 200 and "Ville A" in settings_page.content.decode()


def test_moderator_cannot_manage_accounts(moderator_a):
    client = host_client("a.test", moderator_a)
    assert client.get("/admin/")["Location"] == "/gestion/"
    assert client.get("/admin/accounts/user/").status_code == 403


def test_platform_site_is_for_platform_admins_only(instance_a, instance_b, admin_a):
    assert host_client("a.test", admin_a).get("/platform/").status_code == 302
    root = make_user(instance_a, "root@a.test", is_superuser=True)
    page = host_client("a.test", root).get("/platform/instances/instance/").content.decode()
    assert "Ville A" in page and "Ville B" in page


@pytest.mark.parametrize("path", ["/admin/", "/platform/"])
def test_admin_of_b_is_nobody_on_a(admin_b, instance_a, path):
    client = host_client("b.test", admin_b)
    client.defaults["HTTP_HOST"] = "a.test"
    assert client.get(path).status_code == 302


def test_read_only_pages_refuse_every_write(admin_a):
    from participe.backoffice.admin_base import ReadOnlyInstanceModelAdmin
    from participe.backoffice.sites import backoffice_site

    read_only = [m for m, a in backoffice_site._registry.items() if isinstance(a, ReadOnlyInstanceModelAdmin)]
    assert len(read_only) >= 5  # action log, moderation cases, comments, revisions, electors
    client = host_client("a.test", admin_a)
    for model in read_only:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(f"{base}add/").status_code == 403, model
        assert client.post(f"{base}add/", {}).status_code == 403, model
        page = client.get(base)
        assert page.status_code in (200, 403), model  # consult where the role allows, never an error
