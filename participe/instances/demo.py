"""The demo instances and their accounts, filled by the loaders registered in core.demo_content."""

import os

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from participe.core import demo_content
from participe.core.demo_content import DEMO_PASSWORD
from participe.instances.scoping import in_instance
from participe.instances.services import create_instance


def _account(email, name, **roles):
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first() or user_model(email=email)
    user.display_name = name
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    for role, value in roles.items():
        setattr(user, role, value)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def load(now):
    main, _ = create_instance(
        "Ville de Démo",
        ["localhost", "127.0.0.1"],
        slug="demo",
        contact_email="contact@demo.participe.localhost",
        user_types=["Habitant·e", "Association", "Entreprise", "Élu·e"],
        legal_notice="Site de démonstration de Participe. Aucune donnée réelle.",
        accessibility_statement="Ce site vise la conformité au RGAA 4.1. Les tests automatiques sont décrits dans docs/quality.md.",
    )
    other, _ = create_instance(
        "Autre Collectivité", ["autre.localhost"], slug="autre", primary_colour="#6b2a7a", secondary_colour="#2a7a4f"
    )
    # One transaction per instance, inside its scope: what the loaders leave for after the commit (a published
    # comment counts its author as a participant) runs in the scope too.
    with in_instance(main), transaction.atomic():
        accounts = {
            "admin": _account("admin@demo.participe.localhost", "Administratrice Démo", is_instance_admin=True, is_superuser=True),
            "moderator": _account("moderation@demo.participe.localhost", "Modérateur Démo", is_moderator=True),
            "citizen": _account("camille@demo.participe.localhost", "Camille Martin"),
        }
        for loader in demo_content.all_loaders():
            loader(main, accounts, now)
    with in_instance(other), transaction.atomic():
        _account("admin@autre.participe.localhost", "Admin Autre", is_instance_admin=True)
    port = os.environ.get("PORT", "8000")
    yield f"Demo instance {main.name!r}: http://localhost:{port}/ (and http://127.0.0.1:{port}/)"
    yield f"Second instance {other.name!r}: http://autre.localhost:{port}/"
    yield f"Accounts (password {DEMO_PASSWORD!r}): " + ", ".join(a.email for a in accounts.values())
    yield "Other instance's administrator: admin@autre.participe.localhost"
