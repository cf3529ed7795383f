from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Consultation, Opinion, Section
from participe.projects.models import Project, Step

ARTICLE = (
    "<p>L’État et les collectivités territoriales proposent, sur chaque site internet public, "
    "une version dans au moins une langue régionale.</p>"
)


@pytest.fixture(autouse=True)
def _english(monkeypatch, settings):
    """Assertions read the English source strings (the French catalogue is tested apart): every test
    client carries the language cookie a visitor sets with the language switcher."""
    original = Client.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    monkeypatch.setattr(Client, "__init__", init)


def build_consultation(instance, state="open", opinions=1, author=None):
    now = timezone.now()
    dates = {
        "open": (now - timedelta(days=1), now + timedelta(days=1)),
        "future": (now + timedelta(days=1), now + timedelta(days=2)),
        "closed": (now - timedelta(days=2), now - timedelta(days=1)),
    }[state]
    with in_instance(instance):
        project = Project.objects.create(title="Loi", slug=f"loi-{state}", is_published=True)
        step = Step.objects.create(project=project, type="consultation", title="Consultation", slug="c", starts_at=dates[0], ends_at=dates[1])
        consultation = Consultation.objects.create(step=step, title="Projet de loi")
        top = Section.objects.create(consultation=consultation, title="Titre I", kind="title", position=1, allows_opinions=False)
        section = Section.objects.create(consultation=consultation, parent=top, title="Section 1", position=1)
        created = [
            Opinion.objects.create(
                step=step, consultation=consultation, section=section, author=author, title=f"Article {n}",
                body=ARTICLE, is_official=True, position=n, votes_agree=n, votes_disagree=10 - n, votes_total=10,
            )
            for n in range(1, opinions + 1)
        ]
        Section.objects.filter(pk=section.pk).update(opinions_count=len(created))
        section.refresh_from_db()
    return {"project": project, "step": step, "consultation": consultation, "section": section, "opinions": created}


@pytest.fixture
def open_a(instance_a, admin_a):
    return build_consultation(instance_a, "open", author=admin_a)


@pytest.fixture
def amendment_a(open_a, participant_a, instance_a):
    with in_instance(instance_a):
        amendment = Amendment.objects.create(
            step=open_a["step"], opinion=open_a["opinions"][0], author=participant_a, title="Deux langues",
            body=ARTICLE.replace("au moins une langue", "au moins deux langues"), explanation="Plus de langues.",
        )
        Opinion.objects.filter(pk=amendment.opinion_id).update(amendments_count=1)
        Section.objects.filter(pk=open_a["section"].pk).update(amendments_count=1)
        return amendment
