"""The CSV built by PostgreSQL's COPY is byte for byte the Python path's, for every exportable question type."""

import csv
import io

import pytest
from django.db import connection
from django.utils import timezone, translation

from participe.exports.writers import iter_csv
from participe.forms import export_sql
from participe.forms import replies as reply_service
from participe.forms.export import ReplyExporter
from participe.forms.models import Choice, Reply
from participe.instances.scoping import in_instance
from participe.modules.questionnaires.models import QuestionnaireReply
from tests.forms.builders import english_client
from tests.questionnaires.conftest import make_questionnaire

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

QUESTIONS = [
    ("section", "Début", {}),
    ("short_text", "Nom, prénom", {}),
    ("long_text", "Idées", {}),
    ("rich_text", "Texte riche", {}),
    ("number", "Budget", {"config": {"decimals": 6}}),
    ("email", "Courriel", {}),
    ("phone", "Téléphone", {}),
    ("date", "Date", {}),
    ("single_choice", "Transport", {"choices": ["Vélo", "Voiture, électrique", "-Aucun"], "other": True}),
    ("multiple_choice", "Équipements", {"choices": ["Parc", 'Piscine "olympique"', "Bibliothèque"], "other": True}),
    ("ranking", "Priorités", {"choices": ["Sécurité", "Propreté", "=Bruit"]}),
    ("majority_judgment", "Projets", {"choices": ["Tram", "Bus"], "config": {"levels": 6}}),
    ("file", "Pièce jointe", {}),
    ("siret", "SIRET", {}),
    ("rna", "RNA", {}),
    ("short_text", "Masquée", {"hidden": True}),
    # More choices than export_sql.UNROLLED_UP_TO: the labels are joined by a subquery.
    ("multiple_choice", "Mois", {"choices": [f"Mois {n}" for n in range(1, 13)]}),
]

TRICKY_TEXTS = [
    "=SUM(A1:A3)", "+33 6 12", "-12", "-1_000", " -inf", "-1.5e3", "@moi", "\tsaisie", "\rretour", "- tiret",
    'guillemets "doubles"', "virgule, ici", "ligne 1\nligne 2", "CR\r\nLF", "", "é à ü 😀", "\\.", " espace ",
]


def build(instance):
    questionnaire, questions = make_questionnaire(instance, QUESTIONS, results_public=True)
    by_title = {q.title: q for q in questions}
    return questionnaire, by_title


def ids(question):
    return {c.label: c.pk for c in question.choices.all()}


def answers_for(n, q):
    text = TRICKY_TEXTS[n % len(TRICKY_TEXTS)]
    transport, equipment, ranking, projects = (ids(q[t]) for t in ("Transport", "Équipements", "Priorités", "Projets"))
    answers = {
        str(q["Nom, prénom"].pk): text,
        str(q["Idées"].pk): TRICKY_TEXTS[(n + 3) % len(TRICKY_TEXTS)],
        str(q["Texte riche"].pk): "<p>Un <strong>texte</strong>, riche</p>",
        str(q["Budget"].pk): [12, -3, 0.00001, 1234.5, 10**20, 0.1, -7.25][n % 7],
        str(q["Courriel"].pk): ["-camille@example.org", "=x@example.org", "dom@example.org"][n % 3],
        str(q["Téléphone"].pk): ["+33612345678", "0612345678"][n % 2],
        str(q["Date"].pk): "2024-05-17",
        str(q["Transport"].pk): [
            {"choice": transport["Vélo"]},
            {"choice": transport["Autre"], "other": text},
            {"choice": transport["-Aucun"]},
            {"choice": 999999},
        ][n % 4],
        str(q["Équipements"].pk): [
            {"choices": [equipment["Piscine \"olympique\""], equipment["Parc"]]},
            {"choices": [equipment["Parc"], equipment["Autre"]], "other": "=1+1"},
            {"choices": [equipment["Bibliothèque"], 999998]},
            # More ids than choices (some deleted since): the exact, slower path.
            {"choices": [999991, 999992, 999993, 999994, equipment["Parc"], 999995]},
        ][n % 4],
        str(q["Priorités"].pk): [
            [ranking["=Bruit"], ranking["Sécurité"], ranking["Propreté"]],
            [ranking["Propreté"], ranking["Sécurité"], ranking["=Bruit"]],
            [ranking["Sécurité"]],
        ][n % 3],
        str(q["Projets"].pk): [
            {str(projects["Bus"]): 0, str(projects["Tram"]): 5},
            {str(projects["Tram"]): 3, "999997": 1},
        ][n % 2],
        str(q["Pièce jointe"].pk): {"file": 1, "name": ["=calc.pdf", "plan, v2.pdf"][n % 2]},
        str(q["SIRET"].pk): "73282932000074",
        str(q["RNA"].pk): "W751234567",
        str(q["Masquée"].pk): f"caché {n}",
        str(q["Mois"].pk): {"choices": [ids(q["Mois"])[f"Mois {m}"] for m in (12, 1 + n % 11, 5)] + [999990] * (n % 2)},
    }
    if n % 5 == 4:  # a reply that skipped most questions
        answers = {str(q["Nom, prénom"].pk): text}
    return answers


def fill(questionnaire, q, count=40):
    definition = questionnaire.form.definition()
    segments = ["", "Habitant", "=Association", "Entreprise, PME"]
    for n in range(count):
        reply = Reply.objects.create(form=questionnaire.form, answers=answers_for(n, q))
        QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=reply, one_per_person=False)
        reply_service.submit(reply, definition, segment=segments[n % 4])
    draft = Reply.objects.create(form=questionnaire.form, answers=answers_for(1, q))
    QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=draft, one_per_person=False)


def both_outputs(questionnaire):
    replies = Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire, is_draft=False)
    exporter = ReplyExporter(questionnaire.form.definition(), replies)
    python = "".join(iter_csv(exporter)).encode()
    assert export_sql.supported(exporter)
    return python, b"".join(exporter.csv_chunks())


@postgres_only
def test_copy_gives_the_python_path_bytes_for_every_type(instance_a, instance_b):
    with translation.override("en"):
        questionnaire, q = build(instance_a)
        with in_instance(instance_a):
            fill(questionnaire, q)
            Choice.objects.filter(question=q["Transport"], label="Vélo").update(label="Vélo @ assistance")
            Reply.objects.filter(pk=Reply.objects.filter(is_draft=False).order_by("pk")[1].pk).update(submitted_at=None)
        other, other_q = build(instance_b)
        with in_instance(instance_b):
            fill(other, other_q, count=3)
        with in_instance(instance_a):
            python, copied = both_outputs(questionnaire)
    assert copied == python
    rows = list(csv.reader(io.StringIO(copied.decode("utf-8-sig"), newline="")))
    assert len(rows) == 41  # header + 40 submitted replies: no draft, nothing of the other instance
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Nom, prénom"] == "'=SUM(A1:A3)"
    assert first["Équipements"] == 'Piscine "olympique" | Parc'
    assert first["Priorités"] == "'=Bruit | Sécurité | Propreté"
    assert first["Projets"] == "Tram: Excellent | Bus: À rejeter"  # options' order, not the stored keys'
    assert first["Budget"] == "12" and first["Courriel"] == "'-camille@example.org"
    second = dict(zip(header, rows[2], strict=True))
    assert second["Submitted at"] == "" and second["Nom, prénom"] == "'+33 6 12"
    assert second["Budget"] == "-3" and second["Transport"] == "Autre | +33 6 12"
    third = dict(zip(header, rows[3], strict=True))
    assert third["Budget"] == "0.00001" and third["Nom, prénom"] == "-12"  # a number is not guarded
    assert third["Équipements"] == "Bibliothèque | "
    assert dict(zip(header, rows[4], strict=True))["Équipements"] == " |  |  |  | Parc | "
    assert dict(zip(header, rows[5], strict=True))["Budget"] == ""  # skipped
    assert first["Mois"] == "Mois 12 | Mois 1 | Mois 5" and second["Mois"] == "Mois 12 | Mois 2 | Mois 5 | "
    assert b"\r\n" in copied and b"\n\n" not in copied


@postgres_only
def test_http_export_on_postgresql_is_the_copy(instance_a, admin_a):
    questionnaire, q = build(instance_a)
    with in_instance(instance_a), translation.override("en"):
        fill(questionnaire, q, count=5)
        _python, copied = both_outputs(questionnaire)
    response = english_client("a.test", admin_a).get(f"/questionnaires/{questionnaire.pk}/export.csv")
    assert response.status_code == 200 and response.streaming
    assert b"".join(response.streaming_content) == copied


def test_titles_and_labels_cannot_inject_sql(instance_a):
    """Titles and labels are quoted literals in the COPY statement (read here, run on PostgreSQL above)."""
    evil = "x'); DROP TABLE forms_reply; --"
    questionnaire, (question,) = make_questionnaire(
        instance_a, [("single_choice", evil, {"choices": [evil, "O'Brien"]})], slug="evil"
    )
    with in_instance(instance_a):
        reply = Reply.objects.create(form=questionnaire.form, answers={str(question.pk): {"choice": ids(question)[evil]}})
        QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=reply, one_per_person=False)
        reply_service.submit(reply, questionnaire.form.definition(), segment="")
        exporter = ReplyExporter(
            questionnaire.form.definition(), Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire)
        )
        rows = list(csv.reader(io.StringIO(b"".join(exporter.csv_chunks()).decode("utf-8-sig"))))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                statement = export_sql.copy_statement(exporter, cursor.cursor)
            # Inside quoted literals (a label map in JSON): every quote doubled.
            assert "x''); DROP TABLE forms_reply; --" in statement and "O''Brien" in statement
            assert "x'); DROP" not in statement.replace("x''); DROP", "")
            assert timezone.get_current_timezone_name() in statement
    assert rows[0][3] == evil and rows[1][3] == evil
