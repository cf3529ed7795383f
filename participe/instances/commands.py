"""How every command names an instance: `--instance DOMAIN`, one of the domains it is served on."""

from django.core.management.base import CommandError

from participe.instances.models import Domain


def add_instance_argument(parser):
    parser.add_argument("--instance", required=True, metavar="DOMAIN", help="a domain of the instance")


def instance_named(domain):
    """The instance served on `domain`, or a CommandError naming the domain."""
    found = Domain.objects.select_related("instance").filter(domain=domain.strip().lower()).first()
    if found is None:
        raise CommandError(f"No instance serves the domain {domain!r}")
    return found.instance
