"""The questionnaire's back office (/gestion/questionnaires/): roles × instances, the answers and one answer,
statistics with private questions, the export job, the reply settings as fields."""

import csv
import io

import pytest

from participe.exports.models import Job
from participe.instances.scoping import in_instance
from participe.modules.questionnaires.models import Questionnaire
from tests.conftest import host_client, make_user
from tests.forms.builders import english_client
from tests.questionnaires import test_results_and_exports as shared
from tests.questionnaires.test_results_and_exports import add_reply

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# The results tests' questionnaire (every question type, a private one) and its three answers.
poll = shared.poll
answered = shared.answered

PAGES = ["answers", "statistics", "export", "settings"]


def url(questionnaire, page):
    return f"/gestion/questionnaires/steps/{questionnaire.step_id}/{page}/"


@pytest.fixture
def admin(admin_a):
    return english_client("a.test", admin_a)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_answers_each_role_and_no_other_instance(page, poll, instance_a, admin, moderator_a, participant_a, admin_b):
    questionnaire, _questions = poll
    assert admin.get(url(questionnaire, page)).status_code == 200
    manager = make_user(instance_a, "chef@a.test")
    with in_instance(instance_a):
        questionnaire.step.project.administrators.add(manager)
    assert host_client("a.test", manager).get(url(questionnaire, page)).status_code == 200
    assert host_client("a.test", moderator_a).get(url(questionnaire, page)).status_code == 403
    assert host_client("a.test", participant_a).get(url(questionnaire, page)).status_code == 403
    anonymous = host_client("a.test").get(url(questionnaire, page))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert host_client("b.test", admin_b).get(url(questionnaire, page)).status_code == 404


def test_the_step_page_lists_the_questionnaire_editors(poll, admin):
    questionnaire, _questions = poll
    page = admin.get(f"/gestion/steps/{questionnaire.step_id}/").content.decode()
    for target in [f"/gestion/forms/{questionnaire.form_id}/", *(url(questionnaire, p) for p in PAGES)]:
        assert f'href="{target}"' in page
    assert f'href="/gestion/steps/{questionnaire.step_id}/settings/"' not in page  # the settings are the module's page


def test_the_answers_are_listed_page_by_page_and_each_opens(
    answered, admin, instance_a, participant_a, django_assert_max_num_queries
):
    questionnaire, questions = answered
    for n in range(3):
        add_reply(questionnaire, questions, ["Piscine"], n, f"Idée {n}", ["Sécurité", "Propreté"], {"Tram": 3, "Bus": 3})
    with django_assert_max_num_queries(20):
        listing = admin.get(url(questionnaire, "answers"))
    content = listing.content.decode()
    assert "6 answers sent." in content and content.count("Answer no. ") == 6
    with in_instance(instance_a):
        first = Questionnaire.objects.get(pk=questionnaire.pk).replies.order_by("reply_id").first().reply_id
    one = admin.get(url(questionnaire, f"answers/{first}")).content.decode()
    assert "Parc | Piscine" in one and "06 00 00 00 01" in one and "private" in one  # private questions too
    assert "Older answer" not in one and "Newer answer" in one
    assert admin.get(url(questionnaire, "answers/999999")).status_code == 404
    assert admin.get(url(questionnaire, "answers"), {"page": "²"}).status_code == 200
    # Another questionnaire's answer is not found through this step.
    from tests.questionnaires.conftest import make_questionnaire

    other, other_questions = make_questionnaire(instance_a, [("short_text", "Nom", {})], slug="autre")
    assert admin.get(url(other, f"answers/{first}")).status_code == 404


def test_statistics_show_every_question_and_filter(answered, admin):
    questionnaire, _questions = answered
    page = admin.get(url(questionnaire, "statistics")).content.decode()
    assert "3 answers" in page and "Téléphone du référent" in page and "Équipements" in page
    filtered = admin.get(url(questionnaire, "statistics"), {"segment": "Association"}).content.decode()
    assert "1 answer" in filtered
    wrong = admin.get(url(questionnaire, "statistics"), {"since": "2030-01-02", "until": "2030-01-01"})
    assert wrong.status_code == 400 and "The end of the period must come after its start." in wrong.content.decode()
    assert admin.get(url(questionnaire, "statistics"), {"since": "not a date"}).status_code == 400


def test_the_export_runs_as_a_job_linked_from_the_page(
    answered, admin, admin_a, instance_a, django_capture_on_commit_callbacks
):
    questionnaire, _questions = answered
    assert admin.post(url(questionnaire, "export"), {"format": "pdf"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        started = admin.post(url(questionnaire, "export"), {"format": "csv"})
    assert started.status_code == 302
    for callback in callbacks:  # the worker runs the job (eagerly in tests)
        callback()
    with in_instance(instance_a):
        job = Job.objects.get(user=admin_a)
    assert started["Location"] == job.get_absolute_url()
    done = admin.get(started["Location"]).content.decode()
    assert "Done" in done
    download = admin.get(f"{started['Location']}download/")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 4 and rows[0][3] == "Équipements"
    page = admin.get(url(questionnaire, "export")).content.decode()
    assert f'href="{job.get_absolute_url()}"' in page and "Your recent exports" in page


def test_the_reply_settings_are_fields(poll, admin, instance_a):
    questionnaire, _questions = poll
    page = admin.get(url(questionnaire, "settings")).content.decode()
    assert 'type="checkbox" name="allow_anonymous"' in page and "JSON" not in page
    saved = admin.post(url(questionnaire, "settings"), {
        "allow_anonymous": "on", "multiple_replies": "on", "thanks_message": "Merci beaucoup !",
    })
    assert saved.status_code == 302
    with in_instance(instance_a):
        questionnaire.refresh_from_db()
        assert questionnaire.allow_anonymous and questionnaire.multiple_replies
        assert not questionnaire.results_public and not questionnaire.acknowledge_by_email
        assert questionnaire.thanks_message == "Merci beaucoup !"
    too_long = admin.post(url(questionnaire, "settings"), {"thanks_message": "\x00"})
    assert too_long.status_code == 400


def test_the_questionnaire_back_office_speaks_french(poll, admin_a):
    questionnaire, _questions = poll
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "fr"
    page = client.get(url(questionnaire, "settings")).content.decode()
    assert "Réglages des réponses" in page and "On peut répondre sans compte" in page
