"""The GDPR export's section of this module: what the account wrote in consultations and debates."""

from participe.modules.consultation.models import Amendment, Argument, DebateArgument, Opinion, Source


def _rows(model, fields, user):
    return list(model.objects.filter(author=user).order_by("created_at", "pk").values("id", *fields))


def contributions_of(user):
    common = ("status", "created_at", "step_id")
    return {
        "opinions": _rows(Opinion, ("title", "body", *common), user),
        "amendments": _rows(Amendment, ("title", "body", "explanation", *common), user),
        "arguments": _rows(Argument, ("side", "body", *common), user),
        "sources": _rows(Source, ("title", "link", "description", *common), user),
        "debate_arguments": _rows(DebateArgument, ("side", "body", *common), user),
    }
