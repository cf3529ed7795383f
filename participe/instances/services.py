"""Creating an instance with its domains and first administrator (used by the CLI and the demo)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from participe.instances.models import Domain, Instance
from participe.instances.resolver import forget_host
from participe.instances.scoping import in_instance


@transaction.atomic
def create_instance(name, domains, admin_email=None, admin_password=None, slug=None, **settings):
    instance, _ = Instance.objects.update_or_create(slug=slug or slugify(name)[:50], defaults={"name": name, **settings})
    for position, host in enumerate(domains):
        Domain.objects.update_or_create(
            domain=host.lower(), defaults={"instance": instance, "is_primary": position == 0}
        )
        forget_host(host)
    admin = None
    if admin_email:
        with in_instance(instance):
            users = get_user_model().objects
            admin = users.filter(email=admin_email.lower()).first()
            if admin is None:
                admin = users.create_user(
                    admin_email, admin_password, instance=instance, display_name=name[:80]
                )
            admin.is_instance_admin = True
            admin.save(update_fields=["is_instance_admin"])
    return instance, admin
