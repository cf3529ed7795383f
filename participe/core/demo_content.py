"""Demo content: each app with demo content registers a loader with `register`; `participe demo`
(participe/instances/demo.py) creates the demo instances and accounts, then runs the loaders."""

DEMO_PASSWORD = "demo-participe-2026"  # noqa: S105 - documented demo credentials, local only

loaders = []
finishers = []  # run after every loader: they complete what the others made (covers for their rows)


def register(loader=None, *, last=False):
    """`loader(instance, accounts, now)` adds demo content to the main demo instance; must be idempotent.
    `@register(last=True)` runs it after the others."""
    if loader is None:
        return lambda function: register(function, last=last)
    (finishers if last else loaders).append(loader)
    return loader


def all_loaders():
    return [*loaders, *finishers]


def resident(number, now):
    """The demo's resident `number` (habitantN@demo.participe.localhost, confirmed, no password): the other people who
    reply, vote and comment, so that counters show real rows and the demo citizen still has everything to do."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    email = f"habitant{number}@demo.participe.localhost"
    return user_model.objects.filter(email=email).first() or user_model.objects.create_user(
        email, None, display_name=f"Habitant·e {number}", email_confirmed_at=now
    )
