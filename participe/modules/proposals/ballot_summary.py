"""What a voter's ballot of a limited or budget step looks like right now: one entry per envelope (the whole
territory, or each district with its own envelope), with its chosen projects, what is spent and left, and the one
sentence that says where the voter stands. Read by the step page's sticky summary, the review screen and the
enhanced page's JSON answers; never writes (ballots.py does)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participe.modules.proposals.ballots import is_complete
from participe.modules.proposals.models import Ballot, BallotItem
from participe.site.models import District


@dataclass
class Envelope:
    district: object = None
    envelope: Decimal | None = None  # None: no budget (limited votes)
    spent: Decimal = Decimal(0)
    count: int = 0
    max_choices: int | None = None
    counted: bool = False
    confirmed_at: object = None
    items: list = field(default_factory=list)  # [{"id", "title", "cost", "url"}]

    @property
    def district_id(self):
        return self.district.pk if self.district else None

    @property
    def left(self):
        return None if self.envelope is None else max(self.envelope - self.spent, Decimal(0))

    @property
    def over(self):
        return None if self.envelope is None or self.spent <= self.envelope else self.spent - self.envelope

    @property
    def percent(self):
        """How full the envelope (or the number of choices) is, 0–100, for the progress bar."""
        if self.envelope:
            return min(int(self.spent * 100 / self.envelope), 100)
        if self.max_choices:
            return min(self.count * 100 // self.max_choices, 100)
        return None


@dataclass
class Summary:
    settings: object
    envelopes: list
    email_confirmed: bool = True
    # Per-district envelopes and no ballot yet: the voter's first choice opens its district's envelope.
    districts_waiting: bool = False

    @property
    def items_count(self):
        return sum(e.count for e in self.envelopes)

    @property
    def has_items(self):
        return self.items_count > 0

    @property
    def chosen_ids(self):
        return {item["id"] for e in self.envelopes for item in e.items}

    @property
    def needs_confirmation(self):
        """Complete but waiting for the voter's confirmation on the review screen."""
        return (
            self.settings.confirm
            and self.has_items
            and any(e.count and e.confirmed_at is None for e in self.envelopes)
            and self.state == "confirm"
        )

    @property
    def confirmed(self):
        chosen = [e for e in self.envelopes if e.count]
        return bool(chosen) and all(e.confirmed_at for e in chosen)

    @property
    def state(self):
        """The state: "over", "missing", "email", "confirm" or "counts" (the worst first)."""
        chosen = [e for e in self.envelopes if e.count] or self.envelopes[:1]
        if any(e.over for e in chosen):
            return "over"
        if not chosen or any(not is_complete(self.settings, e.count) for e in chosen):
            return "missing"
        if not self.email_confirmed:
            return "email"
        if self.settings.confirm and any(e.confirmed_at is None for e in chosen):
            return "confirm"
        return "counts"

    @property
    def message(self):
        """The state in one sentence (shown in the summary, announced by the live region)."""
        state = self.state
        if state == "over":
            over = max(e.over for e in self.envelopes if e.over)
            return _("You are over the envelope by %(amount)s €: remove a project.") % {"amount": money(over)}
        if state == "missing":
            missing = max(
                (max(self.settings.min_choices, 1) - e.count for e in self.envelopes if e.count), default=None
            )
            if missing is None:
                missing = max(self.settings.min_choices, 1)
            return ngettext(
                "You still have to choose at least %(n)s project.",
                "You still have to choose at least %(n)s projects.",
                missing,
            ) % {"n": missing}
        if state == "email":
            return _("Your vote will count once your e-mail address is confirmed.")
        if state == "confirm":
            return _("Your choice is complete: review it and confirm your vote for it to count.")
        return _("Your vote counts.")

    def fits(self, proposal, district_id):
        """None when `proposal` can be added, else why not (the reason shown next to a disabled button)."""
        if proposal.pk in self.chosen_ids:
            return None
        envelope = self._envelope_of(district_id)
        if self.settings.type == "budget":
            if envelope.envelope is None:
                return _("This proposal is not part of any budget envelope.")
            cost = proposal.cost or 0
            if envelope.spent + cost > envelope.envelope:
                return _("Does not fit: %(left)s € left, it costs %(cost)s €.") % {
                    "left": money(envelope.left),
                    "cost": money(cost),
                }
        if self.settings.max_choices and envelope.count >= self.settings.max_choices:
            return _("You have already chosen %(n)s projects, the most allowed.") % {
                "n": self.settings.max_choices
            }
        return None

    def _envelope_of(self, district_id):
        for envelope in self.envelopes:
            if envelope.district_id == district_id:
                return envelope
        return Envelope(envelope=self.settings.envelope(district_id), max_choices=self.settings.max_choices)

    def as_json(self):
        return {
            "state": self.state,
            "state_message": self.message,
            "envelopes": [
                {
                    "district": str(e.district) if e.district else None,
                    "envelope": _plain(e.envelope),
                    "spent": _plain(e.spent),
                    "left": _plain(e.left),
                    "percent": e.percent,
                    "count": e.count,
                    "items": [
                        {"id": i["id"], "title": i["title"], "cost": _plain(i["cost"])} for i in e.items
                    ],
                }
                for e in self.envelopes
            ],
        }


def _plain(amount):
    if amount is None:
        return None
    return str(amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount)


def money(amount):
    """An amount in the active language's number format, without decimals when whole ("12 500" in French)."""
    from django.template.defaultfilters import floatformat

    return floatformat(amount, "-2g")


def summary(user, step, settings, district_id=None):
    """The voter's ballot(s) of `step`; `district_id`: a district the page is filtered on (its envelope shows even
    before the first choice in it). Two queries, three with a district filter."""
    ballots = list(
        Ballot.objects.filter(voter=user, step=step).select_related("district").order_by("district_id")
    )
    items = (
        BallotItem.objects.filter(ballot__in=ballots)
        .order_by("rank", "pk")
        .values_list("ballot_id", "proposal_id", "proposal__title", "cost")
    )
    by_ballot = {}
    for ballot_id, proposal_id, title, cost in items:
        by_ballot.setdefault(ballot_id, []).append(
            {"id": proposal_id, "title": title, "cost": cost, "url": f"/proposals/{proposal_id}/"}
        )
    envelopes = [
        Envelope(
            district=ballot.district if settings.per_district else None,
            envelope=settings.envelope(ballot.district_id) if settings.type == "budget" else None,
            spent=ballot.total_cost,
            count=ballot.items_count,
            max_choices=settings.max_choices,
            counted=ballot.is_counted,
            confirmed_at=ballot.confirmed_at,
            items=by_ballot.get(ballot.pk, []),
        )
        for ballot in ballots
        if ballot.items_count or not settings.per_district
    ]
    known = {e.district_id for e in envelopes}
    if settings.per_district and district_id is not None and district_id not in known:
        district = District.objects.filter(pk=district_id).first()
        if district is not None and settings.envelope(district.pk) is not None:
            envelopes.append(Envelope(district=district, envelope=settings.envelope(district.pk)))
    if not envelopes and not settings.per_district:
        envelopes.append(
            Envelope(
                envelope=settings.envelope() if settings.type == "budget" else None,
                max_choices=settings.max_choices,
            )
        )
    return Summary(
        settings=settings,
        envelopes=envelopes,
        email_confirmed=bool(getattr(user, "email_confirmed", False)),
        districts_waiting=settings.per_district and not envelopes,
    )
