import json
import re

from django.core import mail

from participe.accounts.models import User
from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, host_client, make_user


def _reload(user):
    with in_instance(user.instance):
        return User.objects.get(pk=user.pk)


def test_password_reset_end_to_end(client_a, participant_a):
    response = client_a.post("/accounts/password-reset/", {"email": "participant@a.test"})
    assert response.status_code == 302
    link = re.search(r"http://a\.test(/accounts/password-reset/[^\s]+/)", mail.outbox[0].body).group(1)
    form_page = client_a.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    weak = client_a.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 400 and "trop court" in weak.content.decode()
    done = client_a.post(set_url, {"new_password1": "New-Strong-Pass-77", "new_password2": "New-Strong-Pass-77"})
    assert done.status_code == 302
    assert _reload(participant_a).check_password("New-Strong-Pass-77")
    # The link works once.
    assert "pas valide" in client_a.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client_a, instance_a):
    response = client_a.post("/accounts/password-reset/", {"email": "nobody@a.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_of_another_instance_sends_nothing(client_a, participant_b):
    client_a.post("/accounts/password-reset/", {"email": "participant@b.test"})
    assert mail.outbox == []


def test_password_reset_is_rate_limited(client_a, instance_a):
    for _ in range(10):
        client_a.post("/accounts/password-reset/", {"email": "x@a.test"})
    assert client_a.post("/accounts/password-reset/", {"email": "x@a.test"}).status_code == 429


def test_wrong_reset_token(client_a, participant_a):
    page = client_a.get("/accounts/password-reset/MQ/bad-token/", follow=True)
    assert "pas valide" in page.content.decode()


def test_change_email_needs_the_new_address_confirmed(instance_a, participant_a):
    client = host_client("a.test", participant_a)
    wrong = client.post("/accounts/me/email/", {"new_email": "new@a.test", "password": "wrong"})
    assert wrong.status_code == 400 and "Mot de passe incorrect" in wrong.content.decode()
    client.post("/accounts/me/email/", {"new_email": "new@a.test", "password": PASSWORD})
    user = _reload(participant_a)
    assert user.email == "participant@a.test" and user.pending_email == "new@a.test"
    assert mail.outbox[0].to == ["new@a.test"]
    link = re.search(r"http://a\.test(/accounts/confirm/[^\s]+/)", mail.outbox[0].body).group(1)
    client.get(link)
    user = _reload(participant_a)
    assert user.email == "new@a.test" and user.pending_email == ""
    assert mail.outbox[-1].to == ["participant@a.test"]  # the old address is told


def test_profile_update_and_bad_zip_code(instance_a, participant_a):
    client = host_client("a.test", participant_a)
    bad = client.post("/accounts/me/", {"display_name": "Renamed", "zip_code": "31<000>"})
    assert bad.status_code == 400 and 'value="Renamed"' in bad.content.decode()
    ok = client.post("/accounts/me/", {"display_name": "Renamed", "zip_code": "31000", "user_type": "Association"})
    assert ok.status_code == 302
    user = _reload(participant_a)
    assert (user.display_name, user.zip_code, user.user_type) == ("Renamed", "31000", "Association")


def test_avatar_must_be_an_image_by_content(instance_a, participant_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = host_client("a.test", participant_a)
    fake = SimpleUploadedFile("photo.png", b"#!/bin/sh\necho not an image", content_type="image/png")
    response = client.post("/accounts/me/", {"display_name": "P", "avatar": fake})
    assert response.status_code == 400


def test_gdpr_export_has_my_data_and_nothing_of_others(instance_a, participant_a, participant_b):
    response = host_client("a.test", participant_a).get("/accounts/me/export.json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["account"]["email"] == "participant@a.test"
    assert "participant@b.test" not in response.content.decode()


def test_delete_account_anonymises(instance_a, participant_a):
    client = host_client("a.test", participant_a)
    refused = client.post("/accounts/me/delete/", {"password": "wrong", "confirm": "on"})
    assert refused.status_code == 400
    client.post("/accounts/me/delete/", {"password": PASSWORD, "confirm": "on"})
    user = _reload(participant_a)
    assert user.deleted_at and not user.is_active and user.email.endswith("@invalid.participe")
    assert str(user) == "Participant supprimé" or str(user) == "Deleted participant"
    assert not user.has_usable_password()
    assert "_auth_user_id" not in client.session
    # The address is free again.
    make_user(instance_a, "participant@a.test")
