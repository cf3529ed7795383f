"""Proposals (idea box, call for projects, participatory budget) and what happens to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, FilteredRelation, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from participe.core.richtext import RichTextField
from participe.core.storage import RandomName, private_storage, public_storage
from participe.images.fields import CoverField
from participe.instances.models import HEX_COLOUR
from participe.instances.scoping import InstanceOwned, scoped_manager
from participe.modules.proposals.step_settings import collect_settings, vote_settings
from participe.participation.models import Contribution, ContributionQuerySet, Status
from participe.projects.models import Step
from participe.votes.models import VoteCounters


class Category(InstanceOwned):
    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="proposal_categories")
    name = models.CharField(_("name"), max_length=120)
    colour = models.CharField(_("colour"), max_length=7, default="#1d4e89", validators=[HEX_COLOUR])
    icon = models.CharField(_("icon"), max_length=40, blank=True, help_text=_("A short symbol or emoji."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["step", "name"], name="proposal_category_name_per_step")]

    def __str__(self):
        return self.name


class AnalysisState(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    FAVOURABLE = "favourable", _("Favourable")
    UNFAVOURABLE = "unfavourable", _("Unfavourable")
    TOO_LATE = "too_late", _("Too late")


class Decision(models.TextChoices):
    NONE = "", _("No decision yet")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


RANDOM_PRIME = 10007


class ProposalQuerySet(ContributionQuerySet):
    def visible_to(self, user, step=None):
        """Public collect (idea box): published proposals. Private collect (call for projects): only
        their authors and staff. Analysts also see what they are assigned, and only that."""
        if user.is_authenticated and (user.is_instance_admin or user.is_superuser):
            return self.exclude(status=Status.DELETED)
        private = step is not None and collect_settings(step).is_private
        visible = Q(pk__in=[]) if private else Q(status__in=[Status.PUBLISHED, Status.HIDDEN], merged_into=None)
        if user.is_authenticated:
            visible |= Q(author=user) & ~Q(status=Status.DELETED)
            if user.is_analyst:
                assigned = self.model.objects.assigned_to(user).values("pk")
                visible |= Q(pk__in=assigned)
        return self.filter(visible)

    def assigned_to(self, user):
        through = Proposal.analysts.through.objects.filter(user=user).values("proposal_id")
        return self.filter(Q(pk__in=through) | Q(supervisor=user) | Q(decision_maker=user))

    def with_list_relations(self):
        return self.select_related("author", "category", "district", "theme", "cover_image")

    def with_step_votes(self, step):
        """Annotate `step_votes_total`: the counted support votes in `step` (a selection step's: one LEFT JOIN,
        no query per row; a collect step's are the proposals' own `votes_total`)."""
        if step.type != "selection":
            return self.annotate(step_votes_total=F("votes_total"))
        return self.annotate(
            this_step_votes=FilteredRelation("step_votes", condition=Q(step_votes__step=step)),
            step_votes_total=Coalesce(F("this_step_votes__votes_total"), 0),
        )

    def ordered(self, sort, seed=0):
        if sort == "newest":
            return self.order_by("-created_at", "-pk")
        if sort == "votes":
            support = "step_votes_total" if "step_votes_total" in self.query.annotations else "votes_total"
            return self.order_by(f"-{support}", "-ballot_votes", "-pk")
        if sort == "comments":
            return self.order_by("-comments_count", "-pk")
        if sort == "cheapest":
            return self.order_by(F("estimated_cost").asc(nulls_last=True), "pk")
        if sort == "expensive":
            return self.order_by(F("estimated_cost").desc(nulls_last=True), "pk")
        # Random but stable for one visitor: two permutations of the ids modulo a prime, the first
        # (≈ golden ratio × prime) scatters consecutive ids, the second depends on the visitor's seed.
        multiplier = 2 + seed % (RANDOM_PRIME - 2)
        scattered = (F("pk") * 6151) % RANDOM_PRIME
        return self.order_by((scattered * multiplier + seed) % RANDOM_PRIME, "pk")


class Proposal(Contribution, VoteCounters):
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = RichTextField(_("description"), contribution=True, blank=True)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("category"))
    theme = models.ForeignKey("website.Theme", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("theme"))
    district = models.ForeignKey(
        "website.District", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    estimated_cost = models.DecimalField(_("estimated cost"), max_digits=14, decimal_places=2, null=True, blank=True)
    revised_cost = models.DecimalField(
        _("cost revised by the analysis"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    image = models.ImageField(_("image"), upload_to=RandomName("proposals/images"), storage=public_storage, blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    cover_image = CoverField(source="image", alt_source="image_alt")  # the image's renditions (participe/images)
    attachment = models.FileField(
        _("attachment"), upload_to=RandomName("proposals/files"), storage=private_storage, blank=True
    )
    reply = models.OneToOneField(
        "forms.Reply", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )
    # Identifier in the source file when imported (pabulib project_id): results cite it.
    source_id = models.CharField(max_length=60, blank=True, db_index=True)

    comments_count = models.PositiveIntegerField(default=0, editable=False)
    # Counted votes of ballot steps (limited, budget, ranking) and the ranking points.
    ballot_votes = models.PositiveIntegerField(default=0, editable=False)
    ballot_points = models.PositiveIntegerField(default=0, editable=False)

    # Analysis
    analysts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="analysed_proposals", verbose_name=_("analysts")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("supervisor"),
    )
    decision_maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("decision maker"),
    )
    analysis_state = models.CharField(
        _("analysis"), max_length=14, choices=AnalysisState.choices, default=AnalysisState.TODO
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default="", blank=True)
    official_answer = RichTextField(_("official answer"), blank=True)
    decision_publish_at = models.DateTimeField(_("publish the decision at"), null=True, blank=True)
    decision_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    revision_reason = models.TextField(_("what to revise"), blank=True)
    revision_deadline = models.DateTimeField(_("revise before"), null=True, blank=True)

    # The most advanced selection step (by position) the proposal was moved into, kept by `selection.refresh_selected_into`
    # whenever its selections change: a support vote finds its step without querying the selections.
    selected_into = models.ForeignKey(
        "projects.Step", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged", verbose_name=_("merged into")
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_authored_proposals", verbose_name=_("credited authors")
    )

    objects = scoped_manager(queryset_class=ProposalQuerySet)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["step", "status", "-created_at"], name="proposal_step_status_date")]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_cost__gte=0), name="proposal_cost_not_negative"),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="proposal_not_merged_into_itself"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def cost(self):
        """The cost that counts in a budget vote: the analysts' figure when there is one."""
        return self.revised_cost if self.revised_cost is not None else self.estimated_cost

    @cached_property
    def voting_step(self):
        """The step a support vote on this proposal goes to now (the vote engine's hook).

        The most advanced support step open for voting: a selection step it was moved into, else its
        collect step. When none is open, the most advanced support step all the same, so the engine
        refuses the vote as closed (or not yet open) instead of filing it under another step."""
        if self.step_id is None:
            return None
        if self.selected_into_id is None:  # never moved into a selection step, as most proposals: no query
            return self.step
        latest = Step.objects.select_related("project").get(pk=self.selected_into_id)
        if vote_settings(latest).type == "support" and latest.allows("vote"):
            return latest
        selections = Selection.objects.filter(proposal_id=self.pk).select_related("step__project").order_by()
        selected = [selection.step for selection in selections]
        selected.sort(key=lambda step: (step.position, step.pk), reverse=True)
        candidates = [step for step in [*selected, self.step] if vote_settings(step).type == "support"]
        for step in candidates:
            if step.allows("vote"):
                return step
        return candidates[0] if candidates else self.step

    def count_votes_in_step(self, step, deltas):
        """The vote engine's hook: True when the votes moved in `step` are counted here, in a selection step's
        row, not in the proposal's own `votes_total` (the count in its collect step)."""
        if step is None or step.pk == self.step_id:
            return False
        if deltas.get("votes_total"):
            ProposalStepVotes.add(self, step, deltas["votes_total"])
        return True

    @property
    def votes_are_secret(self):
        """The vote widget hides the counts while the voting step keeps them secret."""
        step = self.voting_step
        return step is not None and vote_settings(step).is_secret()

    def step_votes_count(self, step):
        if step is None or step.pk == self.step_id:
            return self.votes_total
        counts = ProposalStepVotes.objects.filter(proposal_id=self.pk, step_id=step.pk).values_list("votes_total", flat=True)
        return next(iter(counts), 0)

    def refresh_vote_counters(self):
        """The vote view's hook to redraw the widget: a proposal shows the votes of the step it is voted in
        (its collect step's are its `votes_total`, already moved by the engine: no query)."""
        self.votes_total = self.step_votes_count(self.voting_step)

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def editable_by_author(self, user, moment=None):
        if not user.is_authenticated or user.pk != self.author_id or self.status == Status.DELETED:
            return False
        if self.revision_deadline and (moment or timezone.now()) < self.revision_deadline:
            return True
        until = collect_settings(self.step).edit_until if self.step_id else None
        return until is None or (moment or timezone.now()) < until


class Evaluation(InstanceOwned):
    """One analyst's assessment of one proposal; the evaluation form's answers live in `reply`."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evaluations")
    analyst = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("state"), max_length=14, choices=AnalysisState.choices, default=AnalysisState.TODO)
    revised_cost = models.DecimalField(_("revised cost"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("assessment"), blank=True)
    reply = models.OneToOneField("forms.Reply", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "analyst"], name="one_evaluation_per_analyst")]


class ProposalStepVotes(InstanceOwned):
    """Counted support votes on a proposal in one selection step, kept in the voting transaction by `add`:
    a proposal voted again in a selection step shows that step's own count (its collect step's count is
    the proposal's `votes_total`)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="step_votes")
    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="+")
    votes_total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "step"], name="proposal_votes_once_per_step")]

    @classmethod
    def add(cls, proposal, step, delta):
        """Add `delta` counted votes to `proposal` in `step` (called by the vote engine, in its transaction)."""
        counter = cls.objects.filter(proposal_id=proposal.pk, step_id=step.pk)
        if counter.update(votes_total=F("votes_total") + delta) or delta < 0:
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    instance_id=proposal.instance_id, proposal_id=proposal.pk, step_id=step.pk, votes_total=delta
                )
        except IntegrityError:  # created by a parallel vote in between
            counter.update(votes_total=F("votes_total") + delta)


class SelectionStatus(InstanceOwned):
    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="proposal_statuses")
    name = models.CharField(_("name"), max_length=80)
    colour = models.CharField(_("colour"), max_length=7, default="#1d4e89", validators=[HEX_COLOUR])
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("selection status")
        verbose_name_plural = _("selection statuses")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def refresh_selected_into(proposal_ids):
    """Set `Proposal.selected_into` of `proposal_ids` from their selections: the most advanced step (by position)."""
    proposal_ids = set(proposal_ids)
    if not proposal_ids:
        return
    latest = {}
    rows = Selection._base_manager.filter(proposal_id__in=proposal_ids).values_list("proposal_id", "step_id")
    for proposal_id, step_id in rows.order_by("step__position", "step_id"):  # the most advanced comes last
        latest[proposal_id] = step_id
    stale = Proposal._base_manager.filter(pk__in=proposal_ids).values_list("pk", "selected_into_id")
    for proposal_id, selected_into_id in list(stale):
        if latest.get(proposal_id) != selected_into_id:
            Proposal._base_manager.filter(pk=proposal_id).update(selected_into_id=latest.get(proposal_id))


class SelectionQuerySet(models.QuerySet):
    """Selections created in bulk keep the proposals' `selected_into` too (saves and deletes: the manifest's
    receivers `selection_saved` and `selection_deleted`). Nothing moves a selection to another step."""

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        refresh_selected_into(selection.proposal_id for selection in created)
        return created


def selection_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_selected_into([instance.proposal_id])


def selection_deleted(sender, instance, **kwargs):
    refresh_selected_into([instance.proposal_id])


class Selection(InstanceOwned):
    """A proposal moved into a selection step, with that step's status."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="selections")
    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="proposal_selections")
    status = models.ForeignKey(SelectionStatus, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager(queryset_class=SelectionQuerySet)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "step"], name="proposal_selected_once_per_step")]


class ProgressStep(InstanceOwned):
    """A stage of a winning proposal's realisation (studies, works, delivered): the public follow-up's timeline."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="progress_steps")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("text"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_done = models.BooleanField(_("done"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    percentage = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("How far the whole realisation is at this stage, from 0 to 100."),
    )
    budget_spent = models.DecimalField(
        _("budget spent (€)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Spent so far, all stages together."),
    )
    photo = models.ImageField(_("photo"), upload_to=RandomName("proposals/progress"), storage=public_storage, blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "starts_on", "pk"]
        verbose_name = _("progress step")
        verbose_name_plural = _("progress steps")

    def __str__(self):
        return self.title


class ProposalNews(InstanceOwned):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name_plural = _("proposal news")


class Ballot(InstanceOwned):
    """One voter's ballot in a limited, budget or ranking step (one per district envelope).

    Every change locks this row first (select_for_update) and checks the rules after the
    lock: two parallel requests of one voter cannot both fit in the remaining budget."""

    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_ballots")
    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="proposal_ballots")
    district = models.ForeignKey("website.District", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    items_count = models.PositiveIntegerField(default=0)
    total_cost = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    # False below the step's minimum number of choices (or while the e-mail is unconfirmed).
    is_counted = models.BooleanField(default=False)
    mediated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent = models.CharField(_("consent given"), max_length=300, blank=True)
    # When the voter confirmed it after the review screen (budget steps whose vote asks for a confirmation).
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["voter", "step"], condition=Q(district__isnull=True), name="one_ballot_per_voter_per_step"
            ),
            models.UniqueConstraint(
                fields=["voter", "step", "district"],
                condition=Q(district__isnull=False),
                name="one_ballot_per_voter_per_step_district",
            ),
            models.CheckConstraint(condition=Q(total_cost__gte=0), name="ballot_cost_not_negative"),
        ]


class BallotItem(InstanceOwned):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="ballot_items")
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # Points given by the voter (points ballots; ranking ballots whose points were imported): None = one vote.
    points = models.PositiveIntegerField(null=True, blank=True)
    cost = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="proposal_once_per_ballot"),
            models.UniqueConstraint(
                fields=["ballot", "rank"], condition=Q(rank__isnull=False), name="rank_once_per_ballot"
            ),
        ]


class PaperCount(InstanceOwned):
    """Votes counted on paper ballots, entered by staff, added to the online votes."""

    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="paper_counts")
    votes = models.PositiveIntegerField(_("paper votes"), default=0)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["step", "proposal"], name="one_paper_count_per_step")]


class ResultRun(InstanceOwned):
    """A computed result of a vote step (heavy rules run in a background job)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being computed")
        DONE = "done", _("Computed")
        FAILED = "failed", _("Failed")

    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    payload = models.JSONField(default=dict)
    requested_at = models.DateTimeField(default=timezone.now)
    computed_at = models.DateTimeField(null=True, blank=True)
    # The inputs the result was computed from, so that a published result can be checked later: the step's
    # vote settings (rule, envelopes), a cheap fingerprint of the ballots (to see they changed since) and
    # the sha256 of the sorted ballots themselves.
    vote_settings = models.JSONField(default=dict)
    inputs_stamp = models.CharField(max_length=64, blank=True)
    ballots_hash = models.CharField(max_length=64, blank=True)
    ballots_counted = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
