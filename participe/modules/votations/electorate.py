"""The accounts that may vote in a votation of the "accounts" electorate, as one query.

`services.account_may_vote` asks the step's requirements of one account (`missing_requirements`); counting the
electorate that way costs queries per account. Here each requirement kind of `projects.requirements` becomes a
filter, so the count is one query whatever the number of accounts. A kind this module does not know (added by
another app) is checked account by account over what the known filters left: still right, no longer constant.
"""

from datetime import date

from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Length, Replace, Trim
from django.utils import timezone

from participe.accounts.models import User
from participe.projects.models import StepConsent
from participe.projects.requirements import step_requirements


def _confirmed_email(accounts, step, config):
    return accounts.filter(email_confirmed_at__isnull=False)


def _zip_code(accounts, step, config):
    accounts = accounts.exclude(zip_code="")
    allowed = config.get("allowed")
    if allowed:
        accounts = accounts.annotate(compact_zip_code=Replace("zip_code", Value(" "), Value(""))).filter(
            compact_zip_code__in=allowed
        )
    return accounts


def _latest_birth_date(min_age, today):
    """Born on this day or before: at least `min_age` years old `today` (29 February: the 28th of a common year)."""
    year = today.year - min_age
    try:
        return today.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def _date_of_birth(accounts, step, config):
    accounts = accounts.filter(date_of_birth__isnull=False)
    if config.get("min_age"):
        accounts = accounts.filter(date_of_birth__lte=_latest_birth_date(config["min_age"], timezone.localdate()))
    return accounts


def _name_part(attribute):
    def keep(accounts, step, config):
        alias = f"{attribute}_length"
        # NULL (no identity row) is not > 0: excluded like an empty name.
        return accounts.alias(**{alias: Length(Trim(f"identity__{attribute}"))}).filter(**{f"{alias}__gt": 0})

    return keep


def _consent(accounts, step, config):
    consents = StepConsent.objects.filter(
        user=OuterRef("pk"), step=step, key=config.get("key", "consent"), text=config["text"]
    )
    return accounts.filter(Exists(consents))


def _group(accounts, step, config):
    members = User.participant_groups.through.objects.filter(user=OuterRef("pk"), participantgroup=config.get("group"))
    return accounts.filter(Exists(members))


FILTERS = {
    "confirmed_email": _confirmed_email,
    "zip_code": _zip_code,
    "date_of_birth": _date_of_birth,
    "first_name": _name_part("first_name"),
    "last_name": _name_part("last_name"),
    "consent": _consent,
    "group": _group,
}


def eligible_accounts(step):
    """(queryset of eligible accounts, requirements left to check account by account)."""
    accounts = User.objects.filter(is_active=True, is_banned=False, email_confirmed_at__isnull=False)
    unknown = []
    for needed in step_requirements(step):
        keep = FILTERS.get(needed.kind.name)
        if keep is None:
            unknown.append(needed)
        else:
            accounts = keep(accounts, step, needed.config)
    return accounts, unknown


def eligible_accounts_count(step):
    accounts, unknown = eligible_accounts(step)
    if not unknown:
        return accounts.count()
    return sum(
        1
        for user in accounts.iterator(chunk_size=1000)
        if all(needed.kind.is_met(user, step, needed.config) for needed in unknown)
    )
