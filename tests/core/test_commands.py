import io

import pytest
from django.core.management import CommandError, call_command

from participe.accounts.models import User
from participe.instances.models import Domain, Instance
from participe.instances.scoping import in_instance, platform_wide


def test_instance_create_makes_the_instance_its_domains_and_admin(db):
    out = io.StringIO()
    call_command("instance", "create", "--name", "Métropole", "--domain", "metro.test", "--domain", "www.metro.test",
                 "--admin-email", "Boss@Metro.test", stdout=out)
    instance = Instance.objects.get(name="Métropole")
    assert sorted(d.domain for d in instance.domains.all()) == ["metro.test", "www.metro.test"]
    assert instance.primary_domain() == "metro.test"
    password = out.getvalue().split("password: ")[1].strip()
    with in_instance(instance):
        admin = User.objects.get(email="boss@metro.test")
    assert admin.is_instance_admin and admin.email_confirmed and admin.check_password(password)


def test_instance_create_refuses_a_domain_of_another_instance(instance_a):
    with pytest.raises(CommandError):
        call_command("instance", "create", "--name", "Intrus", "--domain", "a.test", stdout=io.StringIO())


def test_cli_entry_point_wraps_manage_py(instance_a, capsys):
    from participe.cli import main

    main(["participe", "instance", "list"])
    assert "a.test" in capsys.readouterr().out


def test_demo_is_idempotent(db):
    call_command("demo", stdout=io.StringIO())
    with platform_wide():
        counts = (Instance.objects.count(), Domain.objects.count(), User.objects.count())
    call_command("demo", stdout=io.StringIO())
    with platform_wide():
        assert (Instance.objects.count(), Domain.objects.count(), User.objects.count()) == counts
    assert {d.domain for d in Domain.objects.all()} >= {"localhost", "127.0.0.1", "autre.localhost"}
