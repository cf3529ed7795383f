"""The one e-mail sender: renders a message in the instance's look and language, hands it to a job.

Templates live under `templates/emails/<name>_subject.txt`, `<name>.txt` and `<name>.html`.
"""

import html
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from participe.core.tasks import deliver_email


def sender_domain_verified(address):
    """True when the address's domain is one the platform operator verified (VERIFIED_SENDER_DOMAINS)."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    return bool(domain) and domain in {d.lower().rstrip(".") for d in settings.VERIFIED_SENDER_DOMAINS}


def instance_sender(instance):
    """`Name <address>`: the instance's sender name (or name); its own address only on a verified domain.

    Stored addresses are checked again here, so one saved before its domain was verified (or since
    unverified) never goes out: the platform's address is used instead.
    """
    name = " ".join((getattr(instance, "sender_name", "") or instance.name).split())  # no line break in a header
    own = instance.sender_email.strip() if sender_domain_verified(instance.sender_email or "") else ""
    return formataddr((name, own or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def render_email(instance, name, context, language=None):
    context = {"instance": instance, **context}
    with translation.override(language or instance.default_language):
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        # Text parts are not HTML: undo the autoescaping of apostrophes and ampersands.
        text = html.unescape(render_to_string(f"emails/{name}.txt", context))
        html_part = render_to_string(f"emails/{name}.html", context)
    return {"subject": f"[{instance.name}] {subject}", "text": text, "html": html_part}


def send_email(instance, to, name, context, language=None, headers=None):
    """Render now (the request knows the host and language), deliver in the background."""
    message = render_email(instance, name, context, language)
    deliver_email.delay(
        to=[to] if isinstance(to, str) else list(to),
        sender=instance_sender(instance),
        headers=headers or {},
        instance_id=instance.pk,
        **message,
    )
