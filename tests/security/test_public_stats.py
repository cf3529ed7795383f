"""Public questionnaire results do not list what fewer than PUBLIC_STATS_MIN_COUNT people answered: a word
written by one person could name them (finding 11 of issue 16). Staff still see everything."""

import pytest

from tests.forms.builders import english_client
from tests.questionnaires.test_results_and_exports import add_reply, poll  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def replies(poll):  # noqa: F811 - the fixture imported above
    questionnaire, questions = poll
    for n in range(5):
        add_reply(questionnaire, questions, ["Parc"], 100 + n, "arbres partout", ["Sécurité", "Propreté"],
                  {"Tram": 5, "Bus": 4})
    add_reply(questionnaire, questions, ["Piscine"], 999999, "zorglub arbres", ["Propreté", "Sécurité"],
              {"Tram": 1, "Bus": 1})
    return questionnaire


def test_words_and_counts_of_fewer_people_than_k_are_not_public(replies, settings):
    settings.PUBLIC_STATS_MIN_COUNT = 5
    page = english_client("a.test").get(f"/questionnaires/{replies.pk}/results/").content.decode()
    assert "arbres" in page  # six people used it
    assert "zorglub" not in page  # one person did
    assert "&lt; 5" in page  # Piscine: one answer
    assert "999999" not in page  # the largest number is one person's answer
    assert "83.3 %" in page  # Parc: five of the six answers, shown as it is


def test_the_staff_see_every_count(replies, settings, admin_a):
    settings.PUBLIC_STATS_MIN_COUNT = 5
    page = english_client("a.test", admin_a).get(f"/questionnaires/{replies.pk}/results/").content.decode()
    assert "zorglub" in page and "999999" in page and "&lt; 5" not in page
