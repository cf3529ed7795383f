"""A questionnaire's submitted replies as an exporter: streamed as CSV by the view, or built by a background job (XLSX)."""

from django.utils.translation import gettext_lazy as _

from participe.forms.export import ReplyExporter
from participe.forms.models import Reply
from participe.modules.questionnaires.models import Questionnaire


class QuestionnaireReplyExporter(ReplyExporter):
    title = _("Replies")

    def __init__(self, questionnaire):
        replies = Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire, is_draft=False)
        super().__init__(questionnaire.form.definition(), replies, filename=f"questionnaire-{questionnaire.pk}")

    @classmethod
    def for_job(cls, questionnaire_id):
        # Runs in the job, inside the job's instance scope: the scoped manager finds only that instance's questionnaire.
        return cls(Questionnaire.objects.select_related("form").get(pk=questionnaire_id))
