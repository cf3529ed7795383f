"""The electorate of accounts counted with a constant number of queries, right for every requirement kind."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participe.accounts.models import ParticipantGroup, User
from participe.instances.scoping import in_instance
from participe.modules.votations import electorate
from participe.modules.votations.services import eligible_accounts_count
from participe.projects.models import ParticipantIdentity, StepConsent
from participe.projects.requirements import missing_requirements
from tests.conftest import make_user
from tests.votations.conftest import make_votation

pytestmark = pytest.mark.django_db
CHARTER = "J'accepte la charte du vote."


def years_ago(years, days=0):
    today = timezone.localdate()
    return electorate._latest_birth_date(years, today) + timedelta(days=days)


def require_everything(votation, group):
    votation.step.requirements = [
        "confirmed_email",
        {"kind": "zip_code", "allowed": ["31000", "31100"]},
        {"kind": "date_of_birth", "min_age": 16},
        "first_name",
        "last_name",
        {"kind": "consent", "key": "charte", "text": CHARTER},
        {"kind": "group", "group": group.pk},
    ]
    votation.step.save()


def voter(instance, email, group, step, zip_code="31 000", born=None, first="Camille", last="Martin", consent=True,
          member=True, no_birth_date=False, **fields):
    user = make_user(instance, email, password=None, zip_code=zip_code, date_of_birth=born or date(1980, 5, 1), **fields)
    with in_instance(instance):
        if no_birth_date:
            User.objects.filter(pk=user.pk).update(date_of_birth=None)
        if first is not None:
            ParticipantIdentity.objects.create(user=user, first_name=first, last_name=last)
        if consent:
            StepConsent.objects.create(user=user, step=step, key="charte", text=CHARTER)
        if member:
            group.members.add(user)
    return user


@pytest.fixture
def setting(instance_a):
    votation, _questions = make_votation(instance_a)
    with in_instance(instance_a):
        group = ParticipantGroup.objects.create(name="Adhérents")
        require_everything(votation, group)
    return votation, group


def test_count_follows_every_requirement_kind(setting, instance_a, instance_b):
    votation, group = setting
    step = votation.step
    voter(instance_a, "ok1@example.org", group, step)
    voter(instance_a, "ok2@example.org", group, step, zip_code="31100")
    voter(instance_a, "ok3@example.org", group, step, born=years_ago(16))  # 16 today
    for n, options in enumerate([
        {"zip_code": "75001"},  # not an allowed zip code
        {"zip_code": ""},
        {"born": years_ago(16, days=1)},  # 16 tomorrow
        {"first": "  "},  # a blank first name
        {"last": ""},
        {"first": None},  # no identity at all
        {"born": None, "no_birth_date": True},
        {"consent": False},
        {"member": False},
        {"confirmed": False},
        {"is_active": False},
        {"is_banned": True},
    ]):
        voter(instance_a, f"no{n}@example.org", group, step, **options)
    with in_instance(instance_a):
        StepConsent.objects.create(user=voter(instance_a, "other-text@example.org", group, step, consent=False),
                                   step=step, key="charte", text="Une autre version de la charte")
    with in_instance(instance_b):
        other_group = ParticipantGroup.objects.create(name="Adhérents B")
    voter(instance_b, "ok1@example.org", other_group, step)  # another instance's account never counts
    with in_instance(instance_a):
        count = eligible_accounts_count(votation)
        by_account = [
            u for u in User.objects.filter(is_active=True, is_banned=False)
            if u.email_confirmed and not missing_requirements(u, step)
        ]
    assert count == 3
    assert sorted(u.email for u in by_account) == ["ok1@example.org", "ok2@example.org", "ok3@example.org"]


def test_no_requirement_counts_confirmed_active_accounts(instance_a):
    votation, _questions = make_votation(instance_a, slug="libre")
    make_user(instance_a, "a@example.org", password=None)
    make_user(instance_a, "b@example.org", password=None, confirmed=False)
    make_user(instance_a, "c@example.org", password=None, is_banned=True)
    with in_instance(instance_a):
        assert eligible_accounts_count(votation) == 1


@pytest.mark.parametrize("size", [5, 50])
def test_query_count_does_not_grow_with_the_accounts(setting, instance_a, size, request):
    votation, group = setting
    for n in range(size):
        voter(instance_a, f"v{n}@example.org", group, votation.step, born=date(1990, 1, 1) if n % 2 else None)
    with in_instance(instance_a), CaptureQueriesContext(connection) as queries:
        count = eligible_accounts_count(votation)
    assert count == size
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_unknown_requirement_kinds_are_still_checked(setting, instance_a, monkeypatch):
    votation, group = setting
    voter(instance_a, "ok@example.org", group, votation.step)
    voter(instance_a, "ok2@example.org", group, votation.step)
    monkeypatch.delitem(electorate.FILTERS, "first_name")
    with in_instance(instance_a):
        ParticipantIdentity.objects.filter(user__email="ok2@example.org").update(first_name="")
        assert eligible_accounts_count(votation) == 1


def test_latest_birth_date_on_29_february():
    assert electorate._latest_birth_date(16, date(2028, 2, 29)) == date(2012, 2, 29)
    assert electorate._latest_birth_date(18, date(2028, 2, 29)) == date(2010, 2, 28)
    assert electorate._latest_birth_date(18, date(2027, 3, 1)) == date(2009, 3, 1)
