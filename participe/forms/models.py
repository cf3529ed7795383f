"""Form definitions (questions, choices, logic jumps), replies and the aggregated answer counts.

A reply keeps all its answers in one JSON document (`Reply.answers`, keyed by question id):
one row per reply, written atomically, read back in one piece by exports and edits, even
for forms of hundreds of questions. Uploaded files live in `AnswerFile` rows. Results pages
never read replies: they sum `AnswerStat` rows, kept up to date in each reply's transaction.
"""

import secrets
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.storage import RandomName, private_storage, public_storage
from participe.forms.definition import FormDefinition
from participe.forms.locks import locked_reason
from participe.forms.question_types import question_types
from participe.instances.scoping import InstanceOwned, scoped_manager


class Form(InstanceOwned):
    """A list of questions. Whoever uses it (a questionnaire, a proposal form…) points to it."""

    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def definition(self):
        """The form with its questions, choices and jumps loaded in three queries."""
        questions = list(Question.objects.filter(form=self).order_by("position", "pk"))
        choices = defaultdict(list)
        for choice in Choice.objects.filter(question__form=self).order_by("position", "pk"):
            choices[choice.question_id].append(choice)
        jumps = defaultdict(list)
        for jump in LogicJump.objects.filter(question__form=self).order_by("position", "pk"):
            jumps[jump.question_id].append(jump)
        by_id = {q.pk: q for q in questions}
        for question in questions:
            question.choice_list = choices[question.pk]
        for question_jumps in jumps.values():
            for jump in question_jumps:
                jump.question = by_id[jump.question_id]
        return FormDefinition(self, questions, dict(jumps))


class Question(InstanceOwned):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="questions", verbose_name=_("form"))
    position = models.PositiveIntegerField(_("position"), default=0)
    type = models.CharField(_("type"), max_length=30, choices=question_types.choices)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    private = models.BooleanField(
        _("private"), default=False, help_text=_("Left out of the public results (still in the exports).")
    )
    hidden = models.BooleanField(_("hidden"), default=False, help_text=_("Not shown to participants."))
    config = models.JSONField(
        _("settings of the question type"),
        default=dict,
        blank=True,
        help_text=_("E.g. {\"min\": 0, \"max\": 10} for a number, {\"levels\": 7} for a majority judgment."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["form", "position", "pk"]
        indexes = [models.Index(fields=["form", "position"])]

    def __str__(self):
        return self.title

    @property
    def question_type(self):
        return question_types[self.type]

    @property
    def field_name(self):
        return f"q{self.pk}"

    def clean(self):
        reason = self.form_id and locked_reason(self.form)
        if reason:
            raise ValidationError(reason)
        if self.type not in question_types:
            raise ValidationError({"type": _("Unknown question type.")})
        errors = self.question_type.check_config(self.config or {})
        if errors:
            raise ValidationError({"config": errors})


class Choice(InstanceOwned):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=300)
    description = models.CharField(_("description"), max_length=500, blank=True)
    image = models.ImageField(_("image"), upload_to=RandomName("forms/choices"), storage=public_storage, blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    is_other = models.BooleanField(
        _("\"other\" with free text"), default=False, help_text=_("Ticking it asks for a text.")
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.label


class LogicJump(InstanceOwned):
    """After `question`: if its answer is (or is not) `choice`, go to `destination` (None: end of the form).

    A jump with condition ALWAYS is the question's default destination, used when no other jump matches.
    """

    class Condition(models.TextChoices):
        IS = "is", _("the answer is")
        IS_NOT = "is_not", _("the answer is not")
        ALWAYS = "always", _("always (default destination)")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="jumps", verbose_name=_("question"))
    position = models.PositiveIntegerField(_("position"), default=0)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, default=Condition.IS)
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("choice")
    )
    destination = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("go to"),
        help_text=_("Leave empty to go to the end of the form."),
    )

    class Meta:
        verbose_name = _("logic jump")
        verbose_name_plural = _("logic jumps")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return f"{self.question} → {self.destination or _('end')}"

    def matches(self, stored):
        if self.condition == self.Condition.ALWAYS:
            return True
        if stored in (None, "", [], {}):
            return False
        chosen = question_types[self.question.type].chosen_ids(stored)
        hit = self.choice_id in chosen
        return hit if self.condition == self.Condition.IS else not hit


def new_token():
    return secrets.token_urlsafe(24)


class Reply(InstanceOwned):
    """One person's answers to a form. Drafts are kept until submitted, resumed by account or by token."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="replies", verbose_name=_("form"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    # Answers keyed by str(question id); the stored shape of each value is its question type's.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Where the respondent stands (page index) while the reply is a draft.
    page = models.PositiveIntegerField(default=0)
    is_draft = models.BooleanField(_("draft"), default=True, db_index=True)
    # The author's user type when submitted: a results filter.
    segment = models.CharField(_("user type"), max_length=60, blank=True)
    # Resumes an anonymous draft (kept in a signed cookie); also a stable seed for random choice orders.
    token = models.CharField(max_length=40, default=new_token, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["form", "pk"]
        indexes = [models.Index(fields=["form", "is_draft", "submitted_at"])]

    def __str__(self):
        return f"{_('Reply')} {self.pk}"


class AnswerFile(InstanceOwned):
    """A file given as an answer: private, served to staff only."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="files")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=RandomName("forms/answers"), storage=private_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("file answer")
        verbose_name_plural = _("file answers")


class AnswerStat(models.Model):
    """How many submitted replies gave `key` to `question`, per user type and day (sums make the results).

    Not InstanceOwned on purpose: rows are only ever read through their question's form, which is.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    segment = models.CharField(max_length=60, default="")
    day = models.DateField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "key", "segment", "day"], name="forms_answerstat_unique")
        ]

    def __str__(self):
        return f"{self.question_id} {self.key}: {self.count}"


class ReplyCount(models.Model):
    """Submitted replies per form, user type and day: the denominators of the results."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="+")
    segment = models.CharField(max_length=60, default="")
    day = models.DateField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["form", "segment", "day"], name="forms_replycount_unique")]

    def __str__(self):
        return f"{self.form_id} {self.segment} {self.day}: {self.count}"
