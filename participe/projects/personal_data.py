"""What the projects app knows about a participant, for their GDPR export."""

from participe.accounts import personal_data
from participe.projects.models import ParticipantIdentity, StepConsent


def _requirements_data(user):
    identity = ParticipantIdentity.objects.filter(user=user).first()
    return {
        "identity": {"first_name": identity.first_name, "last_name": identity.last_name} if identity else None,
        "consents": [
            {"project": c.step.project.title, "step": c.step.title, "text": c.text, "given_at": c.given_at}
            for c in StepConsent.objects.filter(user=user).select_related("step__project").order_by("given_at")
        ],
    }


personal_data.register("participation_requirements", _requirements_data)
