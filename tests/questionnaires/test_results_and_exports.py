"""Results from aggregated counts, filters, public/private, CSV/XLSX exports and CSV imports."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from participe.forms import replies as reply_service
from participe.forms.models import Reply
from participe.instances.scoping import in_instance
from participe.modules.questionnaires.models import QuestionnaireReply
from tests.forms.builders import choice_id, english_client
from tests.questionnaires.conftest import make_questionnaire

# Assertions read the English source strings (the French catalogue is tested apart).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def poll(instance_a):
    questionnaire, questions = make_questionnaire(
        instance_a,
        [
            ("multiple_choice", "Équipements", {"choices": ["Parc", "Piscine", "Bibliothèque"], "other": True}),
            ("number", "Budget", {"config": {"integer": True}}),
            ("long_text", "Idées", {}),
            ("ranking", "Priorités", {"choices": ["Sécurité", "Propreté"]}),
            ("majority_judgment", "Projets", {"choices": ["Tram", "Bus"]}),
            ("short_text", "Téléphone du référent", {"private": True}),
        ],
        results_public=True,
    )
    return questionnaire, questions


def add_reply(questionnaire, questions, picks, budget, idea, ranking, grades, segment="Habitant", secret="", days_ago=0):
    equipment, budget_q, ideas, priorities, projects, private = questions
    with in_instance(questionnaire.instance):
        definition = questionnaire.form.definition()
        answers = {
            str(equipment.pk): {"choices": [int(choice_id(equipment, p)) for p in picks]},
            str(budget_q.pk): budget,
            str(ideas.pk): idea,
            str(priorities.pk): [int(choice_id(priorities, label)) for label in ranking],
            str(projects.pk): {choice_id(projects, k): v for k, v in grades.items()},
        }
        if secret:
            answers[str(private.pk)] = secret
        reply = Reply.objects.create(form=questionnaire.form, answers=answers, created_at=timezone.now() - timedelta(days=days_ago))
        QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=reply, one_per_person=False)
        reply_service.submit(reply, definition, segment=segment, submitted_at=timezone.now() - timedelta(days=days_ago))
        return reply


@pytest.fixture
def answered(poll):
    questionnaire, questions = poll
    add_reply(questionnaire, questions, ["Parc", "Piscine"], 100, "Plus d'arbres dans les parcs", ["Sécurité", "Propreté"],
              {"Tram": 6, "Bus": 2}, secret="06 00 00 00 01")
    add_reply(questionnaire, questions, ["Parc"], 300, "Des arbres et des bancs", ["Propreté", "Sécurité"], {"Tram": 5, "Bus": 4})
    add_reply(questionnaire, questions, ["Bibliothèque"], 200, "Ouvrir le dimanche", ["Sécurité", "Propreté"],
              {"Tram": 1, "Bus": 4}, segment="Association")
    return questionnaire, questions


def test_public_results_show_counts_medians_words_rankings_and_merit_profiles(
    answered, django_assert_max_num_queries, settings
):
    settings.PUBLIC_STATS_MIN_COUNT = 0  # three replies: small counts are shown here (tests/security/test_public_stats.py)
    questionnaire, questions = answered
    client = english_client("a.test")
    with django_assert_max_num_queries(14):
        response = client.get(f"/questionnaires/{questionnaire.pk}/results/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "3 replies" in content
    assert "<table" in content and "66.7 %" in content  # Parc: 2 of 3
    assert "arbres" in content  # the frequent word of the ideas
    assert "<td>200</td>" in content  # median budget
    assert "Téléphone du référent" not in content and "06 00" not in content  # private question
    assert content.index("Tram") < content.index("Bus")  # majority grade of Tram: Très bien (5) vs Bus: Assez bien (4)


def test_results_cost_the_same_queries_for_many_replies(answered, django_assert_max_num_queries):
    questionnaire, questions = answered
    for n in range(10):
        add_reply(questionnaire, questions, ["Parc"], n, f"Idée numéro {n} originale", ["Sécurité", "Propreté"], {"Tram": n % 7, "Bus": 3})
    client = english_client("a.test")
    with django_assert_max_num_queries(14):
        assert client.get(f"/questionnaires/{questionnaire.pk}/results/").status_code == 200


def test_filters_by_user_type_and_date(answered):
    questionnaire, questions = answered
    add_reply(questionnaire, questions, ["Piscine"], 1, "Ancienne", ["Sécurité", "Propreté"], {"Tram": 0, "Bus": 0}, days_ago=30)
    client = english_client("a.test")
    page = client.get(f"/questionnaires/{questionnaire.pk}/results/", {"segment": "Association"}).content.decode()
    assert "1 reply" in page
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    page = client.get(f"/questionnaires/{questionnaire.pk}/results/", {"since": since}).content.decode()
    assert "3 replies" in page
    bad = client.get(f"/questionnaires/{questionnaire.pk}/results/", {"since": "2024-05-02", "until": "2024-05-01"})
    assert bad.status_code == 200 and "must come after its start" in bad.content.decode()


def test_private_results_are_for_staff_only(answered, participant_a, admin_a, instance_a):
    questionnaire, questions = answered
    with in_instance(instance_a):
        questionnaire.results_public = False
        questionnaire.save()
    url = f"/questionnaires/{questionnaire.pk}/results/"
    assert english_client("a.test").get(url).status_code == 404
    assert english_client("a.test", participant_a).get(url).status_code == 404
    page = english_client("a.test", admin_a).get(url).content.decode()
    assert "Téléphone du référent" in page and "Export the replies" in page


def test_csv_export_one_row_per_reply_answers_joined(answered, admin_a, participant_a, admin_b):
    questionnaire, questions = answered
    url = f"/questionnaires/{questionnaire.pk}/export.csv"
    assert english_client("a.test", participant_a).get(url).status_code == 404
    assert english_client("b.test", admin_b).get(url).status_code == 404
    response = english_client("a.test", admin_a).get(url)
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Reply", "Submitted at", "User type", "Équipements"]
    assert len(rows) == 4
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Équipements"] == "Parc | Piscine"
    assert first["Priorités"] == "Sécurité | Propreté"
    assert first["Projets"] == "Tram: Excellent | Bus: Passable"
    assert first["Téléphone du référent"] == "06 00 00 00 01"


def test_xlsx_export_is_prepared_in_the_background(
    answered, admin_a, participant_a, admin_b, instance_a, django_capture_on_commit_callbacks
):
    questionnaire, questions = answered
    url = f"/questionnaires/{questionnaire.pk}/export.xlsx"
    client = english_client("a.test", admin_a)
    assert "Prepare the replies as a spreadsheet (XLSX)" in client.get(f"/questionnaires/{questionnaire.pk}/results/").content.decode()
    assert client.get(url).status_code == 405  # starting a job is a POST
    assert english_client("a.test", participant_a).post(url).status_code == 404
    assert english_client("b.test", admin_b).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url)
    assert response.status_code == 302
    job_url = response["Location"]
    waiting = client.get(job_url).content.decode()
    assert "Waiting" in waiting and "refreshes itself" in waiting and "/download/" not in waiting
    for callback in callbacks:  # the worker runs the job (eagerly in tests)
        callback()
    ready = client.get(job_url).content.decode()
    assert "Done" in ready and f"{job_url}download/" in ready
    download = client.get(f"{job_url}download/")
    assert download.status_code == 200
    assert english_client("a.test", participant_a).get(f"{job_url}download/").status_code in (302, 404)
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[0][:4] == ("Reply", "Submitted at", "User type", "Équipements")
    assert rows[1][3] == "Parc | Piscine" and rows[1][6] == "Sécurité | Propreté"


def exported_csv(questionnaire, admin):
    response = english_client("a.test", admin).get(f"/questionnaires/{questionnaire.pk}/export.csv")
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_export_imports_back_through_the_command(answered, admin_a, instance_a, tmp_path):
    questionnaire, questions = answered
    path = tmp_path / "replies.csv"
    path.write_text(exported_csv(questionnaire, admin_a), encoding="utf-8")
    call_command("import_questionnaire_replies", "--instance", "a.test", str(questionnaire.pk), str(path))
    with in_instance(instance_a):
        assert Reply.objects.filter(form=questionnaire.form, is_draft=False).count() == 6
        imported = Reply.objects.order_by("-pk").first()
    equipment, budget, ideas, priorities, projects, private = questions
    assert imported.answers[str(budget.pk)] == 200
    page = english_client("a.test").get(f"/questionnaires/{questionnaire.pk}/results/").content.decode()
    assert "6 replies" in page


def test_import_refuses_bad_cells_and_imports_nothing(answered, admin_a, instance_a):
    questionnaire, questions = answered
    bad = "Équipements;Budget;Priorités;Colonne inconnue\nParc;beaucoup;;x\nTrampoline;10;Sécurité | Vélo;y\n"
    client = english_client("a.test", admin_a)
    url = f"/admin/questionnaires/questionnaire/{questionnaire.pk}/import/"
    assert client.get(url).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile("r.csv", bad.encode())})
    content = response.content.decode()
    assert "Unknown column: Colonne inconnue" in content
    assert "Line 2, “Budget”: Enter a whole number." in content
    assert "Line 3, “Priorités”: Not a ranking of this question" in content
    with in_instance(instance_a):
        assert Reply.objects.filter(form=questionnaire.form).count() == 3
    good = "Équipements;Budget\nParc | Piscine;10\n"
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", good.encode())})
    assert response.status_code == 302
    with in_instance(instance_a):
        assert Reply.objects.filter(form=questionnaire.form).count() == 4


def test_import_page_is_for_admins_of_the_instance(answered, participant_a, admin_b):
    questionnaire, _questions = answered
    url = f"/admin/questionnaires/questionnaire/{questionnaire.pk}/import/"
    assert english_client("a.test", participant_a).get(url).status_code == 302
    assert english_client("b.test", admin_b).get(url).status_code in (302, 404)
