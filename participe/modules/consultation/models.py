"""A consultation: a tree of sections holding opinions, their amendments, arguments and sources."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participe.core.richtext import RichTextField
from participe.core.storage import RandomName, private_storage
from participe.instances.scoping import InstanceOwned, scoped_manager
from participe.modules.consultation.scores import ScoredQuerySetMixin
from participe.participation.models import Contribution, ContributionQuerySet
from participe.votes.models import AgreeCounters, ForAgainstCounters, UsefulCounters


class Consultation(InstanceOwned):
    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="consultations", verbose_name=_("step"))
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("introduction"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    external_id = models.CharField(max_length=80, blank=True, editable=False)
    # Counters kept by services.py in the same transaction as each write.
    opinions_count = models.PositiveIntegerField(default=0, editable=False)
    amendments_count = models.PositiveIntegerField(default=0, editable=False)
    arguments_count = models.PositiveIntegerField(default=0, editable=False)
    sources_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["step", "position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultation:plan", args=[self.pk])


class SectionKind(models.TextChoices):
    TITLE = "title", _("Title")
    CHAPTER = "chapter", _("Chapter")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")


class VoteWidget(models.TextChoices):
    AGREE3 = "agree3", _("Agree / mitigated / disagree")
    SUPPORT = "support", _("Simple support")
    NONE = "none", _("No vote")


# Vote kinds of participe.votes behind each widget (no entry: the section offers no vote).
VOTE_KINDS_OF_WIDGETS = {VoteWidget.AGREE3: "agree3", VoteWidget.SUPPORT: "support"}


class Colour(models.TextChoices):
    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")
    GREY = "grey", _("Grey")


class Section(InstanceOwned):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", verbose_name=_("parent section"))
    position = models.PositiveIntegerField(_("position"), default=0)
    # "0001.0003": the section's place in the whole text, so the plan is one ordered query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=SectionKind.choices, default=SectionKind.SECTION)
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    body = RichTextField(_("explanation"), blank=True)
    allows_opinions = models.BooleanField(_("participants may propose new opinions"), default=True)
    allows_amendments = models.BooleanField(_("participants may propose amendments"), default=True)
    allows_arguments = models.BooleanField(_("participants may write arguments"), default=True)
    allows_sources = models.BooleanField(_("participants may add sources"), default=True)
    vote_widget = models.CharField(_("vote"), max_length=10, choices=VoteWidget.choices, default=VoteWidget.AGREE3)
    comments_enabled = models.BooleanField(_("comments"), default=True)
    highlight_threshold = models.PositiveIntegerField(
        _("votes needed to be highlighted"), null=True, blank=True, help_text=_("Leave empty for no highlighting.")
    )
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices, default=Colour.BLUE)
    external_id = models.CharField(max_length=80, blank=True, editable=False)
    opinions_count = models.PositiveIntegerField(default=0, editable=False)
    amendments_count = models.PositiveIntegerField(default=0, editable=False)
    arguments_count = models.PositiveIntegerField(default=0, editable=False)
    sources_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["consultation", "path"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        own = f"{self.position:04d}"
        self.path = f"{self.parent.path}.{own}" if self.parent_id else own
        self.depth = self.parent.depth + 1 if self.parent_id else 0
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultation:section", args=[self.pk])

    @property
    def contributions_count(self):
        return self.opinions_count + self.amendments_count + self.arguments_count + self.sources_count


class AnswerStatus(models.TextChoices):
    NONE = "", _("No answer yet")
    TAKEN = "taken", _("Taken into account")
    NOT_RETAINED = "not_retained", _("Not retained")


class Answered(models.Model):
    """The institution's public answer to an opinion or an amendment."""

    answer_status = models.CharField(_("decision"), max_length=14, choices=AnswerStatus.choices, blank=True, default="")
    official_answer = RichTextField(_("official answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        abstract = True


class OpinionQuerySet(ScoredQuerySetMixin, ContributionQuerySet):
    pass


class Opinion(Contribution, AgreeCounters, Answered):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("section"))
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), contribution=True)
    # The text as first published, for the "what changed" view.
    original_body = models.TextField(blank=True, editable=False)
    is_official = models.BooleanField(_("article of the institution's text"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    external_id = models.CharField(max_length=80, blank=True, editable=False)
    amendments_count = models.PositiveIntegerField(default=0, editable=False)
    arguments_for_count = models.PositiveIntegerField(default=0, editable=False)
    arguments_against_count = models.PositiveIntegerField(default=0, editable=False)
    sources_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager(queryset_class=OpinionQuerySet)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["section", "-is_official", "position", "pk"]
        indexes = [
            # Without the counters (participe.votes.models.VoteCounters says why).
            models.Index(fields=["section", "status"], name="opinion_section_status"),
            models.Index(fields=["consultation", "status"], name="opinion_consultation_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "external_id"], condition=~Q(external_id=""), name="opinion_external_id_once")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.original_body:
            self.original_body = self.body or ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultation:opinion", args=[self.pk])

    @property
    def arguments_count(self):
        return self.arguments_for_count + self.arguments_against_count

    @property
    def vote_kind_key(self):
        """The vote kind of the section's widget; None when the section offers no vote."""
        return VOTE_KINDS_OF_WIDGETS.get(self.section.vote_widget)


class Amendment(Contribution, AgreeCounters, Answered):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("article"))
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("proposed text"), contribution=True)
    explanation = models.TextField(_("explanation"), max_length=4000)
    arguments_for_count = models.PositiveIntegerField(default=0, editable=False)
    arguments_against_count = models.PositiveIntegerField(default=0, editable=False)
    sources_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager(queryset_class=OpinionQuerySet)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["opinion", "-votes_total", "pk"]
        indexes = [models.Index(fields=["opinion", "status"], name="amendment_opinion_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultation:amendment", args=[self.pk])

    @property
    def section(self):
        return self.opinion.section

    @property
    def vote_kind_key(self):
        return VOTE_KINDS_OF_WIDGETS.get(self.section.vote_widget)


class Side(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")


class Argument(Contribution, UsefulCounters, Answered):
    opinion = models.ForeignKey(Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="arguments")
    amendment = models.ForeignKey(Amendment, null=True, blank=True, on_delete=models.CASCADE, related_name="arguments")
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    body = models.TextField(_("argument"), max_length=2000)
    external_id = models.CharField(max_length=80, blank=True, editable=False)

    objects = scoped_manager(queryset_class=ContributionQuerySet)

    class Meta:
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opinion__isnull=False, amendment__isnull=True) | Q(opinion__isnull=True, amendment__isnull=False),
                name="argument_on_one_target",
            )
        ]
        indexes = [models.Index(fields=["opinion", "side", "status", "-created_at"], name="argument_listing")]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.target.get_absolute_url()}#argument-{self.pk}"

    @property
    def target(self):
        return self.opinion if self.opinion_id else self.amendment


class SourceCategory(models.TextChoices):
    WEBSITE = "website", _("Website")
    PRESS = "press", _("Press article")
    LAW = "law", _("Laws and regulations")
    REPORT = "report", _("Report / study")
    BLOG = "blog", _("Blog post")
    SCIENCE = "science", _("Scientific article")
    GUIDE = "guide", _("Handbook / guide")
    MEDIA = "media", _("Audiovisual or pictorial document")
    THESIS = "thesis", _("Thesis / dissertation")
    MAP = "map", pgettext_lazy("source category", "Map")  # not the idea box's map view
    OTHER = "other", _("Other")


class Source(Contribution):
    opinion = models.ForeignKey(Opinion, null=True, blank=True, on_delete=models.CASCADE, related_name="sources")
    amendment = models.ForeignKey(Amendment, null=True, blank=True, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=200)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=RandomName("consultation/sources"), storage=private_storage, blank=True)
    category = models.CharField(_("category"), max_length=10, choices=SourceCategory.choices, default=SourceCategory.OTHER)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    external_id = models.CharField(max_length=80, blank=True, editable=False)

    objects = scoped_manager(queryset_class=ContributionQuerySet)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opinion__isnull=False, amendment__isnull=True) | Q(opinion__isnull=True, amendment__isnull=False),
                name="source_on_one_target",
            ),
            models.CheckConstraint(condition=~Q(link="") | ~Q(file=""), name="source_has_link_or_file"),
        ]

    def __str__(self):
        return self.title

    @property
    def target(self):
        return self.opinion if self.opinion_id else self.amendment

    @property
    def url(self):
        return self.link or (reverse("consultation:source_file", args=[self.pk]) if self.file else "")

    def get_absolute_url(self):
        return f"{self.target.get_absolute_url()}#source-{self.pk}"


class Debate(InstanceOwned, ForAgainstCounters):
    """A question with two face-to-face statements; participants vote for or against and argue."""

    step = models.ForeignKey("projects.Step", on_delete=models.CASCADE, related_name="debates", verbose_name=_("step"))
    question = models.CharField(_("question"), max_length=300)
    body = RichTextField(_("context"), blank=True)
    statement_for = RichTextField(_("statement for"))
    statement_for_author = models.CharField(_("author of the statement for"), max_length=120, blank=True)
    statement_against = RichTextField(_("statement against"))
    statement_against_author = models.CharField(_("author of the statement against"), max_length=120, blank=True)
    allows_anonymous_votes = models.BooleanField(
        _("anonymous votes confirmed by e-mail"), default=False, help_text=_("Visitors without an account vote by confirming their e-mail address.")
    )
    # Anonymous votes confirmed by e-mail, counted apart from the accounts' votes of the vote engine.
    anonymous_for = models.PositiveIntegerField(default=0, editable=False)
    anonymous_against = models.PositiveIntegerField(default=0, editable=False)
    arguments_for_count = models.PositiveIntegerField(default=0, editable=False)
    arguments_against_count = models.PositiveIntegerField(default=0, editable=False)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("debate")
        verbose_name_plural = _("debates")
        ordering = ["step", "pk"]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("consultation:debate", args=[self.pk])

    @property
    def total_for(self):
        return self.votes_for + self.anonymous_for

    @property
    def total_against(self):
        return self.votes_against + self.anonymous_against


class DebateArgument(Contribution, UsefulCounters):
    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="arguments")
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    body = models.TextField(_("argument"), max_length=2000)

    objects = scoped_manager(queryset_class=ContributionQuerySet)

    class Meta:
        verbose_name = _("debate argument")
        verbose_name_plural = _("debate arguments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.debate.get_absolute_url()}#argument-{self.pk}"


class AnonymousDebateVote(InstanceOwned):
    """A vote by e-mail: counted once its address is confirmed, one per address and debate."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="anonymous_votes")
    email = models.EmailField()
    side = models.CharField(max_length=8, choices=Side.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = scoped_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["debate", "email"], name="one_anonymous_vote_per_email")]
