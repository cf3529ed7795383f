"""A whole participation, in a real browser (JS off, and on with axe), only through /gestion/ and the public site.

From an empty instance, the administrator creates a project with: a consultation imported from a Markdown text with
3 sections; a questionnaire of 10 questions (two with settings, one required on a second page) with a logic jump to
its end; districts (website → districts); an idea box asking for a category, a district and a map point; a budget
vote per district (a selection step with one envelope per district); a votation with a list electorate and a ballot
of one question; a blog post with an image and its alt text; an event. Every step is published, then the project.

Then a participant takes part in each, as a citizen on the public site: votes on an article of the consultation and
amends it, answers the questionnaire (the jump to the end taken), submits an idea placed on the map, reports another
participant's comment, votes in the votation with the link of their invitation (list membership), and — once the
organiser has analysed the idea (decision, move into the budget vote) — fills the budget ballot of their district.

Back to the organiser: they moderate the report (/gestion/moderation/), compute and publish the budget results,
export the questionnaire (the CSV downloaded holds the participant's answers), close the votation, count and publish
its results. Every address the browser requests is recorded: none is under /admin/.

With SCREENSHOTS=1 (`make screenshots`), the JS run pictures each screen into docs/organisers/img/ for the
organisers' guide ("Parcours complet" in docs/organisers/README.md).
"""

import csv
import io
import os
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.consultation.gestion_helpers import MARKDOWN
from tests.journeys.steps import link_ever_sent_to, log_in, log_out
from tests.journeys.test_consultation_journey import vote as vote_on_article
from tests.journeys.test_proposals_journey import _add_to_ballot

pytestmark = pytest.mark.browser

PICTURES_DIR = Path(__file__).resolve().parents[2] / "docs" / "organisers" / "img"
ADMIN, CITIZEN, NEIGHBOUR = "admin@example.org", "camille@example.org", "dominique@example.org"
IDEA = "Un jardin partagé rue des Lilas"
MISSING_SERVICE = "Un guichet en ligne pour les cantines"


def _picture(journey, name):
    if os.environ.get("SCREENSHOTS") == "1" and journey.mode == "js":
        PICTURES_DIR.mkdir(parents=True, exist_ok=True)
        journey.page.screenshot(path=PICTURES_DIR / f"parcours-{name}.png")


def _local(delta=timedelta(0)):
    """A moment as the back office's date fields take it (the instance's time zone, to the minute)."""
    return timezone.localtime(timezone.now() + delta, ZoneInfo("Europe/Paris")).strftime("%Y-%m-%dT%H:%M")


def _text(journey):
    return journey.page.text_content("main").replace("\xa0", " ").replace("\u202f", " ")


def _add_step(journey, s, type_key, title):
    from participe.projects.models import Step

    journey.visit(f"/gestion/projects/{s.project.pk}/")
    journey.press("main a[href$='/steps/new/']", checkpoint=f"add-step-{type_key}")
    journey.tick(f"input[name=type][value={type_key}]")
    journey.fill("#id_title", title)
    if type_key == "collect":
        _picture(journey, "ajout-etape")
    journey.submit(checkpoint=f"step-{type_key}")
    with in_instance(s.site):
        step = Step.objects.get(project=s.project, title=title)
    assert journey.path == f"/gestion/steps/{step.pk}/"
    return step


def _publish_step(journey, step):
    journey.visit(f"/gestion/steps/{step.pk}/")
    journey.press("main form[action$='/publish/'] button[type=submit]")
    assert "L'étape est publiée." in journey.page.content(), _text(journey)


def _add_question(journey, type_key, title):
    journey.press("main a[href$='/questions/new/']")
    journey.tick(f"input[name=type][value={type_key}]")
    journey.fill("#id_title", title)
    journey.submit()


def _switch(journey, email):
    """The person at the browser changes: the one signed in signs out, the next one signs in."""
    if journey.sees("nav.account-nav form[action='/accounts/logout/']"):
        log_out(journey)
    log_in(journey, email, PASSWORD)


# The organiser sets up -----------------------------------------------------------------------------------------


def _create_project(journey, s):
    from participe.projects.models import Project

    journey.visit("/")
    log_in(journey, ADMIN, PASSWORD)
    journey.press("nav.account-nav a[href='/gestion/']", checkpoint="dashboard")
    journey.press("nav.gestion__nav a[href='/gestion/projects/']", checkpoint="projects")
    journey.press("main a[href='/gestion/projects/new/']", checkpoint="project-form")
    journey.fill("#id_title", "Ville numérique 2027")
    journey.fill("#id_body", "Un texte à amender, un questionnaire, des idées, un budget et une votation.")
    _picture(journey, "nouveau-projet")
    journey.submit(checkpoint="project")
    with in_instance(s.site):
        s.project = Project.objects.get()


def _set_up_consultation(journey, s, tmp_path):
    from participe.modules.consultation.models import Opinion, Section

    step = _add_step(journey, s, "consultation", "Le texte en consultation")
    with in_instance(s.site):
        consultation = step.consultations.get()
    journey.visit(f"/gestion/consultation/{consultation.pk}/import/", checkpoint="import")
    text = tmp_path / "texte.md"
    text.write_text(MARKDOWN, encoding="utf-8")
    journey.page.set_input_files("#id_document", str(text))
    journey.submit(checkpoint="import-preview")
    _picture(journey, "import-markdown")
    journey.press("main form[action$='/import/confirm/'] button[type=submit]", checkpoint="imported")
    with in_instance(s.site):
        assert Section.objects.filter(consultation=consultation).count() == 3
        s.article = Opinion.objects.get(consultation=consultation, title="Article 1")
    journey.visit(f"/gestion/steps/{step.pk}/", checkpoint="consultation-step")
    journey.press("main form[action$='/publish/'] button[type=submit]", checkpoint="consultation-published")
    assert "L'étape est publiée." in journey.page.content()


def _set_up_questionnaire(journey, s):
    """10 questions: a text of 120 characters at most, a choice in random order whose "Jamais" jumps to the end,
    then a second page whose first question is required."""
    from participe.forms.models import LogicJump, Question

    step = _add_step(journey, s, "questionnaire", "Votre avis sur le numérique")
    with in_instance(s.site):
        s.questionnaire = step.questionnaire
        form_id = s.questionnaire.form_id
    journey.press(f"main a[href='/gestion/forms/{form_id}/']", checkpoint="form")
    _add_question(journey, "short_text", "Le service qui vous manque")
    journey.fill("#id_settings-max_length", "120")
    journey.submit(checkpoint="form-with-text")
    _add_question(journey, "single_choice", "Utilisez-vous les services en ligne de la ville ?")
    journey.fill("#id_choices-0-label", "Souvent")
    journey.fill("#id_choices-1-label", "Jamais")
    journey.tick("#id_settings-random_order")
    journey.submit(checkpoint="form-with-choice")
    _add_question(journey, "section", "Vos usages")
    journey.submit()
    for number in range(3, 11):
        _add_question(journey, "short_text", f"Question {number}")
        if number == 3:
            journey.tick("#id_required")
        journey.submit()  # its settings page
    with in_instance(s.site):
        questions = Question.objects.filter(form_id=form_id)
        assert questions.exclude(type="section").count() == 10
        s.choice_question = questions.get(title__startswith="Utilisez-vous")
        s.text_question = questions.get(title="Le service qui vous manque")
        assert questions.get(title="Question 3").required
    journey.press(f"main a[href='/gestion/questions/{s.choice_question.pk}/logic/']", checkpoint="logic")
    journey.page.select_option("#id_jumps-0-choice", label="Jamais")
    journey.page.select_option("#id_jumps-0-destination", label="La fin du formulaire")
    journey.submit(checkpoint="form-with-jump")
    _picture(journey, "questionnaire-saut-logique")
    with in_instance(s.site):
        assert LogicJump.objects.get(question=s.choice_question).choice.label == "Jamais"
        s.choice_question.refresh_from_db()
        assert s.choice_question.config["random_order"] is True
    _publish_step(journey, step)


def _create_districts(journey, s):
    from participe.site.models import District

    journey.visit("/gestion/")
    journey.press("nav.gestion__nav a[href='/gestion/website/']", checkpoint="website")
    journey.press("main a[href='/gestion/website/districts/']", checkpoint="districts")
    for name in ("Nord", "Sud"):
        journey.press("main a[href='/gestion/website/districts/new/']")
        journey.fill("#id_name", name)
        journey.submit()
    with in_instance(s.site):
        s.north, s.south = District.objects.get(name="Nord"), District.objects.get(name="Sud")


def _set_up_idea_box(journey, s):
    """A collect step asking for a category, a district, a map point and a cost; two categories; two districts."""
    s.collect = _add_step(journey, s, "collect", "Boîte à idées")
    journey.press(f"main a[href='/gestion/steps/{s.collect.pk}/settings/']", checkpoint="collect-settings")
    for field in ("category", "district", "address", "estimated_cost"):
        journey.tick(f"#id_{field}_enabled")
    journey.submit()
    assert "Les réglages de l'étape sont enregistrés." in journey.page.content()
    journey.press(
        f"main a[href='/gestion/proposals/steps/{s.collect.pk}/categories/']", checkpoint="categories"
    )
    for name, colour in (("Mobilités", "#225588"), ("Nature en ville", "#2a7a4f")):
        journey.fill("#id_new-name", name)
        journey.page.fill("#id_new-colour", colour)
        journey.press("main form:has(input[name=form][value=add]) button[type=submit]")
    for district in (s.north, s.south):
        journey.tick(f"input[name=districts][value='{district.pk}']")
    journey.press("main form:has(input[name=form][value=districts]) button[type=submit]")
    assert "Les quartiers de l'étape sont enregistrés." in journey.page.content()
    _picture(journey, "boite-a-idees-categories")
    with in_instance(s.site):
        s.collect.refresh_from_db()
        assert set(s.collect.proposal_categories.values_list("name", flat=True)) == {
            "Mobilités",
            "Nature en ville",
        }
        assert s.collect.settings["fields"]["address"]["enabled"] is True
    _publish_step(journey, s.collect)


def _set_up_budget_vote(journey, s):
    """A selection step voting by budget, with an envelope for each of its two districts."""
    s.budget = _add_step(journey, s, "selection", "Vote du budget")
    journey.press(
        f"main a[href='/gestion/proposals/steps/{s.budget.pk}/categories/']", checkpoint="budget-districts"
    )
    for district in (s.north, s.south):
        journey.tick(f"input[name=districts][value='{district.pk}']")
    journey.press("main form:has(input[name=form][value=districts]) button[type=submit]")
    journey.press(f"main a[href='/gestion/steps/{s.budget.pk}/']")
    journey.press(f"main a[href='/gestion/proposals/steps/{s.budget.pk}/vote/']", checkpoint="budget-vote")
    journey.page.select_option("#id_vote_type", "budget")
    journey.fill(f"#id_envelope_{s.north.pk}", "70000")
    journey.fill(f"#id_envelope_{s.south.pk}", "30000")
    _picture(journey, "budget-par-quartier")
    journey.submit()
    assert "Le vote de l'étape est enregistré." in journey.page.content()
    with in_instance(s.site):
        s.budget.refresh_from_db()
        assert s.budget.settings["vote"]["district_budgets"] == {
            str(s.north.pk): "70000",
            str(s.south.pk): "30000",
        }
    _publish_step(journey, s.budget)


def _set_up_votation(journey, s):
    """Open from an hour ago for a week; the electorate is a list; the ballot asks one question."""
    from participe.forms.models import Question
    from participe.modules.votations.models import Elector, Votation

    step = _add_step(journey, s, "votation", "Votation sur la charte")
    journey.press(
        f"main a[href='/gestion/votations/steps/{step.pk}/settings/']", checkpoint="votation-settings"
    )
    journey.fill("#id_starts_at", _local(-timedelta(hours=1)))
    journey.fill("#id_ends_at", _local(timedelta(days=7)))
    journey.tick("input[name=electorate][value=list]")
    journey.submit()
    assert "Les réglages de la votation sont enregistrés." in journey.page.content()
    journey.visit(f"/gestion/votations/steps/{step.pk}/electorate/", checkpoint="votation-electorate")
    journey.fill("#id_lines", f"{CITIZEN}; Camille Martin")
    journey.submit(checkpoint="votation-list-preview", form="main form[enctype='multipart/form-data']")
    _picture(journey, "votation-liste-electorale")
    journey.submit(form="main form[action$='/electorate/import/']")
    with in_instance(s.site):
        s.votation = Votation.objects.get(step=step)
        assert s.votation.electorate == "list"
        assert Elector.objects.get(votation=s.votation).name == "Camille Martin"
    journey.visit(f"/gestion/steps/{step.pk}/")
    journey.press(f"main a[href='/gestion/forms/{s.votation.form_id}/']")
    _add_question(journey, "single_choice", "Adoptez-vous la charte ?")
    journey.fill("#id_choices-0-label", "Oui")
    journey.fill("#id_choices-1-label", "Non")
    journey.submit()
    with in_instance(s.site):
        s.ballot_question = Question.objects.get(form_id=s.votation.form_id)
        s.yes = s.ballot_question.choices.get(label="Oui")
    _publish_step(journey, step)


def _write_blog_post(journey, s, tmp_path):
    from PIL import Image

    from participe.site.models import Post

    picture = tmp_path / "atelier.png"
    Image.new("RGB", (640, 360), (34, 85, 136)).save(picture)
    journey.visit("/gestion/website/")
    journey.press("main a[href='/gestion/website/posts/']")
    journey.press("main a[href='/gestion/website/posts/new/']", checkpoint="post-form")
    journey.fill("#id_title", "La ville numérique, à vous de jouer")
    journey.fill("#id_summary", "Texte, questionnaire, idées, budget et votation : tout est ouvert.")
    journey.page.set_input_files("#id_cover", str(picture))
    journey.fill("#id_cover_alt", "Des habitants autour d'une table, ordinateurs ouverts")
    journey.fill("#id_body", "Participez jusqu'à la fin du mois.")
    journey.fill("#id_published_at", _local(-timedelta(minutes=5)))
    journey.tick("#id_is_published")
    journey.tick(f"input[name=projects][value='{s.project.pk}']")
    _picture(journey, "article-avec-image")
    journey.submit(checkpoint="posts")
    with in_instance(s.site):
        s.post = Post.objects.get()
        assert s.post.cover and s.post.cover_alt.startswith("Des habitants")


def _create_event(journey, s):
    from participe.site.models import Event

    journey.visit("/gestion/website/events/")
    journey.press("main a[href='/gestion/website/events/new/']", checkpoint="event-form")
    journey.fill("#id_title", "Atelier numérique")
    journey.fill("#id_description", "Venez découvrir la consultation avec nous.")
    journey.fill("#id_starts_at", _local(timedelta(days=10)))
    journey.fill("#id_ends_at", _local(timedelta(days=10, hours=2)))
    journey.fill("#id_address", "Médiathèque, place du Marché")
    journey.tick("#id_is_published")
    journey.submit(checkpoint="events")
    with in_instance(s.site):
        s.event = Event.objects.get()
        assert s.event.is_published


def _publish_project(journey, s):
    journey.visit(f"/gestion/projects/{s.project.pk}/", checkpoint="project-steps")
    _picture(journey, "projet-et-etapes")
    journey.press(f"main form[action='/gestion/projects/{s.project.pk}/publish/'] button[type=submit]")
    assert "Le projet est publié." in journey.page.content()
    with in_instance(s.site):
        s.project.refresh_from_db()
        assert s.project.is_published


# Participants take part -----------------------------------------------------------------------------------------


def _neighbour_comments(journey, s):
    from participe.comments.models import Comment

    _switch(journey, NEIGHBOUR)
    journey.visit(f"/consultation/opinion/{s.article.pk}/")
    journey.fill("form.comments__form textarea[name=body]", "Vous êtes tous des imbéciles.")
    journey.press("form.comments__form button[type=submit]")
    with in_instance(s.site):
        s.comment = Comment.objects.get()


def _citizen_on_the_consultation(journey, s):
    from participe.modules.consultation.models import Amendment

    _switch(journey, CITIZEN)
    journey.visit("/")
    journey.press(f"main a[href='{s.project.get_absolute_url()}']", checkpoint="public-project")
    journey.visit(f"/consultation/opinion/{s.article.pk}/", checkpoint="article")
    agree = f"#opinion-{s.article.pk} form[data-vote-widget] button[data-value='1']"
    vote_on_article(journey, agree, checkpoint="article-voted")
    assert journey.page.get_attribute(agree, "aria-pressed") == "true"
    journey.press(f"#amendments a[href='/consultation/opinion/{s.article.pk}/amend/']", checkpoint="amend")
    journey.fill("#id_title", "Des données ouvertes")
    journey.fill("#id_body", "Les administrations publient leurs données dans un format ouvert.")
    journey.fill("#id_explanation", "Publier ne suffit pas : il faut pouvoir les réutiliser.")
    journey.submit(checkpoint="amendment")
    with in_instance(s.site):
        amendment = Amendment.objects.get()
        assert amendment.author.email == CITIZEN
    assert journey.path.startswith(f"/consultation/amendment/{amendment.pk}/"), journey.path


def _citizen_reports_the_comment(journey, s):
    from participe.moderation.models import Report

    journey.visit(f"/consultation/opinion/{s.article.pk}/")
    journey.press(f"#comment-{s.comment.pk} a[href^='/moderation/report/']", checkpoint="report")
    journey.tick("input[name=reason][value=offensive]")
    journey.fill("#id_text", "Insulte envers les autres participants.")
    journey.submit()
    with in_instance(s.site):
        assert Report.objects.get().reporter.email == CITIZEN


def _citizen_answers_the_questionnaire(journey, s):
    from participe.forms.models import Reply

    questionnaire = s.questionnaire
    journey.visit(f"/questionnaires/{questionnaire.pk}/", checkpoint="questionnaire")
    journey.press(
        f"main a[href='/questionnaires/{questionnaire.pk}/reply/']", checkpoint="questionnaire-page-1"
    )
    with in_instance(s.site):
        never = s.choice_question.choices.get(label="Jamais")
    journey.tick(f"input[name='{s.choice_question.field_name}'][value='{never.pk}']")
    journey.fill(f"#id_{s.text_question.field_name}", MISSING_SERVICE)
    # "Jamais" jumps to the end: the page of the required question is skipped and the reply is sent at once.
    journey.press("main form.reply-form button[name=action][value=next]", checkpoint="questionnaire-sent")
    assert journey.path == f"/questionnaires/{questionnaire.pk}/"
    assert journey.sees(".message--success")
    with in_instance(s.site):
        reply = Reply.objects.get()
    assert not reply.is_draft and reply.author.email == CITIZEN
    assert reply.answers[str(s.text_question.pk)] == MISSING_SERVICE
    assert reply.answers[str(s.choice_question.pk)] == {"choice": never.pk}


def _citizen_submits_an_idea(journey, s):
    from participe.modules.proposals.models import Proposal

    journey.visit(f"/proposals/step/{s.collect.pk}/", checkpoint="idea-box")
    journey.press(f"main a[href='/proposals/step/{s.collect.pk}/new/']", checkpoint="idea-form")
    journey.fill("#id_title", IDEA)
    journey.fill("#id_summary", "Des bacs, un composteur et un point d'eau sur la friche.")
    journey.fill("#id_body", "La friche de la rue des Lilas attend un usage : cultivons-la ensemble.")
    journey.page.select_option("#id_category", label="Nature en ville")
    journey.page.select_option("#id_district", label="Nord")
    journey.fill("#id_address", "Rue des Lilas")
    journey.fill("#id_latitude", "43.6045")
    journey.fill("#id_longitude", "1.444")
    journey.fill("#id_estimated_cost", "40000")
    journey.press("main form[method=post] button[name=publish]", checkpoint="idea")
    with in_instance(s.site):
        s.idea = Proposal.objects.get()
        assert (s.idea.status, s.idea.district, s.idea.category.name) == (
            "published",
            s.north,
            "Nature en ville",
        )
        assert s.idea.latitude is not None
    # The idea box's map view lists it among the places on the map.
    journey.visit(f"/proposals/step/{s.collect.pk}/")
    journey.press("main nav.proposal-views a[href$='view=map']", checkpoint="idea-map")
    assert IDEA in journey.page.text_content("main table")


def _citizen_votes_in_the_votation(journey, s):
    from participe.modules.votations.models import Elector

    link = link_ever_sent_to(CITIZEN, "/invitation/")
    journey.visit(link, checkpoint="votation-invited")
    journey.tick(f"input[name='{s.ballot_question.field_name}'][value='{s.yes.pk}']")
    journey.submit(checkpoint="votation-receipt")
    assert journey.sees("strong.receipt")
    with in_instance(s.site):
        assert Elector.objects.get(votation=s.votation).has_voted


def _citizen_fills_the_budget_ballot(journey, s):
    from participe.modules.proposals.models import Ballot

    _switch(journey, CITIZEN)
    journey.visit(f"/proposals/step/{s.budget.pk}/", checkpoint="budget-ballot")
    _add_to_ballot(journey, s.idea)
    text = _text(journey)
    assert "Nord" in text and "30 000" in text, text  # 70 000 € for the north, 40 000 € spent
    with in_instance(s.site):
        ballot = Ballot.objects.get(step=s.budget)
        assert ballot.district == s.north and ballot.voter.email == CITIZEN


# Back to the organiser -----------------------------------------------------------------------------------------


def _organiser_analyses_the_idea(journey, s):
    from participe.modules.proposals.models import Selection

    _switch(journey, ADMIN)
    journey.visit(f"/gestion/steps/{s.collect.pk}/")
    journey.press(
        f"main a[href='/gestion/proposals/steps/{s.collect.pk}/proposals/']", checkpoint="idea-analysis"
    )
    journey.tick(f"input[name=proposals][value='{s.idea.pk}']")
    journey.page.select_option("#id_decision", "accepted")
    journey.fill("#id_official_answer", "Faisable : la friche appartient à la ville.")
    journey.press("main button[name=action][value=decide]")
    journey.tick(f"input[name=proposals][value='{s.idea.pk}']")
    journey.page.select_option("#move-target", label="Vote du budget")
    journey.press("main button[name=action][value=move]")
    _picture(journey, "analyse-des-idees")
    with in_instance(s.site):
        s.idea.refresh_from_db()
        assert s.idea.decision == "accepted"
        assert Selection.objects.filter(proposal=s.idea, step=s.budget).exists()


def _organiser_moderates_the_report(journey, s):
    from participe.moderation.models import ModerationCase

    with in_instance(s.site):
        case = ModerationCase.objects.get()
    journey.visit("/gestion/")
    journey.press("nav.gestion__nav a[href='/gestion/moderation/']", checkpoint="moderation-queue")
    journey.press(f"main a[href='/gestion/moderation/{case.pk}/']", checkpoint="moderation-case")
    _picture(journey, "moderation-signalement")
    hide_form = f"form[action='/gestion/moderation/{case.pk}/hide/']"
    journey.fill(f"{hide_form} input[name=reason]", "Propos insultants envers les autres participants.")
    journey.press(f"{hide_form} button[type=submit]", checkpoint="moderation-decided")
    s.comment.refresh_from_db()
    assert s.comment.status != "published", s.comment.status


def _organiser_publishes_the_budget_results(journey, s, new_page):
    journey.visit(f"/gestion/steps/{s.budget.pk}/")
    journey.press(
        f"main a[href='/gestion/proposals/steps/{s.budget.pk}/results/']", checkpoint="budget-results"
    )
    journey.press("main button[name=action][value=compute]")
    text = _text(journey)
    assert "Non publiés" in text and IDEA in text.split("Nord", 1)[1], text
    visitor = new_page(mode=journey.mode)  # another browser: nothing public before publication
    results_url = f"{journey.base_url}/proposals/step/{s.budget.pk}/results/"
    visitor.goto(results_url)
    assert IDEA not in visitor.text_content("main")
    journey.press("main button[name=action][value=publish]", checkpoint="budget-results-published")
    assert "Les résultats sont publiés." in journey.page.content()
    _picture(journey, "resultats-du-budget")
    visitor.goto(results_url)
    assert IDEA in visitor.text_content("main")


def _organiser_exports_the_questionnaire(journey, s):
    journey.visit(f"/gestion/steps/{s.questionnaire.step_id}/")
    journey.press(
        f"main a[href='/gestion/questionnaires/steps/{s.questionnaire.step_id}/export/']", checkpoint="export"
    )
    journey.tick("input[name=format][value=csv]")
    journey.submit(checkpoint="export-job")
    assert "Terminé" in _text(journey), _text(journey)
    with journey.page.expect_download() as download:
        journey.page.click("main a[href$='/download/']")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    header, *answers = rows
    assert len(answers) == 1, rows
    answer = dict(zip(header, answers[0], strict=False))
    assert answer[s.text_question.title] == MISSING_SERVICE, answer
    assert answer[s.choice_question.title] == "Jamais", answer


def _organiser_publishes_the_votation_results(journey, s):
    step_id = s.votation.step_id
    # The organiser closes the vote now (only the close may move once it is open), then counts.
    journey.visit(f"/gestion/votations/steps/{step_id}/settings/")
    journey.fill("#id_ends_at", _local())
    journey.submit()
    assert "Les réglages de la votation sont enregistrés." in journey.page.content(), _text(journey)
    journey.visit(f"/gestion/votations/steps/{step_id}/results/", checkpoint="votation-to-count")
    journey.submit(form="main form[action$='/results/count/']")
    assert "Oui" in _text(journey)
    journey.submit(form="main form[action$='/results/publish/']")
    assert "Les résultats sont publiés" in _text(journey)
    log_out(journey)
    journey.visit(f"/votations/{s.votation.pk}/", checkpoint="votation-published")
    assert "Oui" in _text(journey) and "100" in _text(journey)


@pytest.mark.parametrize("mode", ["nojs", "js"], indirect=True)
def test_a_whole_participation_from_gestion_to_the_participants_and_back(
    journey, site, tmp_path, new_page, mailoutbox
):
    # A long journey on a shared machine: slow pages are not failures. No tile server here.
    journey.page.set_default_timeout(60_000)
    requested = []
    journey.page.on("request", lambda request: requested.append(urlparse(request.url).path))
    journey.page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    make_user(site, ADMIN, display_name="Admin", is_instance_admin=True)
    make_user(site, CITIZEN, display_name="Camille")
    make_user(site, NEIGHBOUR, display_name="Dominique")
    s = SimpleNamespace(site=site)

    _create_project(journey, s)
    _set_up_consultation(journey, s, tmp_path)
    _set_up_questionnaire(journey, s)
    _create_districts(journey, s)
    _set_up_idea_box(journey, s)
    _set_up_budget_vote(journey, s)
    _set_up_votation(journey, s)
    _write_blog_post(journey, s, tmp_path)
    _create_event(journey, s)
    _publish_project(journey, s)

    # The public site shows the post with its image described, and the event in the agenda.
    log_out(journey)
    journey.visit(s.post.get_absolute_url(), checkpoint="public-post")
    assert journey.page.get_attribute("main img[src*='/media/']", "alt") == s.post.cover_alt
    journey.visit("/agenda/")
    journey.press(f"main a[href='{s.event.get_absolute_url()}']", checkpoint="public-event")

    _neighbour_comments(journey, s)
    _citizen_on_the_consultation(journey, s)
    _citizen_reports_the_comment(journey, s)
    _citizen_answers_the_questionnaire(journey, s)
    _citizen_submits_an_idea(journey, s)
    _citizen_votes_in_the_votation(journey, s)

    _organiser_analyses_the_idea(journey, s)
    _organiser_moderates_the_report(journey, s)
    _citizen_fills_the_budget_ballot(journey, s)
    _switch(journey, ADMIN)
    _organiser_publishes_the_budget_results(journey, s, new_page)
    _organiser_exports_the_questionnaire(journey, s)
    _organiser_publishes_the_votation_results(journey, s)

    assert requested and not [path for path in requested if path.startswith("/admin")]
