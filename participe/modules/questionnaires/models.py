"""A questionnaire step: a form put to participants, with its own reply rules."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participe.instances.scoping import InstanceOwned


class Questionnaire(InstanceOwned):
    step = models.OneToOneField(
        "projects.Step", on_delete=models.CASCADE, related_name="questionnaire", verbose_name=_("step")
    )
    form = models.ForeignKey("forms.Form", on_delete=models.PROTECT, related_name="+", verbose_name=_("form"))
    allow_anonymous = models.BooleanField(
        _("anonymous replies allowed"), default=False, help_text=_("People may reply without an account.")
    )
    multiple_replies = models.BooleanField(
        _("several replies per person"), default=False, help_text=_("Otherwise one reply per account, which it may edit.")
    )
    results_public = models.BooleanField(_("public results"), default=False)
    acknowledge_by_email = models.BooleanField(_("acknowledgement e-mail"), default=True)
    thanks_message = models.TextField(_("thank-you message"), blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return self.step.title

    def get_absolute_url(self):
        return reverse("questionnaires:detail", args=[self.pk])


class QuestionnaireReply(InstanceOwned):
    """Ties a form reply to its questionnaire and author; the database allows one per account where required."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="replies")
    reply = models.OneToOneField("forms.Reply", on_delete=models.CASCADE, related_name="questionnaire_reply")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Copied from the questionnaire when the reply is created: the constraint below cannot read another table.
    one_per_person = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("questionnaire reply")
        verbose_name_plural = _("questionnaire replies")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "author"],
                condition=Q(one_per_person=True, author__isnull=False),
                name="one_reply_per_account_per_questionnaire",
            )
        ]
