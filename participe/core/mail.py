"""The one e-mail sender: renders a message in the instance's look and language, hands it to a job.

Templates live under `templates/emails/<name>_subject.txt`, `<name>.txt` and `<name>.html`.
"""

import html

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from participe.core.tasks import deliver_email


def instance_sender(instance):
    if instance.sender_email:
        return f"{instance.name} <{instance.sender_email}>"
    return settings.DEFAULT_FROM_EMAIL


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
