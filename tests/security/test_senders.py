"""An instance sends only from domains the platform operator verified; links in e-mails ignore the Host header.

Finding 6: instance B's administrator set `Ville de Démo <no-reply@demo…>` as its sender. Finding 11: the
port of the request's `Host` header went into e-mail links.
"""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from participe.core.mail import instance_sender
from participe.instances.models import Domain, Instance
from tests.conftest import host_client, make_user

SETTINGS = "/admin/instances/instance/{pk}/change/"


def _settings_form(client, instance, **changes):
    """The back office's settings form of `instance` as its page shows it, with `changes`."""
    from participe.backoffice.sites import backoffice_site

    admin = backoffice_site._registry[Instance]
    request = client.get(SETTINGS.format(pk=instance.pk)).wsgi_request
    form = admin.get_form(request, instance)(instance=instance)
    values = {name: form[name].value() for name in form.fields if name not in ("logo", "favicon", "cover", "social_image")}
    data = {name: value for name, value in values.items() if value is not None}
    return {**data, **changes}


@pytest.fixture
def admin_b(instance_b):
    return make_user(instance_b, "admin@b.test", is_instance_admin=True)


def test_an_instance_cannot_send_from_a_domain_the_operator_did_not_verify(instance_b, admin_b, settings):
    settings.VERIFIED_SENDER_DOMAINS = ["ville-b.fr"]
    client = host_client("b.test", admin_b)
    data = _settings_form(
        client, instance_b, sender_name="Ville de Démo", sender_email="no-reply@demo.participe.localhost"
    )
    response = client.post(SETTINGS.format(pk=instance_b.pk), data)
    assert response.status_code == 200
    assert "La plateforme ne peut envoyer que depuis ces domaines : ville-b.fr" in response.content.decode()
    instance_b.refresh_from_db()
    assert instance_b.sender_email == ""
    # The display name may change, and a verified domain is accepted.
    data.update(sender_email="Contact@Ville-B.fr")
    assert client.post(SETTINGS.format(pk=instance_b.pk), data).status_code == 302
    instance_b.refresh_from_db()
    assert (instance_b.sender_name, instance_b.sender_email) == (
        "Ville de Démo",
        "Contact@Ville-B.fr",
    )  # domains compare without case


def test_without_verified_domains_only_the_platform_address_is_possible(instance_b, settings):
    settings.VERIFIED_SENDER_DOMAINS = []
    instance_b.sender_email = "no-reply@b.test"
    with pytest.raises(ValidationError) as error:
        instance_b.full_clean()
    assert "sender_email" in error.value.message_dict


def test_a_stored_address_on_an_unverified_domain_never_goes_out(instance_b, settings):
    settings.VERIFIED_SENDER_DOMAINS = ["ville-b.fr"]
    Instance.objects.filter(pk=instance_b.pk).update(
        sender_email="no-reply@demo.participe.localhost"
    )  # old data
    make_user(instance_b, "someone@b.test")
    host_client("b.test").post("/accounts/password-reset/", {"email": "someone@b.test"})
    [message] = mail.outbox
    assert message.from_email == "Ville B <no-reply@participe.localhost>"  # DEFAULT_FROM_EMAIL's address
    settings.VERIFIED_SENDER_DOMAINS = ["demo.participe.localhost"]
    instance_b.refresh_from_db()
    assert instance_sender(instance_b) == "Ville B <no-reply@demo.participe.localhost>"


def test_sender_names_are_one_line_and_encoded(instance_b, settings):
    instance_b.sender_name = "Mairie\r\nBcc: everyone@example.org"
    with pytest.raises(ValidationError) as error:
        instance_b.full_clean()
    assert "sender_name" in error.value.message_dict
    # A name stored before the check still makes one header line; quotes and accents are encoded.
    assert "\n" not in instance_sender(instance_b) and "\r" not in instance_sender(instance_b)
    instance_b.sender_name = 'Ville "B", Île'
    make_user(instance_b, "someone@b.test")
    Instance.objects.filter(pk=instance_b.pk).update(sender_name=instance_b.sender_name)
    host_client("b.test").post("/accounts/password-reset/", {"email": "someone@b.test"})
    header = mail.outbox[0].message()["From"]
    assert header.endswith("<no-reply@participe.localhost>") and "\n" not in header.strip()


def _link(message):
    return re.search(r"https?://\S+/accounts/confirm/\S+/", message.body).group(0)


def test_email_links_ignore_the_host_header_port(instance_a):
    client = host_client("a.test:6666")
    client.post(
        "/accounts/register/",
        {
            "email": "new@example.org",
            "display_name": "Nouvelle",
            "password1": "Correct-Horse-Battery-42",
            "password2": "Correct-Horse-Battery-42",
            "accept_terms": "on",
        },
    )
    assert _link(mail.outbox[0]).startswith("http://a.test/accounts/confirm/")


def test_email_links_use_the_primary_domain_and_the_configured_port(instance_a, settings):
    Domain.objects.create(instance=instance_a, domain="alias.a.test")
    settings.PUBLIC_PORT = 8000  # the demo's `participe demo`
    make_user(instance_a, "someone@a.test")
    host_client("alias.a.test:6666").post("/accounts/password-reset/", {"email": "someone@a.test"})
    assert re.search(r"http://a\.test:8000/accounts/password-reset/\S+/", mail.outbox[0].body)
    settings.HTTPS, settings.PUBLIC_PORT = True, None
    host_client("alias.a.test").post("/accounts/password-reset/", {"email": "someone@a.test"})
    assert re.search(r"https://a\.test/accounts/password-reset/\S+/", mail.outbox[1].body)
