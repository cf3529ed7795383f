"""Votations: a defined electorate, a register of who voted, and a ballot box that cannot be traced to voters.

Secrecy by design (see docs/modules/votation.md): casting flips the register row and drops the answers in
the `PendingBallot` pool in one transaction; a scheduled task moves the pool into the box (`Ballot`) in
shuffled batches, and the close rewrites the whole box in one random order. Neither table has a voter
reference, a timestamp or an ordered id; the receipt is kept as a digest; nothing logs who voted what.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned
from participe.projects.registry import StepState

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed back easily


def digest(secret):
    """Codes and invitation tokens are kept as digests: a copy of the database does not let anyone vote."""
    return hashlib.sha256(secret.strip().upper().encode()).hexdigest()


def new_receipt():
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))
    return format_receipt(raw)


def format_receipt(raw):
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_receipt(typed):
    """What a voter types back (lower case, spaces, missing dashes) as the printed code, or "" if it cannot be one."""
    raw = "".join(c for c in typed.upper() if c.isascii() and c.isalnum())
    if len(raw) != 16 or any(c not in RECEIPT_ALPHABET for c in raw):
        return ""
    return format_receipt(raw)


def new_receipt_digest():
    return digest(new_receipt())


class Votation(InstanceOwned):
    class Electorate(models.TextChoices):
        ACCOUNTS = "accounts", _("Every confirmed account meeting the step's requirements")
        LIST = "list", _("An imported list of electors (invitation links by e-mail)")
        CODES = "codes", _("Identification codes handed out to the electors")

    step = models.OneToOneField("projects.Step", on_delete=models.CASCADE, related_name="votation", verbose_name=_("step"))
    form = models.ForeignKey(
        "forms.Form", on_delete=models.PROTECT, related_name="+", verbose_name=_("ballot"),
        help_text=_("The questions of the ballot: single choice, multiple choice, ranking or majority judgment."),
    )
    electorate = models.CharField(_("electorate"), max_length=10, choices=Electorate.choices, default=Electorate.ACCOUNTS)
    # Never the receipt code nor the choices: a copy of the mail next to the database would undo the secret.
    email_receipt = models.BooleanField(
        _("e-mail the voter a confirmation that their ballot is cast"), default=True,
        help_text=_("The e-mail holds neither the choices nor the receipt code."),
    )
    # Computed once, after the close: {"counts": {question id: {key: n}}, "ballots": n, "electors": n}.
    results = models.JSONField(null=True, blank=True, editable=False)
    # The organisers review the count, then publish it: nothing of the results is public before.
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("votation")
        verbose_name_plural = _("votations")

    def __str__(self):
        return self.step.title

    def get_absolute_url(self):
        return reverse("votations:detail", args=[self.pk])

    @property
    def state(self):
        return self.step.state() if self.step.is_enabled else StepState.FUTURE

    @property
    def is_frozen(self):
        """Once open, or once anyone voted (a step unpublished after its opening), the configuration (ballot,
        electorate) no longer changes. An unpublished step is not open, whatever its dates."""
        if self.state != StepState.FUTURE:
            return True
        return self.pk is not None and Elector.objects.filter(votation=self, has_voted=True).exists()

    @property
    def is_closed(self):
        return self.step.state() == StepState.CLOSED

    @property
    def results_published(self):
        return self.results is not None and self.results_published_at is not None


class Elector(InstanceOwned):
    """The register: who may vote and whether they have. It never says how."""

    votation = models.ForeignKey(Votation, on_delete=models.CASCADE, related_name="electors")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("account")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    # As the imported list spelled it, to find someone in the register.
    name = models.CharField(_("name"), max_length=150, blank=True)
    code_digest = models.CharField(max_length=64, blank=True, editable=False)
    invitation_digest = models.CharField(max_length=64, blank=True, editable=False)
    has_voted = models.BooleanField(_("has voted"), default=False)

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electors")
        constraints = [
            models.UniqueConstraint(
                fields=["votation", "account"], condition=Q(account__isnull=False), name="one_register_row_per_account"
            ),
            models.UniqueConstraint(fields=["votation", "email"], condition=~Q(email=""), name="one_register_row_per_email"),
            models.UniqueConstraint(
                fields=["votation", "code_digest"], condition=~Q(code_digest=""), name="one_register_row_per_code"
            ),
            models.UniqueConstraint(
                fields=["votation", "invitation_digest"], condition=~Q(invitation_digest=""), name="one_register_row_per_invitation"
            ),
        ]

    def __str__(self):
        return self.name or self.email or (self.account and self.account.public_name) or _("elector with a code")


class PendingBallot(InstanceOwned):
    """The pool: a cast ballot waiting for the next shuffled batch into the box. Written in the voter's
    transaction, so it lives only until that batch; it has no voter, no time and a random id like the box."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    votation = models.ForeignKey(Votation, on_delete=models.CASCADE, related_name="pending_ballots")
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("ballot waiting for the box")
        verbose_name_plural = _("ballots waiting for the box")


class Ballot(InstanceOwned):
    """A ballot in the box: the answers and the receipt's digest, nothing else (no voter, no time, no ordered id)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    votation = models.ForeignKey(Votation, on_delete=models.CASCADE, related_name="ballots")
    receipt_digest = models.CharField(max_length=64, unique=True, default=new_receipt_digest, editable=False)
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")


class AuditEntry(InstanceOwned):
    """Changes of a votation's configuration and electorate (never votes)."""

    votation = models.ForeignKey(Votation, on_delete=models.CASCADE, related_name="audit_entries")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=60)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
