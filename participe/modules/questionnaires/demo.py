"""Demo content: a mobility survey of 15 questions on three pages, with a logic jump and a few replies."""

from datetime import timedelta

from participe.core import demo_content
from participe.forms import replies
from participe.forms.models import Choice, Form, LogicJump, Question, Reply
from participe.modules.questionnaires.models import Questionnaire, QuestionnaireReply
from participe.participation.participants import note_participant_in_step
from participe.projects.models import Project, Step

# (type, title, options): choices, required, config, help_text.
QUESTIONS = [
    ("section", "Vos déplacements", {}),
    ("single_choice", "Comment vous déplacez-vous le plus souvent ?",
     {"choices": ["Vélo", "Voiture", "Transports en commun", "À pied"], "other": True, "required": True}),
    ("number", "Combien de minutes dure votre trajet habituel ?", {"config": {"integer": True, "min": 0, "max": 240}}),
    ("multiple_choice", "Qu'est-ce qui vous freine le plus ?",
     {"choices": ["Le prix", "La sécurité", "Le temps", "Le manque d'information"], "config": {"min": 1, "max": 2},
      "help_text": "Une ou deux réponses."}),
    ("single_choice", "Votre quartier", {"choices": ["Centre", "Nord", "Sud", "Rives"], "config": {"widget": "select"}}),
    ("section", "Le vélo", {}),
    ("short_text", "Qu'est-ce qui manque le plus pour circuler à vélo ?", {}),
    ("ranking", "Classez ces aménagements cyclables",
     {"choices": ["Pistes séparées", "Stationnements sécurisés", "Ateliers de réparation"]}),
    ("date", "Depuis quand faites-vous du vélo en ville ?", {}),
    ("section", "Vos idées", {}),
    ("majority_judgment", "Jugez ces trois projets",
     {"choices": ["Tramway vers les Rives", "Zone piétonne du centre", "Navette électrique de nuit"], "required": True}),
    ("long_text", "Une idée pour mieux se déplacer ?", {}),
    ("email", "Votre e-mail, si vous souhaitez être tenu·e informé·e", {}),
    ("rna", "Répondez-vous au nom d'une association ? Son numéro RNA", {"help_text": "Facultatif, par exemple W751234567."}),
    ("phone", "Un téléphone pour participer à un atelier (facultatif)", {"private": True}),
]

# Replies: mode, minutes, brakes, district, bike text, ranking, grades (best = 6), idea, segment.
REPLIES = [
    ("Vélo", 20, ["La sécurité"], "Centre", "Des pistes continues", [0, 1, 2], [6, 4, 2], "Des arceaux devant l'école", "Habitant·e"),
    ("Voiture", 35, ["Le temps", "Le prix"], "Nord", "", None, [3, 2, 5], "Un parking relais au nord", "Habitant·e"),
    ("Transports en commun", 40, ["Le temps"], "Rives", "", None, [6, 3, 4], "Un bus toutes les dix minutes", "Association"),
    ("Vélo", 15, ["La sécurité", "Le manque d'information"], "Sud", "Un garage à vélos à la gare", [1, 0, 2], [5, 6, 1], "", "Habitant·e"),
    ("À pied", 10, ["Le manque d'information"], "Centre", "", None, [2, 6, 3], "Des trottoirs plus larges", "Entreprise"),
]


def _build_form():
    form = Form.objects.create(title="Enquête mobilités")
    questions = []
    for position, (kind, title, options) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(
            form=form, position=position, type=kind, title=title, required=options.get("required", False),
            private=options.get("private", False), help_text=options.get("help_text", ""), config=options.get("config", {}),
        )
        labels = list(options.get("choices", ()))
        for index, label in enumerate(labels, start=1):
            Choice.objects.create(question=question, label=label, position=index)
        if options.get("other"):
            Choice.objects.create(question=question, label="Autre", position=len(labels) + 1, is_other=True)
        questions.append(question)
    mode, ideas = questions[1], questions[9]
    # Only cyclists see the page about cycling: everyone else goes straight to "Vos idées".
    LogicJump.objects.create(question=mode, condition=LogicJump.Condition.IS_NOT, choice=mode.choices.get(label="Vélo"), destination=ideas)
    form.definition().check_logic()
    return form


def _answers(definition, row):
    mode, minutes, brakes, district, bike, ranking, grades, idea, _segment = row
    by_position = {q.position: q for q in definition.all_questions}

    def ids(question):
        return {c.label: c.pk for c in question.choice_list}

    answers = {
        str(by_position[2].pk): {"choice": ids(by_position[2])[mode]},
        str(by_position[3].pk): minutes,
        str(by_position[4].pk): {"choices": [ids(by_position[4])[b] for b in brakes]},
        str(by_position[5].pk): {"choice": ids(by_position[5])[district]},
        str(by_position[11].pk): {str(c.pk): grade for c, grade in zip(by_position[11].choice_list, grades, strict=True)},
    }
    if mode == "Vélo":
        answers[str(by_position[7].pk)] = bike
        answers[str(by_position[8].pk)] = [by_position[8].choice_list[i].pk for i in ranking]
    if idea:
        answers[str(by_position[12].pk)] = idea
    return answers


def load_demo(instance, accounts, now):
    project, _ = Project.objects.get_or_create(
        slug="mobilites-2026",
        defaults={"title": "Mobilités 2026", "summary": "Comment vous déplacez-vous ? Dites-le nous en dix minutes.",
                  "is_published": True},
    )
    step, created = Step.objects.get_or_create(
        project=project, slug="enquete",
        defaults={"type": "questionnaire", "title": "Enquête sur vos déplacements",
                  "starts_at": now - timedelta(days=10), "ends_at": now + timedelta(days=30)},
    )
    if not created:
        return
    form = _build_form()
    questionnaire = Questionnaire.objects.create(
        step=step, form=form, allow_anonymous=True, results_public=True,
        thanks_message="Merci ! Les résultats sont publics et mis à jour à chaque réponse.",
    )
    definition = form.definition()
    # Residents and anonymous visitors replied; the demo citizen has yet to (the questionnaire is theirs to fill).
    authors = [demo_content.resident(1, now), None, demo_content.resident(2, now), demo_content.resident(3, now), None]
    for days, (author, row) in enumerate(zip(authors, REPLIES, strict=True)):
        reply = Reply.objects.create(form=form, author=author, answers=_answers(definition, row), created_at=now - timedelta(days=days + 1))
        QuestionnaireReply.objects.create(
            questionnaire=questionnaire, reply=reply, author=author, one_per_person=author is not None
        )
        replies.submit(reply, definition, segment=row[-1], submitted_at=now - timedelta(days=days + 1))
        note_participant_in_step(author, step)  # what the questionnaire's submission does
