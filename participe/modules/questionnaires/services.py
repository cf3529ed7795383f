"""Replying to a questionnaire: find or start the respondent's reply, submit it, acknowledge it."""

from django.db import IntegrityError, transaction

from participe.core.mail import send_email
from participe.forms import replies
from participe.forms.models import Form, Reply
from participe.modules.questionnaires.models import QuestionnaireReply
from participe.participation.participants import note_participant_in_step

COOKIE_SALT = "questionnaire-draft"


def cookie_name(questionnaire):
    return f"questionnaire-{questionnaire.pk}"


def _replies_of(questionnaire):
    return Reply.objects.filter(form_id=questionnaire.form_id, questionnaire_reply__questionnaire=questionnaire)


def current_reply(questionnaire, user, token=None):
    """The draft to resume (by account, or by the anonymous cookie token), else the single submitted reply to edit.

    Returns an unsaved Reply when there is nothing to resume.
    """
    found = None
    if user.is_authenticated:
        mine = _replies_of(questionnaire).filter(author=user)
        found = mine.filter(is_draft=True).order_by("-pk").first()
        if found is None and not questionnaire.multiple_replies:
            found = mine.order_by("-pk").first()
    elif token:
        found = _replies_of(questionnaire).filter(token=token, author__isnull=True, is_draft=True).first()
    return found or Reply(form_id=questionnaire.form_id, instance_id=questionnaire.instance_id, author=user if user.is_authenticated else None)


def reply_of(questionnaire, user, reply_id):
    """A submitted reply of `user` to edit, or None."""
    if not user.is_authenticated:
        return None
    return _replies_of(questionnaire).filter(author=user, pk=reply_id).first()


def my_replies(questionnaire, user):
    if not user.is_authenticated:
        return Reply.objects.none()
    return _replies_of(questionnaire).filter(author=user, is_draft=False).order_by("-submitted_at")


def ensure_saved(questionnaire, reply):
    """Write a new reply (and its link) the first time something is saved. Returns the reply to use:
    an existing one when a parallel request created it first (one reply per account)."""
    if reply.pk:
        return reply
    try:
        with transaction.atomic():
            reply.save()
            QuestionnaireReply.objects.create(
                questionnaire=questionnaire,
                reply=reply,
                author=reply.author,
                one_per_person=not questionnaire.multiple_replies,
                instance_id=questionnaire.instance_id,
            )
    except IntegrityError:
        return current_reply(questionnaire, reply.author)
    return reply


def submit(questionnaire, reply, definition, user):
    """Submit a draft; acknowledge by e-mail. False if it was already submitted."""
    segment = user.user_type if user.is_authenticated else ""
    if not replies.submit(reply, definition, segment=segment):
        return False
    note_participant_in_step(user, questionnaire.step)
    if user.is_authenticated and questionnaire.acknowledge_by_email:
        transaction.on_commit(
            lambda: send_email(
                questionnaire.instance,
                user.email,
                "questionnaire_reply_ack",
                {"name": user.public_name, "questionnaire": questionnaire, "step": questionnaire.step},
            )
        )
    return True


def import_reply_factory(questionnaire):
    from django.utils import timezone

    def create(segment, answers):
        reply = Reply.objects.create(
            form_id=questionnaire.form_id, answers=answers, segment=segment, is_draft=False, submitted_at=timezone.now()
        )
        QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=reply, one_per_person=False)
        return reply

    return create


def personal_replies(user):
    """GDPR export: the account's replies, as exported (question titles and answer texts)."""
    out, definitions = [], {}
    for reply in Reply.objects.filter(author=user).select_related("questionnaire_reply__questionnaire__step").order_by("pk"):
        if reply.form_id not in definitions:
            definitions[reply.form_id] = Form.objects.get(pk=reply.form_id).definition()
        definition = definitions[reply.form_id]
        link = getattr(reply, "questionnaire_reply", None)
        out.append({
            "questionnaire": str(link.questionnaire) if link else definition.form.title,
            "draft": reply.is_draft,
            "submitted_at": reply.submitted_at,
            "answers": {
                q.title: q.question_type.export_text(reply.answers[str(q.pk)], q)
                for q in definition.input_questions if str(q.pk) in reply.answers
            },
        })
    return out
