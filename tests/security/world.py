"""The objects of one instance, built by every app that owns some, marked so a leak is easy to spot.

The crawler builds a world for instance B (marked `B_MARKER`) and requests B's objects on
instance A's host: any response carrying the marker is a leak. A module adds its objects by
appending a builder:

    @builder
    def proposals(instance, people, marker):
        form = ProposalForm.objects.create(step=..., title=f"{marker} form")
        return {"proposal_form": form, "proposal": Proposal.objects.create(..., title=f"{marker} proposal")}

A builder runs inside the instance's scope; `people` holds the accounts (participant, admin,
moderator, other); every text it writes should contain `marker` (slugs: `marker` is slug-safe).
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from participe.instances.scoping import in_instance

A_MARKER = "zqamarker"
B_MARKER = "zqbmarker"

BUILDERS = []


def builder(function):
    BUILDERS.append(function)
    return function


@dataclass
class World:
    instance: object
    marker: str
    people: dict
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None

    def of_model(self, model):
        return [obj for obj in self.objects.values() if type(obj) is model]


def build_world(instance, people, marker):
    world = World(instance=instance, marker=marker, people=people)
    world.objects.update(people)
    with in_instance(instance):
        for build in BUILDERS:
            world.objects.update(build(instance, people, marker) or {})
    return world


# Builders of the apps that exist -------------------------------------------------------------


@builder
def instance_itself(instance, people, marker):
    return {"instance": instance}


@builder
def projects(instance, people, marker):
    from participe.projects.models import Project, Step

    project = Project.objects.create(
        title=f"Projet {marker}", slug=f"{marker}-projet", summary=f"Résumé {marker}", is_published=True
    )
    step = Step.objects.create(project=project, type="presentation", title=f"Étape {marker}", slug=f"{marker}-etape")
    hidden = Project.objects.create(title=f"Brouillon {marker}", slug=f"{marker}-brouillon", is_published=False)
    return {"project": project, "step": step, "draft_project": hidden}


@builder
def taxonomy(instance, people, marker):
    from participe.site.models import District, Theme

    return {
        "theme": Theme.objects.create(name=f"Thème {marker}", slug=f"{marker}-theme"),
        "district": District.objects.create(name=f"Quartier {marker}", slug=f"{marker}-quartier"),
    }


@builder
def comments_and_moderation(instance, people, marker):
    """A comment on the project, reported: a comment, its moderation case and the report."""
    try:
        from participe.comments.models import Comment
        from participe.moderation import services as moderation
    except ImportError:  # a module removed from the deployment
        return {}
    from participe.projects.models import Project

    project = Project.objects.get(slug=f"{marker}-projet")
    comment = Comment.objects.create(target=project, author=people["participant"], body=f"Commentaire {marker}")
    moderation.report(people["other"], comment, "offensive", f"Signalement {marker}")
    case = comment_case(comment)
    return {"comment": comment, "moderation_case": case}


def comment_case(comment):
    from participe.moderation.models import ModerationCase

    return ModerationCase.objects.of(comment).first()


# Module builders: every object a URL pattern names, so the crawler requests each pattern with a real one.


def _open_step(project, kind, marker, name, **fields):
    from datetime import timedelta

    from django.utils import timezone

    from participe.projects.models import Step

    now = timezone.now()
    return Step.objects.create(
        project=project, type=kind, title=f"{name} {marker}", slug=f"{marker}-{name}",
        starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=10), **fields,
    )


def _project(marker):
    from participe.projects.models import Project

    return Project.objects.get(slug=f"{marker}-projet")


@builder
def consultation(instance, people, marker):
    """A consultation step with its text, contributions of each kind, a debate step and a ranking step."""
    try:
        from participe.modules.consultation.models import (
            Amendment,
            Argument,
            Consultation,
            Debate,
            DebateArgument,
            Opinion,
            Section,
            Source,
        )
    except ImportError:
        return {}
    project = _project(marker)
    step = _open_step(project, "consultation", marker, "consultation")
    text = Consultation.objects.create(step=step, title=f"Texte {marker}", body=f"<p>Introduction {marker}</p>")
    top = Section.objects.create(
        consultation=text, title=f"Titre {marker}", kind="title", position=1, allows_opinions=False
    )
    section = Section.objects.create(consultation=text, parent=top, title=f"Section {marker}", position=1)
    article = Opinion.objects.create(
        step=step, consultation=text, section=section, author=people["admin"], title=f"Article {marker}",
        body=f"<p>Texte de l’article {marker}</p>", is_official=True, position=1,
    )
    amendment = Amendment.objects.create(
        step=step, opinion=article, author=people["participant"], title=f"Amendement {marker}",
        body=f"<p>Texte amendé {marker}</p>", explanation=f"Exposé {marker}",
    )
    argument = Argument.objects.create(
        step=step, opinion=article, author=people["participant"], side="for", body=f"Argument {marker}"
    )
    source = Source.objects.create(
        step=step, opinion=article, author=people["participant"], title=f"Source {marker}",
        link=f"https://example.org/{marker}",
    )
    source.file.save(f"{marker}.pdf", ContentFile(f"%PDF-1.4 {marker}\n".encode()))
    debate_step = _open_step(project, "debate", marker, "debat")
    debate = Debate.objects.create(
        step=debate_step, question=f"Question {marker} ?", statement_for=f"<p>Pour {marker}</p>",
        statement_against=f"<p>Contre {marker}</p>", allows_anonymous_votes=True,
    )
    debate_argument = DebateArgument.objects.create(
        step=debate_step, debate=debate, author=people["participant"], side="against", body=f"Argument {marker}"
    )
    ranking_step = _open_step(project, "ranking", marker, "classement")
    return {
        "consultation_step": step, "consultation": text, "section_title": top, "section": section,
        "opinion": article, "amendment": amendment, "argument": argument, "source": source,
        "debate_step": debate_step, "debate": debate, "debate_argument": debate_argument,
        "ranking_step": ranking_step,
    }


@builder
def proposals(instance, people, marker):
    """A collect step with a budget vote, a proposal in it (category, news, a ballot), and a ranking selection."""
    try:
        from participe.modules.proposals import ballots
        from participe.modules.proposals.models import (
            Category,
            ProgressStep,
            Proposal,
            ProposalNews,
            Selection,
            SelectionStatus,
        )
    except ImportError:
        return {}
    project = _project(marker)
    collect = _open_step(
        project, "collect", marker, "depot", settings={"vote": {"type": "budget", "budget": "100000"}}
    )
    category = Category.objects.create(step=collect, name=f"Catégorie {marker}")
    proposal = Proposal.objects.create(
        step=collect, author=people["participant"], title=f"Proposition {marker}", summary=f"Résumé {marker}",
        body=f"<p>Description {marker}</p>", category=category, estimated_cost=1000,
        latitude="45.750000", longitude="4.850000",
    )
    proposal.attachment.save(f"{marker}.pdf", ContentFile(f"%PDF-1.4 {marker}\n".encode()))
    news = ProposalNews.objects.create(proposal=proposal, title=f"Nouvelle {marker}", body=f"<p>Nouvelle {marker}</p>")
    selection_step = _open_step(
        project, "selection", marker, "selection", settings={"vote": {"type": "ranking", "ranking_size": 3}}
    )
    status = SelectionStatus.objects.create(step=selection_step, name=f"Retenue {marker}")
    selection = Selection.objects.create(proposal=proposal, step=selection_step, status=status)
    ballot = ballots.add(people["other"], collect, proposal).ballot
    progress = ProgressStep.objects.create(proposal=proposal, title=f"Travaux {marker}")
    return {
        "collect_step": collect, "proposal_category": category, "proposal": proposal, "proposal_news": news,
        "selection_step": selection_step, "selection_status": status, "selection": selection,
        "proposal_ballot": ballot, "progress_step": progress,
    }


@builder
def questionnaires(instance, people, marker):
    """A questionnaire step, a submitted reply of the participant and a draft of the other participant."""
    try:
        from participe.forms.models import AnswerFile, Form, Question, Reply
        from participe.modules.questionnaires.models import Questionnaire, QuestionnaireReply
    except ImportError:
        return {}
    step = _open_step(_project(marker), "questionnaire", marker, "questionnaire")
    form = Form.objects.create(title=f"Formulaire {marker}")
    question = Question.objects.create(form=form, type="long_text", title=f"Question {marker}", position=1)
    questionnaire = Questionnaire.objects.create(step=step, form=form, results_public=True)
    answers = {str(question.pk): f"Réponse {marker}"}
    reply = Reply.objects.create(form=form, author=people["participant"], answers=answers, is_draft=False)
    draft = Reply.objects.create(form=form, author=people["other"], answers=answers, is_draft=True)
    answer_file = AnswerFile(reply=reply, question=question, name=f"{marker}.pdf", content_type="application/pdf")
    answer_file.file.save(f"{marker}.pdf", ContentFile(f"%PDF-1.4 {marker}\n".encode()))
    return {
        "answer_file": answer_file,
        "questionnaire_step": step, "form": form, "question": question, "questionnaire": questionnaire,
        "reply": reply, "questionnaire_reply": QuestionnaireReply.objects.create(
            questionnaire=questionnaire, reply=reply, author=people["participant"]
        ),
        "draft_reply": draft, "questionnaire_draft": QuestionnaireReply.objects.create(
            questionnaire=questionnaire, reply=draft, author=people["other"]
        ),
    }


@builder
def votations(instance, people, marker):
    """A votation step open to accounts, the participant's ballot in the box (with its receipt)."""
    try:
        from participe.forms.models import Choice, Form, Question
        from participe.modules.votations.models import Ballot, Elector, Votation
        from participe.modules.votations.services import digest
    except ImportError:
        return {}
    from datetime import timedelta

    step = _open_step(_project(marker), "votation", marker, "votation")
    form = Form.objects.create(title=f"Bulletin {marker}")
    question = Question.objects.create(form=form, type="single_choice", title=f"Présidence {marker}", position=1)
    choice = Choice.objects.create(question=question, label=f"Candidat {marker}", position=1)
    votation = Votation.objects.create(step=step, form=form)
    elector = Elector.objects.create(votation=votation, account=people["participant"], has_voted=True)
    ballot = Ballot.objects.create(votation=votation, answers={str(question.pk): {"choice": choice.pk}})
    # An election by invitation: the invited elector's link carries a token (kept on the object for the crawler).
    list_step = _open_step(step.project, "votation", marker, "election")
    list_votation = Votation.objects.create(step=list_step, form=form, electorate="list")
    token = f"{marker}-invitation"
    invited = Elector.objects.create(votation=list_votation, email=f"{marker}@example.org", invitation_digest=digest(token))
    invited.invitation_token = token
    # A closed votation: its ballots and their receipts are published.
    closed_step = _open_step(step.project, "votation", marker, "scrutin-clos")
    closed_step.starts_at, closed_step.ends_at = closed_step.starts_at - timedelta(days=5), closed_step.starts_at
    closed_step.save(update_fields=["starts_at", "ends_at"])
    closed = Votation.objects.create(step=closed_step, form=form)
    closed_ballot = Ballot.objects.create(votation=closed, answers={str(question.pk): {"choice": choice.pk}})
    return {
        "closed_votation": closed, "closed_ballot": closed_ballot,
        "votation_step": step, "votation": votation, "elector": elector, "votation_ballot": ballot,
        "list_votation_step": list_step, "list_votation": list_votation, "invited_elector": invited,
    }


@builder
def website(instance, people, marker):
    """A published page, a blog post and an event open to registration, with the participant registered."""
    from datetime import timedelta

    from django.utils import timezone

    from participe.site.models import Event, Page, Post, Registration

    page = Page.objects.create(title=f"Page {marker}", slug=f"{marker}-page", body=f"<p>{marker}</p>", is_published=True)
    post = Post.objects.create(title=f"Article {marker}", slug=f"{marker}-billet", body=f"<p>{marker}</p>")
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        title=f"Réunion {marker}", slug=f"{marker}-reunion", description=f"<p>{marker}</p>", starts_at=starts,
        ends_at=starts + timedelta(hours=2), address=f"Salle {marker}", registration_open=True, capacity=50,
    )
    registration = Registration.objects.create(event=event, user=people["participant"], status="confirmed")
    return {"page": page, "post": post, "event": event, "registration": registration}


@builder
def personal_things(instance, people, marker):
    """A notification, an attachment and an export job of the participant."""
    from django.core.files.base import ContentFile

    from participe.attachments.models import Attachment
    from participe.exports.models import Job
    from participe.notifications.models import Notification

    project = _project(marker)
    notification = Notification.objects.create(
        user=people["participant"], kind="comment", message=f"Notification {marker}", url=project.get_absolute_url()
    )
    attachment = Attachment(
        target=project, kind="document", original_name=f"{marker}.pdf", size=9, mime_type="application/pdf",
        uploaded_by=people["admin"],
    )
    attachment.file.save(f"{marker}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    job = Job(user=people["admin"], title=f"Export {marker}", task="none", status="succeeded", result_name=f"{marker}.csv")
    job.result.save(f"{marker}.csv", ContentFile(f"{marker}\n".encode()), save=False)
    job.save()
    return {"notification": notification, "attachment": attachment, "export_job": job}


@builder
def toy_petition(instance, people, marker):
    """The toy module's petition step (the app is installed by tests/settings.py only)."""
    from django.apps import apps

    if not apps.is_installed("tests.toy_petition"):
        return {}
    return {"petition_step": _open_step(_project(marker), "petition", marker, "petition")}


@builder
def participant_group(instance, people, marker):
    """A group with the participant in it (the back office's groups and their members)."""
    from participe.accounts.models import ParticipantGroup

    group = ParticipantGroup.objects.create(name=f"Groupe {marker}")
    group.members.add(people["participant"])
    return {"participant_group": group}


@builder
def website_structure(instance, people, marker):
    """A home section and a menu item (the website's back office edits, orders and switches them)."""
    from participe.site.models import HomeSection, MenuItem

    section = HomeSection.objects.create(kind="custom_text", title=f"Section {marker}", body=f"<p>{marker}</p>")
    item = MenuItem.objects.create(label=f"Lien {marker}", url=f"https://example.org/{marker}")
    return {"home_section": section, "menu_item": item}
