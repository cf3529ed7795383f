"""One notification delivered through a real SMTP server listening on loopback (aiosmtpd)."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from participe.notifications.services import notify
from participe.projects.models import Project

pytestmark = pytest.mark.django_db


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield collector
    controller.stop()


def test_notification_through_real_smtp(smtp_server, participant_a, scope_a, django_capture_on_commit_callbacks):
    project = Project.objects.create(title="Budget participatif", slug="budget", is_published=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(participant_a, "reply_to_mine", project, {"actor": "Léa", "quote": "Je suis d'accord"})
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["participant@a.test"]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["To"] == "participant@a.test"
    assert message["Subject"].strip() == "[Ville A] Nouvelle réponse à votre commentaire"
    assert message["List-Unsubscribe"].strip().startswith("<http://a.test/notifications/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.is_multipart()
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Je suis d'accord" in text and "Je suis d&#x27;accord" in html
