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
