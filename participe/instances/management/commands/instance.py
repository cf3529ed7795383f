import secrets

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from participe.instances.models import Domain, Instance
from participe.instances.services import create_instance


class Command(BaseCommand):
    help = "Manage instances: `instance create --name … --domain … --admin-email …`, `instance list`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create (or update) an instance and its administrator")
        create.add_argument("--name", required=True)
        create.add_argument("--domain", action="append", required=True, help="Host name; repeat for several")
        create.add_argument("--admin-email")
        create.add_argument("--admin-password", help="Generated and printed when omitted")
        create.add_argument("--language", choices=["fr", "en"], default="fr")
        create.add_argument("--time-zone", default="Europe/Paris")
        create.add_argument("--platform-admin", action="store_true", help="The administrator manages all instances")
        sub.add_parser("list", help="List instances and their domains")

    def handle(self, *args, action, **options):
        if action == "list":
            for instance in Instance.objects.prefetch_related("domains"):
                domains = ", ".join(d.domain for d in instance.domains.all())
                self.stdout.write(f"{instance.pk}\t{instance.slug}\t{instance.name}\t{domains}")
            return
        taken = Domain.objects.filter(domain__in=[d.lower() for d in options["domain"]]).select_related("instance")
        for domain in taken:
            if domain.instance.name != options["name"]:
                raise CommandError(f"{domain.domain} already belongs to the instance {domain.instance.name!r}")
        password = options["admin_password"] or (secrets.token_urlsafe(12) if options["admin_email"] else None)
        instance, admin = create_instance(
            options["name"],
            options["domain"],
            admin_email=options["admin_email"],
            admin_password=password,
            default_language=options["language"],
            time_zone=options["time_zone"],
        )
        if admin is not None:
            changed = ["email_confirmed_at"]
            admin.email_confirmed_at = admin.email_confirmed_at or timezone.now()
            if options["platform_admin"]:
                admin.is_superuser = True
                changed.append("is_superuser")
            if options["admin_password"] is None and admin.has_usable_password():
                admin.set_password(password)
                changed.append("password")
            admin.save(update_fields=changed)
        self.stdout.write(self.style.SUCCESS(f"Instance {instance.name!r} (id {instance.pk}) on {', '.join(options['domain'])}"))
        if admin is not None:
            self.stdout.write(f"Administrator: {admin.email} / password: {password}")
