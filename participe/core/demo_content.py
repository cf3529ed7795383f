"""Demo instances and accounts. Each app with demo content registers a loader with `register`."""

import os

from django.utils import timezone

from participe.accounts.models import User
from participe.instances.scoping import in_instance
from participe.instances.services import create_instance

DEMO_PASSWORD = "demo-participe-2026"  # noqa: S105 - documented demo credentials, local only

_loaders = []


def register(loader):
    """`loader(instance, accounts, now)` adds demo content to the main demo instance; must be idempotent."""
    _loaders.append(loader)
    return loader


def _account(email, name, **roles):
    user = User.objects.filter(email=email).first() or User(email=email)
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
    with in_instance(main):
        accounts = {
            "admin": _account("admin@demo.participe.localhost", "Administratrice Démo", is_instance_admin=True, is_superuser=True),
            "moderator": _account("moderation@demo.participe.localhost", "Modérateur Démo", is_moderator=True),
            "citizen": _account("camille@demo.participe.localhost", "Camille Martin"),
        }
        for loader in _loaders:
            loader(main, accounts, now)
    with in_instance(other):
        _account("admin@autre.participe.localhost", "Admin Autre", is_instance_admin=True)
    port = os.environ.get("PORT", "8000")
    yield f"Demo instance {main.name!r}: http://localhost:{port}/ (and http://127.0.0.1:{port}/)"
    yield f"Second instance {other.name!r}: http://autre.localhost:{port}/"
    yield f"Accounts (password {DEMO_PASSWORD!r}): " + ", ".join(a.email for a in accounts.values())
    yield "Other instance's administrator: admin@autre.participe.localhost"
