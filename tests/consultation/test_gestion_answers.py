"""Official answers and the final text in the back office: decisions tell the authors, retained wording joins the text."""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Opinion
from participe.notifications.models import Notification
from participe.participation.models import Status
from tests.conftest import host_client
from tests.consultation.conftest import ARTICLE, build_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(instance_a, admin_a, participant_a):
    data = build_consultation(instance_a, "open", opinions=1, author=admin_a)
    with in_instance(instance_a):
        data["amendment"] = Amendment.objects.create(
            step=data["step"], opinion=data["opinions"][0], author=participant_a, title="Deux langues",
            body=ARTICLE.replace("au moins une langue", "au moins deux langues"), explanation="Plus de langues.",
        )
        data["opinion"] = Opinion.objects.create(
            step=data["step"], consultation=data["consultation"], section=data["section"], author=participant_a,
            title="Une idée", body="<p>Traduire les sites.</p>",
        )
    return data


@pytest.fixture
def client(admin_a):
    return host_client("a.test", admin_a)


def notifications(instance, user):
    with in_instance(instance):
        return list(Notification.objects.filter(user=user, kind="contribution_answered").values_list("target_id", flat=True))


def test_the_list_shows_what_waits_for_an_answer(client, data, django_assert_max_num_queries, instance_a, participant_a):
    url = f"/gestion/consultation/{data['consultation'].pk}/answers/"
    with in_instance(instance_a):
        for n in range(10):
            Opinion.objects.create(step=data["step"], consultation=data["consultation"], section=data["section"],
                                   author=participant_a, title=f"Idée {n}", body="<p>x</p>")
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert "Une idée" in page and "Deux langues" in page and "Idée 9" in page
    assert "Article 1" not in page.split("<h2>")[1]  # the institution's articles are not opinions to answer
    assert client.get(url + "?show=answered&opinions=abc&amendments=-4").status_code == 200


def test_answering_an_opinion_publishes_it_and_tells_its_author(client, data, instance_a, participant_a):
    opinion = data["opinion"]
    url = f"/gestion/consultation/opinions/{opinion.pk}/answer/"
    assert "Traduire les sites." in client.get(url).content.decode()
    response = client.post(url, {"answer_status": "taken", "official_answer": "Nous traduirons.\n\nEn 2027."})
    assert response.status_code == 302
    with in_instance(instance_a):
        opinion.refresh_from_db()
    assert opinion.answer_status == "taken" and opinion.official_answer == "<p>Nous traduirons.</p>\n\n<p>En 2027.</p>"
    assert opinion.answered_by_id is not None
    assert notifications(instance_a, participant_a) == [opinion.pk]
    page = client.get(f"/gestion/consultation/{data['consultation'].pk}/answers/").content.decode()
    assert "Une idée" not in page  # answered: no longer waiting
    assert "Une idée" in client.get(f"/gestion/consultation/{data['consultation'].pk}/answers/?show=answered").content.decode()


def test_an_empty_or_malformed_answer_is_refused(client, data):
    url = f"/gestion/consultation/amendments/{data['amendment'].pk}/answer/"
    response = client.post(url, {"answer_status": "", "official_answer": ""})
    assert response.status_code == 400 and "Choose a decision or write an answer." in response.content.decode()
    assert client.post(url, {"answer_status": "maybe"}).status_code == 400


def test_the_article_of_the_text_can_be_answered_too(client, data, instance_a):
    article = data["opinions"][0]
    response = client.post(f"/gestion/consultation/opinions/{article.pk}/answer/", {"official_answer": "Réponse."})
    assert response.status_code == 302
    with in_instance(instance_a):
        article.refresh_from_db()
    assert article.official_answer == "<p>Réponse.</p>"


def test_the_final_text_retains_an_amendment_and_writes_it_in(client, data, instance_a, participant_a):
    amendment, article = data["amendment"], data["opinions"][0]
    url = f"/gestion/consultation/{data['consultation'].pk}/final/"
    page = client.get(url).content.decode()
    assert "Deux langues" in page and "Unchanged." in page
    response = client.post(f"/gestion/consultation/amendments/{amendment.pk}/decide/", {"decision": "apply"})
    assert response.status_code == 302 and response["Location"].endswith(f"#article-{article.pk}")
    with in_instance(instance_a):
        amendment.refresh_from_db()
        article.refresh_from_db()
    assert amendment.answer_status == "taken" and article.body == amendment.body and article.original_body == ARTICLE
    assert notifications(instance_a, participant_a) == [amendment.pk]
    page = client.get(url).content.decode()
    assert "<ins>" in page and "deux" in page
    # What changed, as participants see it, shows the retained amendment.
    public = client.get(f"/consultation/{data['consultation'].pk}/changes/").content.decode()
    assert "Deux langues" in public


def test_rejecting_an_amendment_leaves_the_text(client, data, instance_a):
    amendment, article = data["amendment"], data["opinions"][0]
    client.post(f"/gestion/consultation/amendments/{amendment.pk}/decide/", {"decision": "not_retained"})
    with in_instance(instance_a):
        amendment.refresh_from_db()
        article.refresh_from_db()
    assert amendment.answer_status == "not_retained" and article.body == ARTICLE
    response = client.post(f"/gestion/consultation/amendments/{amendment.pk}/decide/", {"decision": "whatever"})
    assert response.status_code == 302
    with in_instance(instance_a):
        amendment.refresh_from_db()
    assert amendment.answer_status == "not_retained"


def test_hidden_amendments_are_not_offered(client, data, instance_a):
    with in_instance(instance_a):
        Amendment.objects.filter(pk=data["amendment"].pk).update(status=Status.HIDDEN)
    assert "Deux langues" not in client.get(f"/gestion/consultation/{data['consultation'].pk}/final/").content.decode()


def test_an_argument_is_answered_and_the_answer_shows_under_it(client, data, instance_a, participant_a):
    from participe.modules.consultation.models import Argument

    with in_instance(instance_a):
        argument = Argument.objects.create(step=data["step"], amendment=data["amendment"], author=participant_a,
                                           side="against", body="Trop coûteux pour les petites communes.")
        Amendment.objects.filter(pk=data["amendment"].pk).update(arguments_against_count=1)
    listing = client.get(f"/gestion/consultation/{data['consultation'].pk}/answers/").content.decode()
    url = f"/gestion/consultation/arguments/{argument.pk}/answer/"
    assert url in listing
    assert "Trop coûteux" in client.get(url).content.decode()
    response = client.post(url, {"answer_status": "taken", "official_answer": "Une aide est prévue."})
    assert response.status_code == 302
    assert notifications(instance_a, participant_a) == [argument.pk]
    public = client.get(f"/consultation/amendment/{data['amendment'].pk}/").content.decode()
    assert "Une aide est prévue." in public
