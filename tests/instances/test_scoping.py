import pytest
from django_scopes.exceptions import ScopeError

from participe.accounts.models import User
from participe.instances.scoping import current_instance, in_instance, platform_wide
from tests.conftest import make_user


def test_query_without_instance_raises(participant_a):
    with pytest.raises(ScopeError):
        list(User.objects.all())
    with pytest.raises(ScopeError):
        User.objects.filter(email="participant@a.test").exists()


def test_scope_limits_rows_to_the_instance(participant_a, participant_b, instance_a, instance_b):
    with in_instance(instance_a):
        assert list(User.objects.values_list("email", flat=True)) == ["participant@a.test"]
    with in_instance(instance_b):
        assert list(User.objects.values_list("email", flat=True)) == ["participant@b.test"]


def test_platform_code_opts_out_visibly(participant_a, participant_b):
    with platform_wide():
        assert User.objects.count() == 2
        assert current_instance() is None


def test_a_none_instance_can_never_become_a_scope():
    with pytest.raises(ValueError):
        with in_instance(None):
            pass


def test_saving_an_owned_row_takes_the_active_instance(instance_a):
    with in_instance(instance_a):
        user = User(email="x@a.test", display_name="X")
        user.save()
    assert user.instance_id == instance_a.pk


def test_saving_an_owned_row_with_no_instance_refuses(db):
    with pytest.raises(ValueError):
        User(email="x@nowhere.test", display_name="X").save()


def test_same_email_on_two_instances_is_two_accounts(instance_a, instance_b):
    a = make_user(instance_a, "same@example.org")
    b = make_user(instance_b, "same@example.org")
    assert a.pk != b.pk


def test_same_email_twice_on_one_instance_is_refused_by_the_database(instance_a):
    from django.db import IntegrityError

    make_user(instance_a, "twice@example.org")
    with pytest.raises(IntegrityError):
        make_user(instance_a, "TWICE@example.org")
