"""Demo content: each app with demo content registers a loader with `register`; `participe demo`
(participe/instances/demo.py) creates the demo instances and accounts, then runs the loaders."""

DEMO_PASSWORD = "demo-participe-2026"  # noqa: S105 - documented demo credentials, local only

loaders = []


def register(loader):
    """`loader(instance, accounts, now)` adds demo content to the main demo instance; must be idempotent."""
    loaders.append(loader)
    return loader
